/** What a representative browses and fixes in the console: org, case and outbox lists, retries, the country table. */
import { StaffRole } from '../../server/staff/staff.entity';
import { Harness, startHarness } from '../support/harness';
import { SmtpPeer } from '../support/smtp-peer';
import { bookOrder, partnerReadyToConfirm, USER_ERRORS, WizardClient } from '../support/wizard';

let h: Harness;
let rep: string;
let admin: string;
beforeAll(async () => {
  h = await startHarness();
  rep = await h.staffToken(StaffRole.REP);
  admin = await h.staffToken(StaffRole.ADMIN);
});
afterAll(() => h.close());

const START_TRIAL = `mutation ($input: CustomerOrgStartTrialInput!) { customerOrgStartTrial(input: $input) { customerOrg { id } ${USER_ERRORS} } }`;

async function startTrial(name: string, adminEmail: string, days: number) {
  const result = await h.gql(START_TRIAL, { input: { companyName: name, countryCode: 'DE', adminEmail, days } }, { token: rep });
  return result.data.customerOrgStartTrial.customerOrg.id as string;
}

test('customer orgs filter by name, country and effective trial state; an org lists the orders on it', async () => {
  const expiring = await startTrial('Fabrikam Trial', 'it@fabrikam-lists.example', 3);
  const lasting = await startTrial('Tailspin Trial', 'it@tailspin-lists.example', 60);
  h.clock.advanceDays(4);
  try {
    const rep = await h.staffToken(StaffRole.REP);
    const list = async (filter: Record<string, unknown>) =>
      (
        await h.gql(
          `query ($filter: CustomerOrgFilter) { customerOrgs(filter: $filter) { totalCount nodes { id trialStatus } } }`,
          { filter },
          { token: rep },
        )
      ).data.customerOrgs;
    expect(await list({ trialStatus: 'EXPIRED' })).toEqual({ totalCount: 1, nodes: [{ id: expiring, trialStatus: 'EXPIRED' }] });
    expect(await list({ trialStatus: 'ACTIVE' })).toEqual({ totalCount: 1, nodes: [{ id: lasting, trialStatus: 'ACTIVE' }] });
    expect((await list({ search: 'TAILSPIN' })).nodes).toEqual([{ id: lasting, trialStatus: 'ACTIVE' }]);
    expect((await list({ search: 'fabrikam-lists' })).nodes).toEqual([{ id: expiring, trialStatus: 'EXPIRED' }]);
    expect((await list({ countryCode: 'fr' })).totalCount).toBe(0);
    const soon = await list({ trialExpiresBefore: new Date(h.clock.now().getTime() + 7 * 86_400_000).toISOString() });
    expect(soon.nodes.map((org: { id: string }) => org.id)).toEqual([expiring]);
  } finally {
    h.clock.set('2026-11-24T09:00:00Z');
  }

  const { order } = await bookOrder(h, { trialCustomerOrgId: lasting });
  const orders = await h.gql(
    `query ($id: ID!) { customerOrg(id: $id) { orders { totalCount nodes { id } } } }`,
    { id: lasting },
    { token: rep },
  );
  expect(orders.data.customerOrg.orders).toEqual({ totalCount: 1, nodes: [{ id: order.id }] });
});

test('partner orgs list and show their orders; the case queue is oldest first', async () => {
  const { order, linkToken } = await bookOrder(h, { provisioningContactEmail: 'lee@litware-lists.example' });
  const wizard = await WizardClient.open(h, linkToken!);
  await partnerReadyToConfirm(wizard, { partnerAdmin: 'admin@litware-lists.example', customerAdmin: 'it@woodgrove-lists.example' });
  const mapped = await wizard.confirm();
  const partners = await h.gql(
    `{ partnerOrgs(filter: { search: "northwind" }) { totalCount nodes { id orders { nodes { id } } } } }`,
    {},
    { token: rep },
  );
  expect(partners.data.partnerOrgs).toEqual({
    totalCount: 1,
    nodes: [{ id: mapped.partnerOrg.id, orders: { nodes: [{ id: order.id }] } }],
  });

  const report = async (message: string) => {
    const { linkToken: token } = await bookOrder(h);
    const reporter = await WizardClient.open(h, token!);
    await reporter.step('ReportProblem', { kind: 'OTHER', message }, 'case { id }');
    h.clock.advanceMinutes(5);
  };
  await report('first');
  await report('second');
  const queue = await h.gql(`{ cases(filter: { status: OPEN }) { totalCount nodes { message } } }`, {}, { token: rep });
  expect(queue.data.cases.nodes.map((c: { message: string }) => c.message)).toEqual(['first', 'second']);
  h.clock.set('2026-11-24T09:00:00Z');
});

