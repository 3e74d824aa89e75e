/**
 * The attacks of issue "Safe to expose", replayed against the server as deployed: a Set up now link, or the
 * commerce key, tries to read other customers' data through nested fields. Each closed field answers FORBIDDEN,
 * the rest of the answer still comes, and no other customer's email or order appears anywhere in the body.
 */
import { waitFor } from '../process/support';
import { Deployed, startDeployed } from '../support/deployed';

let d: Deployed;
const victim = { admin: 'it-admin@victim-corp.example', contact: 'buyer@victim-corp.example' };
let victimOrderId: string;

const USER_ERRORS = 'userErrors { code field }';

async function step(token: string, name: string, input: Record<string, unknown>) {
  const { body } = await d.gql(
    `mutation ($input: Provisioning${name}Input!) { provisioning${name}(input: $input) { ${USER_ERRORS} } }`,
    { input },
    { token },
  );
  expect([name, body.errors, body.data?.[`provisioning${name}`]?.userErrors]).toEqual([name, undefined, []]);
}

/** The codes and paths of an answer's errors, sorted by path. */
function refusals(body: { errors?: { path?: (string | number)[]; extensions?: Record<string, any> }[] }) {
  return (body.errors ?? []).map((error) => `${error.extensions?.code} ${error.path?.join('.')}`).sort();
}

beforeAll(async () => {
  d = await startDeployed();
  // The victim: a customer whose own order mapped it to a new customer org, administered by its IT admin.
  const { sessionToken, orderId } = await d.openWizard({ provisioningContactEmail: victim.contact });
  victimOrderId = orderId;
  await step(sessionToken, 'ChooseRole', { role: 'CUSTOMER' });
  await step(sessionToken, 'SetCustomerAdmin', { adminEmail: victim.admin });
  await step(sessionToken, 'SetCustomerCompany', { companyName: 'Victim Corp', countryCode: 'DE' });
  await step(sessionToken, 'ChooseCustomerOrg', { choice: 'NEW' });
  await step(sessionToken, 'Confirm', {});
}, 120_000);
afterAll(() => d?.close());

test("a wizard token that names another customer's admin sees that org for review, and none of its orders, users or partner", async () => {
  const { sessionToken } = await d.openWizard({ provisioningContactEmail: 'curious@attacker.example' });
  await step(sessionToken, 'ChooseRole', { role: 'CUSTOMER' });
  await step(sessionToken, 'SetCustomerAdmin', { adminEmail: victim.admin });
  await step(sessionToken, 'SetCustomerCompany', { companyName: 'Victim Corp', countryCode: 'DE' });

  // Each closed field on its own: graphql-js stops at the first refused field of an object.
  const probes = {
    'existingCustomerOrg.adminEmail': 'existingCustomerOrg { name adminEmail }',
    'existingCustomerOrg.trialAdminEmail': 'existingCustomerOrg { name trialAdminEmail }',
    'existingCustomerOrg.orders':
      'existingCustomerOrg { name orders { nodes { provisioningContactEmail sessions { answers { customerAdminEmail } } } } }',
    'existingCustomerOrg.partnerOrg': 'existingCustomerOrg { name partnerOrg { customerOrgs { adminEmail } orders { totalCount } } }',
    'order.partnerOrg': 'order { subscriptionId partnerOrg { orders { totalCount } } }',
    'order.sessions': 'order { subscriptionId sessions { contactEmail } }',
    'order.emails': 'order { subscriptionId emails { recipient } }',
    'order.links': 'order { subscriptionId links { recipientEmail } }',
  };
  const answers: string[] = [];
  for (const [path, selection] of Object.entries(probes)) {
    const { status, body } = await d.gql(`{ provisioningSession { currentStep ${selection} } }`, {}, { token: sessionToken });
    answers.push(JSON.stringify(body));
    // The refused field is null, and a non-null one nulls its parent.
    const [parent, field] = path.split('.');
    const session = body.data?.provisioningSession;
    expect([path, status, refusals(body), session?.[parent]?.[field] ?? null]).toEqual([
      path,
      200,
      [`FORBIDDEN provisioningSession.${path}`],
      null,
    ]);
  }

  const review = await d.gql(
    `{ provisioningSession { existingCustomerOrg { name countryCode dataResidencyRegion trialStatus } order { subscriptionId status } } }`,
    {},
    { token: sessionToken },
  );
  expect(review.body).toEqual({
    data: {
      provisioningSession: {
        existingCustomerOrg: { name: 'Victim Corp', countryCode: 'DE', dataResidencyRegion: 'eu2', trialStatus: 'NONE' },
        order: { subscriptionId: expect.stringMatching(/^Sub-/), status: 'AWAITING_PROVISIONING_DETAILS' },
      },
    },
  });
  expect(answers.join() + JSON.stringify(review.body)).not.toContain(victim.contact);
});

