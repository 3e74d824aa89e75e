/** A wizard session token ends with its session: afterwards it reads only its own final result, and every other use is SESSION_ENDED. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, GraphQLObjectType } from 'graphql';
import { Harness, startHarness } from '../support/harness';
import { bookOrder, partnerReadyToConfirm, SESSION_FIELDS, USER_ERRORS, WizardClient } from '../support/wizard';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** Every wizard mutation the token may call, with an input that an active session at the right step would take. */
const ACTIONS: Record<string, Record<string, unknown>> = {
  ChooseRole: { role: 'CUSTOMER' },
  ChooseSetupPerformer: { performer: 'SELF' },
  SetPartnerOrg: { useExisting: false, adminEmail: 'admin@late-partners.example', companyName: 'Late Partners', countryCode: 'DE' },
  SetCustomerAdmin: { adminEmail: 'it@late-customer.example' },
  SetCustomerCompany: { companyName: 'Late Customer', countryCode: 'DE' },
  ChooseCustomerOrg: { choice: 'NEW' },
  Confirm: {},
  Abandon: {},
  ReportProblem: { kind: 'OTHER', message: 'The org shown is not ours.' },
};

/** Reads through the session beyond its own fields, each refused once the session has ended (the order, for a COMPLETED one, is not). */
const NESTED_READS = {
  order: '{ provisioningSession { id order { id subscriptionId provisioningContactEmail } } }',
  partnerOrgForReview: '{ provisioningSession { id partnerOrgForReview { name } } }',
  existingCustomerOrg: '{ provisioningSession { id existingCustomerOrg { name } } }',
};

test('the list of wizard operations above is every one the schema offers a session token', () => {
  const schema = buildSchema(readFileSync(join(__dirname, '../../schema/schema.graphql'), 'utf8'));
  const mutations = Object.keys(schema.getMutationType()!.getFields()).filter((name) => name.startsWith('provisioning'));
  expect(mutations.sort()).toEqual(['provisioningStart', ...Object.keys(ACTIONS).map((name) => `provisioning${name}`)].sort());
  const sessionFields = Object.keys((schema.getType('ProvisioningSession') as GraphQLObjectType).getFields());
  const objectFields = sessionFields.filter((name) => ['order', 'partnerOrgForReview', 'existingCustomerOrg'].includes(name));
  expect(objectFields.sort()).toEqual(Object.keys(NESTED_READS).sort());
});

/** What using the token could have written: the session row, its events, the order and its cases. */
async function footprint(sessionId: string) {
  const [row] = await h.db.query(
    `SELECT s.status, s.current_step, s.furthest_step, s.draft, s.version, s.last_activity_at, s.finished_at,
            (SELECT count(*)::int FROM provisioning_event e WHERE e.session_id = s.id) AS events,
            (SELECT count(*)::int FROM support_case c WHERE c.order_id = s.order_id) AS cases,
            o.status AS order_status, o.version AS order_version, o.provisioning_contact_email
       FROM provisioning_session s JOIN orders o ON o.id = s.order_id WHERE s.id = $1`,
    [sessionId],
  );
  return row;
}

async function call(wizard: WizardClient, name: string) {
  const selection = name === 'ReportProblem' ? 'case { id }' : 'session { id }';
  const result = await h.gql(
    `mutation ($input: Provisioning${name}Input!) { provisioning${name}(input: $input) { ${selection} ${USER_ERRORS} } }`,
    { input: ACTIONS[name] },
    { token: wizard.sessionToken },
  );
  expect(result.errors).toBeUndefined();
  return result.data[`provisioning${name}`];
}

