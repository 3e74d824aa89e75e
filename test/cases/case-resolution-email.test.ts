/**
 * A case leads to its fix, on the server as deployed: a partner's report knows the partner's org and the language the
 * partner used; the order lists its cases; resolving one emails the reporter, in that language, with the resolution,
 * through the outbox in the resolution's transaction, to a real SMTP peer. The reporter's email and language are
 * staff-only.
 */
import type { Harness } from '../support/harness';
import { Deployed, startDeployed } from '../support/deployed';
import { waitFor } from '../process/support';
import { partnerReadyToConfirm, WizardClient } from '../support/wizard';

let d: Deployed;
beforeAll(async () => {
  d = await startDeployed();
}, 120_000);
afterAll(() => d?.close());

/** The wizard helpers speak to the deployed server, in the language given. */
function client(language: string): Harness {
  return {
    gql: async (query: string, variables?: Record<string, unknown>, options?: object) =>
      (await d.gql(query, variables, { language, ...options })).body,
  } as unknown as Harness;
}

const CASE = `id kind status reporterEmail reporterLanguage message resolution
  order { id subscriptionId cases { id status } } partnerOrg { id name } customerOrg { id name }`;

test('a partner reports in Bulgarian; the case knows their partner org; resolving it emails them in Bulgarian with the resolution', async () => {
  // A first order creates the partner org, whose administrator is the contact of the second one.
  const first = await d.bookOrder();
  const firstWizard = await WizardClient.open(client('en'), first.linkToken);
  const ready = await partnerReadyToConfirm(firstWizard, { partnerAdmin: 'ana@northwind.example', customerAdmin: 'it@contoso.example' });
  expect(ready.userErrors).toEqual([]);
  expect((await firstWizard.confirm()).userErrors).toEqual([]);

  const second = await d.bookOrder({ provisioningContactEmail: 'ana@northwind.example' });
  const wizard = await WizardClient.open(client('bg'), second.linkToken);
  await wizard.step('ChooseRole', { role: 'PARTNER' });
  const reported = await wizard.step(
    'ReportProblem',
    { kind: 'CUSTOMER_ORG_INCORRECT', message: 'Клиентът вече има организация в Webex.' },
    'case { id kind status }',
  );
  expect(reported.userErrors).toEqual([]);
  const caseId = reported.case.id;

  const rep = await d.login('REP');
  const read = await d.gql(`query ($id: ID!) { case(id: $id) { ${CASE} } }`, { id: caseId }, { token: rep });
  expect(read.body.errors).toBeUndefined();
  const found = read.body.data.case;
  expect(found).toMatchObject({
    kind: 'CUSTOMER_ORG_INCORRECT',
    status: 'OPEN',
    reporterEmail: 'ana@northwind.example',
    reporterLanguage: 'bg',
    partnerOrg: { name: 'Northwind Partners' },
  });
  // The order lists its case.
  expect(found.order.cases).toEqual([{ id: caseId, status: 'OPEN' }]);

  const resolution = 'Свързахме поръчката със съществуващата организация на клиента.';
  const resolved = await d.gql(
    `mutation ($input: CaseResolveInput!) { caseResolve(input: $input) { case { status resolution } userErrors { code field } } }`,
    { input: { id: caseId, resolution } },
    { token: rep },
  );
  expect(resolved.body.data.caseResolve).toEqual({ case: { status: 'RESOLVED', resolution }, userErrors: [] });

  // The reporter's email reaches the relay, in Bulgarian, with what they wrote and what was done.
  await waitFor(
    () => d.peer.messagesTo('ana@northwind.example').some((m) => m.subject.startsWith('Разрешено')),
    10_000,
    () => `no resolution email; the peer holds ${d.peer.messages.map((m) => m.subject).join(' | ')}`,
  );
  const email = d.peer.messagesTo('ana@northwind.example').find((m) => m.subject.startsWith('Разрешено'))!;
  expect(email.subject).toContain(second.subscriptionId);
  expect(email.text).toContain('Клиентът вече има организация в Webex.');
  expect(email.text).toContain(resolution);
  expect(email.html).toContain('<html lang="bg"');
  expect(email.html).toContain(resolution);
  expect(email.text).not.toMatch(/\/setup\//);

  // One email, written with the resolution; a second resolve is refused and writes none.
  const again = await d.gql(
    `mutation ($input: CaseResolveInput!) { caseResolve(input: $input) { case { id } userErrors { code field } } }`,
    { input: { id: caseId, resolution: 'again' } },
    { token: rep },
  );
  expect(again.body.data.caseResolve).toEqual({ case: null, userErrors: [{ code: 'CASE_ALREADY_RESOLVED', field: ['input', 'id'] }] });
  const rows = await d.db.query(
    `SELECT e.kind, e.status, e.created_at = c.resolved_at AS with_resolution FROM outbox_email e JOIN support_case c ON c.order_id = e.order_id
      WHERE e.kind = 'CASE_RESOLVED' AND c.id = $1`,
    [caseId],
  );
  expect(rows).toEqual([{ kind: 'CASE_RESOLVED', status: 'SENT', with_resolution: true }]);
}, 60_000);

test('a report in English is answered in English; a refused resolution queues no email', async () => {
  const order = await d.bookOrder();
  const wizard = await WizardClient.open(client('en'), order.linkToken);
  const reported = await wizard.step('ReportProblem', { kind: 'OTHER', message: 'We need more seats.' }, 'case { id }');
  const caseId = reported.case.id;
  const rep = await d.login('REP');
  const tooLong = await d.gql(
    `mutation ($input: CaseResolveInput!) { caseResolve(input: $input) { case { id } userErrors { code field } } }`,
    { input: { id: caseId, resolution: 'x'.repeat(2001) } },
    { token: rep },
  );
  expect(tooLong.body.data.caseResolve).toEqual({ case: null, userErrors: [{ code: 'TOO_LONG', field: ['input', 'resolution'] }] });
  expect(await d.db.query(`SELECT id FROM outbox_email WHERE kind = 'CASE_RESOLVED' AND order_id = $1`, [order.orderId])).toEqual([]);

  await d.gql(
    `mutation ($input: CaseResolveInput!) { caseResolve(input: $input) { userErrors { code } } }`,
    { input: { id: caseId, resolution: 'Your representative added 25 seats to the order.' } },
    { token: rep },
  );
  await waitFor(
    () => d.peer.messagesTo(order.contactEmail).some((m) => m.subject.startsWith('Resolved')),
    10_000,
    () => 'no resolution email in English',
  );
  const email = d.peer.messagesTo(order.contactEmail).find((m) => m.subject.startsWith('Resolved'))!;
  expect(email.text).toContain('We need more seats.');
  expect(email.text).toContain('Your representative added 25 seats to the order.');
  expect(email.html).toContain('<html lang="en"');
}, 60_000);

test("the reporter's email and language, and an order's cases, are for staff only", async () => {
  const order = await d.bookOrder();
  const wizard = await WizardClient.open(client('en'), order.linkToken);
  const asWizard = await d.gql(
    `mutation { provisioningReportProblem(input: { kind: OTHER, message: "hello" }) { case { id reporterLanguage } userErrors { code } } }`,
    {},
    { token: wizard.sessionToken },
  );
  expect(asWizard.body.errors?.[0]).toMatchObject({
    message: 'This field is not open to this credential.',
    path: ['provisioningReportProblem', 'case', 'reporterLanguage'],
  });
  const ordersCases = await d.gql(`{ provisioningSession { order { id cases { id } } } }`, {}, { token: wizard.sessionToken });
  expect(ordersCases.body.errors?.[0]).toMatchObject({
    message: 'This field is not open to this credential.',
    path: ['provisioningSession', 'order', 'cases'],
  });
  for (const field of ['cases { id }', 'setupEmailDeliveredAt']) {
    const commerce = await d.gql(`query ($id: ID!) { order(id: $id) { id ${field} } }`, { id: order.orderId }, { token: d.commerceKey });
    expect(commerce.body.errors?.[0]).toMatchObject({
      message: 'This field is not open to this credential.',
      path: ['order', field.split(' ')[0]],
    });
  }
  // An analyst reads them, as every staff role does.
  const analyst = await d.gql(
    `query ($id: ID!) { order(id: $id) { cases { id reporterEmail reporterLanguage } } }`,
    { id: order.orderId },
    {
      token: await d.login('ANALYST'),
    },
  );
  expect(analyst.body.errors).toBeUndefined();
}, 60_000);

test('a server dying between queuing the email and committing leaves the case open and no email: they commit together', async () => {
  const killed = await startDeployed({ env: { FAULT_KILL_AT: 'case.resolutionQueued' } });
  try {
    const order = await killed.bookOrder();
    const wizard = await WizardClient.open(
      {
        gql: async (query: string, variables?: Record<string, unknown>, options?: object) =>
          (await killed.gql(query, variables, options)).body,
      } as unknown as Harness,
      order.linkToken,
    );
    const reported = await wizard.step('ReportProblem', { kind: 'OTHER', message: 'Help.' }, 'case { id }');
    const rep = await killed.login('REP');
    await expect(
      killed.gql(
        `mutation ($input: CaseResolveInput!) { caseResolve(input: $input) { userErrors { code } } }`,
        {
          input: { id: reported.case.id, resolution: 'Done.' },
        },
        { token: rep },
      ),
    ).rejects.toThrow();
    expect(await killed.db.query(`SELECT status, resolution FROM support_case WHERE id = $1`, [reported.case.id])).toEqual([
      { status: 'OPEN', resolution: null },
    ]);
    expect(await killed.db.query(`SELECT id FROM outbox_email WHERE kind = 'CASE_RESOLVED'`)).toEqual([]);
  } finally {
    await killed.close();
  }
}, 120_000);