test('the commerce key reads an order and the orgs it landed on, not the sessions, emails or other orders around them', async () => {
  const probes = {
    'customerOrg.orders': 'customerOrg { name orders { totalCount } }',
    'customerOrg.partnerOrg': 'customerOrg { name partnerOrg { name } }',
    sessions: 'sessions { answers { customerAdminEmail } }',
    emails: 'emails { recipient }',
    links: 'links { recipientEmail }',
  };
  for (const [path, selection] of Object.entries(probes)) {
    const { status, body } = await d.gql(
      `query ($id: ID!) { order(id: $id) { status ${selection} } }`,
      { id: victimOrderId },
      { token: d.commerceKey },
    );
    expect([path, status, refusals(body)]).toEqual([path, 200, [`FORBIDDEN order.${path}`]]);
  }
  const summary = await d.gql(
    `query ($id: ID!) { order(id: $id) { status customerOrg { name adminEmail } } }`,
    { id: victimOrderId },
    { token: d.commerceKey },
  );
  expect(summary.body).toEqual({ data: { order: { status: 'MAPPED', customerOrg: { name: 'Victim Corp', adminEmail: victim.admin } } } });
});

test('staff read the same nested fields', async () => {
  const { body } = await d.gql(
    `query ($id: ID!) { order(id: $id) { customerOrg { adminEmail orders { totalCount } } sessions { contactEmail } } }`,
    { id: victimOrderId },
    { token: await d.login('ANALYST') },
  );
  expect(body).toEqual({
    data: { order: { customerOrg: { adminEmail: victim.admin, orders: { totalCount: 1 } }, sessions: [{ contactEmail: victim.contact }] } },
  });
});

test('a fault answers INTERNAL_SERVER_ERROR with a request id, logged once with the operation and the caller role under that id', async () => {
  const token = await d.login('REP');
  // A fault no request can cause: the countries' table is gone for the length of one request.
  await d.db.query('ALTER TABLE supported_country RENAME TO supported_country_away');
  let response;
  try {
    response = await d.gql('query Countries { supportedCountries { code } }', {}, { token });
  } finally {
    await d.db.query('ALTER TABLE supported_country_away RENAME TO supported_country');
  }
  expect(response.status).toBe(200);
  const [error] = response.body.errors!;
  expect(error).toEqual({
    message: 'Internal server error.',
    locations: [{ line: 1, column: 19 }],
    path: ['supportedCountries'],
    extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
  });
  expect(response.headers.get('x-request-id')).toBe(error.extensions!.requestId);
  // The log line travels through the server's stdout, which may reach us after the response does.
  const isFault = (line: { requestId?: string; level: number }) => line.requestId === error.extensions!.requestId && line.level >= 50;
  await waitFor(
    () => d.logLines().some(isFault),
    10_000,
    () => `no fault logged under ${error.extensions!.requestId}`,
  );
  const faults = d.logLines().filter(isFault);
  expect(faults).toEqual([
    expect.objectContaining({
      operation: 'Countries',
      role: 'REP',
      path: 'supportedCountries',
      err: expect.objectContaining({ message: expect.stringContaining('supported_country') }),
    }),
  ]);
  expect(JSON.stringify(response.body)).not.toContain('supported_country');
});