/** Every use but the final-result reads is refused with SESSION_ENDED, and nothing is written. */
async function expectEnded(wizard: WizardClient, finalResult: { readsOrder: boolean; confirmsAgain: boolean }) {
  const before = await footprint(wizard.sessionId);
  for (const name of Object.keys(ACTIONS)) {
    if (name === 'Confirm' && finalResult.confirmsAgain) continue;
    const payload = await call(wizard, name);
    expect({ name, userErrors: payload.userErrors.map((error: { code: string }) => error.code) }).toEqual({
      name,
      userErrors: ['SESSION_ENDED'],
    });
    expect(payload[name === 'ReportProblem' ? 'case' : 'session']).toBeNull();
  }
  for (const [field, query] of Object.entries(NESTED_READS)) {
    if (field === 'order' && finalResult.readsOrder) continue;
    const read = await h.gql(query, {}, { token: wizard.sessionToken });
    expect({ field, codes: read.errors?.map((error) => error.extensions?.code) }).toEqual({
      field,
      codes: ['SESSION_ENDED'],
    });
  }
  expect(await footprint(wizard.sessionId)).toEqual(before);
}

/** The final result: the session itself, always readable by its token. */
async function finalSession(wizard: WizardClient) {
  const read = await h.gql(`{ provisioningSession { ${SESSION_FIELDS} finishedAt } }`, {}, { token: wizard.sessionToken });
  expect(read.errors).toBeUndefined();
  return read.data.provisioningSession;
}

/** Confirms with the session token; its result is what confirming again must answer. */
async function confirm(wizard: WizardClient) {
  return wizard.step(
    'Confirm',
    {},
    `session { id status currentStep } order { id status mappedAt } partnerOrg { id name countryCode } customerOrg { id name countryCode } message`,
  );
}

async function partnerAtPartnerOrg(wizard: WizardClient) {
  await wizard.step('ChooseRole', { role: 'PARTNER' });
  expect((await wizard.step('ChooseSetupPerformer', { performer: 'SELF' })).session.currentStep).toBe('PARTNER_ORG');
}

test('while the session is active the same token reads through it and reports a problem', async () => {
  const { order, linkToken } = await bookOrder(h, { provisioningContactEmail: 'ana@active-partners.example' });
  const wizard = await WizardClient.open(h, linkToken!);
  await partnerAtPartnerOrg(wizard);
  for (const query of Object.values(NESTED_READS)) {
    const read = await h.gql(query, {}, { token: wizard.sessionToken });
    expect(read.errors).toBeUndefined();
    expect(read.data.provisioningSession.id).toBe(wizard.sessionId);
  }
  expect((await h.gql(NESTED_READS.order, {}, { token: wizard.sessionToken })).data.provisioningSession.order.id).toBe(order.id);
  const reported = await call(wizard, 'ReportProblem');
  expect(reported).toEqual({ case: { id: expect.any(String) }, userErrors: [] });
});

test('ABANDONED: the token reads the ended session with its answers erased, and nothing else', async () => {
  const { linkToken } = await bookOrder(h, { provisioningContactEmail: 'bo@abandoning-partners.example' });
  const wizard = await WizardClient.open(h, linkToken!);
  await partnerAtPartnerOrg(wizard);
  expect((await wizard.step('Abandon')).userErrors).toEqual([]);

  expect(await finalSession(wizard)).toMatchObject({
    status: 'ABANDONED',
    furthestStep: 'PARTNER_ORG',
    answers: { role: null, performer: null },
    finishedAt: h.clock.now().toISOString(),
  });
  await expectEnded(wizard, { readsOrder: false, confirmsAgain: false });
});

test('EXPIRED by the sweep after 60 idle minutes: the token reads the ended session, and nothing else', async () => {
  const { linkToken } = await bookOrder(h, { provisioningContactEmail: 'cy@idle-token-partners.example' });
  const wizard = await WizardClient.open(h, linkToken!);
  await partnerAtPartnerOrg(wizard);
  h.clock.advanceMinutes(60);
  expect(await h.services.provisioning.expireIdleSessions()).toBeGreaterThanOrEqual(1);

  expect(await finalSession(wizard)).toMatchObject({ status: 'EXPIRED', furthestStep: 'PARTNER_ORG', answers: { role: null } });
  await expectEnded(wizard, { readsOrder: false, confirmsAgain: false });
});