test('an email waiting after a failure is retried on request; a delivered one cannot be', async () => {
  // This scenario needs a relay that refuses, then accepts: its own server, delivering to a real SMTP peer.
  const peer = await SmtpPeer.start();
  const mailed = await startHarness({ smtpUrl: peer.url });
  try {
    await retryScenario(mailed, peer, await mailed.staffToken(StaffRole.REP));
  } finally {
    await mailed.close();
    await peer.close();
  }
});

async function retryScenario(h: Harness, peer: SmtpPeer, rep: string) {
  peer.refuse(451);
  const { order } = await bookOrder(h, { provisioningContactEmail: 'sam@retry-lists.example' });
  const emails = async () =>
    (await h.gql(`query ($id: ID!) { order(id: $id) { emails { id status attempts lastError } } }`, { id: order.id }, { token: rep })).data
      .order.emails;
  const [waiting] = await emails();
  expect(waiting).toMatchObject({ status: 'PENDING', attempts: 1 });
  expect(waiting.lastError).toMatch(/451/);

  peer.accept();
  const RETRY = `mutation ($id: ID!) { outboxEmailRetry(input: { id: $id }) { email { status attempts } ${USER_ERRORS} } }`;
  const retried = await h.gql(RETRY, { id: waiting.id }, { token: rep });
  expect(retried.data.outboxEmailRetry).toMatchObject({ email: { status: 'SENT', attempts: 2 }, userErrors: [] });
  expect(peer.messagesTo('sam@retry-lists.example')).toHaveLength(1);

  const again = await h.gql(RETRY, { id: waiting.id }, { token: rep });
  expect(again.data.outboxEmailRetry.userErrors).toEqual([expect.objectContaining({ code: 'EMAIL_ALREADY_SENT', field: ['input', 'id'] })]);
  const analyst = await h.staffToken(StaffRole.ANALYST);
  expect((await h.gql(RETRY, { id: waiting.id }, { token: analyst })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  const [audit] = await h.db.query(`SELECT actor_kind FROM audit_event WHERE action = 'outboxEmail.retry' AND entity_id = $1`, [
    waiting.id,
  ]);
  expect(audit).toEqual({ actor_kind: 'STAFF' });
}

test('an administrator stops sales in a country, and the wizard refuses it from then on', async () => {
  const UPDATE = `mutation ($input: SupportedCountryUpdateInput!) { supportedCountryUpdate(input: $input) { supportedCountry { code contactCenterSold version } ${USER_ERRORS} } }`;
  const [{ version }] = await h.db.query(`SELECT version FROM supported_country WHERE code = 'PT'`);
  expect(
    (await h.gql(UPDATE, { input: { code: 'PT', version, contactCenterSold: false } }, { token: rep })).errors?.[0].extensions?.code,
  ).toBe('FORBIDDEN');
  const changed = await h.gql(UPDATE, { input: { code: 'pt', version, contactCenterSold: false } }, { token: admin });
  expect(changed.data.supportedCountryUpdate).toEqual({
    supportedCountry: { code: 'PT', contactCenterSold: false, version: version + 1 },
    userErrors: [],
  });
  const stale = await h.gql(UPDATE, { input: { code: 'PT', version, contactCenterSold: true } }, { token: admin });
  expect(stale.data.supportedCountryUpdate.userErrors).toEqual([expect.objectContaining({ code: 'STALE_VERSION' })]);
  const badRegion = await h.gql(UPDATE, { input: { code: 'PT', version: version + 1, region: 'mars1' } }, { token: admin });
  expect(badRegion.data.supportedCountryUpdate.userErrors).toEqual([
    expect.objectContaining({ code: 'INVALID_REGION', field: ['input', 'region'] }),
  ]);

  const { linkToken } = await bookOrder(h);
  const wizard = await WizardClient.open(h, linkToken!);
  await wizard.step('ChooseRole', { role: 'CUSTOMER' });
  const refused = await wizard.step('SetCustomerCompany', { companyName: 'Lisboa Lda', countryCode: 'PT' });
  expect(refused.userErrors).toEqual([expect.objectContaining({ code: 'COUNTRY_NOT_SUPPORTED' })]);
  const [audit] = await h.db.query(
    `SELECT before->>'contactCenterSold' AS was, after->>'contactCenterSold' AS now FROM audit_event WHERE action = 'supportedCountry.update'`,
  );
  expect(audit).toEqual({ was: 'true', now: 'false' });
});