test('EXPIRED before any sweep: reading an idle session ends it, and the token stops working at once', async () => {
  const { linkToken } = await bookOrder(h, { provisioningContactEmail: 'di@unswept-partners.example' });
  const wizard = await WizardClient.open(h, linkToken!);
  await partnerAtPartnerOrg(wizard);
  h.clock.advanceMinutes(60);

  expect(await finalSession(wizard)).toMatchObject({ status: 'EXPIRED', furthestStep: 'PARTNER_ORG', answers: { role: null } });
  expect((await footprint(wizard.sessionId)).draft).toEqual({});
  await expectEnded(wizard, { readsOrder: false, confirmsAgain: false });
});

test('SUPERSEDED by opening the link again: the old token reads its ended session, and nothing else', async () => {
  const { linkToken } = await bookOrder(h, { provisioningContactEmail: 'ed@reopening-partners.example' });
  const first = await WizardClient.open(h, linkToken!);
  await partnerAtPartnerOrg(first);
  const second = await WizardClient.open(h, linkToken!);

  expect(await finalSession(first)).toMatchObject({ status: 'SUPERSEDED', answers: { role: null } });
  await expectEnded(first, { readsOrder: false, confirmsAgain: false });
  // The newer session is untouched by the refusals.
  expect(await second.session()).toMatchObject({ status: 'ACTIVE', currentStep: 'ROLE' });
});

test('DELEGATED: the token of the contact who handed over reads its ended session, not the order now in the colleague’s name', async () => {
  const { order, linkToken } = await bookOrder(h, { provisioningContactEmail: 'flo@handing-partners.example' });
  const wizard = await WizardClient.open(h, linkToken!);
  await wizard.step('ChooseRole', { role: 'PARTNER' });
  const handed = await wizard.step('ChooseSetupPerformer', { performer: 'OTHER', delegateEmail: 'gil@handing-partners.example' });
  expect(handed.userErrors).toEqual([]);
  expect(handed.session.status).toBe('DELEGATED');

  expect(await finalSession(wizard)).toMatchObject({ status: 'DELEGATED', answers: { role: null } });
  await expectEnded(wizard, { readsOrder: false, confirmsAgain: false });
  const [{ provisioning_contact_email }] = await h.db.query('SELECT provisioning_contact_email FROM orders WHERE id = $1', [order.id]);
  expect(provisioning_contact_email).toBe('gil@handing-partners.example');
});

test('COMPLETED: the token reads the DONE session and the order it mapped, confirming again answers the same, and nothing else', async () => {
  const { order, linkToken } = await bookOrder(h, { provisioningContactEmail: 'hal@finishing-partners.example' });
  const wizard = await WizardClient.open(h, linkToken!);
  await partnerReadyToConfirm(wizard, { partnerAdmin: 'admin@finishing-partners.example', customerAdmin: 'it@finishing-customer.example' });
  const confirmed = await confirm(wizard);
  expect(confirmed.userErrors).toEqual([]);

  expect(await finalSession(wizard)).toMatchObject({
    status: 'COMPLETED',
    currentStep: 'DONE',
    answers: { role: 'PARTNER', customerAdminEmail: 'it@finishing-customer.example' },
  });
  const mapped = await h.gql(NESTED_READS.order, {}, { token: wizard.sessionToken });
  expect(mapped.errors).toBeUndefined();
  expect(mapped.data.provisioningSession.order).toMatchObject({ id: order.id, subscriptionId: order.subscriptionId });

  const before = await footprint(wizard.sessionId);
  const again = await confirm(wizard);
  expect(again).toEqual(confirmed);
  expect(await footprint(wizard.sessionId)).toEqual(before);

  await expectEnded(wizard, { readsOrder: true, confirmsAgain: true });
});
