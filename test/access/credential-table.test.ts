/**
 * Who may call what, checked the way a caller meets it: every root field of the schema, called over HTTP
 * on the server as deployed (built dist/, NODE_ENV=production) with every kind of credential. The
 * expected outcome of each cell follows from a small audience declaration per field kept here,
 * independently of the server's @Authorized metadata, so that a wrong or missing decorator shows up as
 * a wrong cell; every refusal answers HTTP 200 with its code, as API.md says.
 */
import { randomUUID } from 'node:crypto';
import { buildClientSchema, getIntrospectionQuery, GraphQLSchema } from 'graphql';
import { decodeJwt, SignJWT } from 'jose';
import { Deployed, DeployedResponse, startDeployed } from '../support/deployed';

type Grant = 'WIZARD' | 'COMMERCE' | 'REP' | 'ANALYST' | 'ADMIN';
type Outcome = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'SESSION_ENDED' | 'ALLOWED';

/** The audiences of DOMAIN.md, named as ACCESS in server/platform/auth.ts names them (copied, not imported). */
const AUDIENCE = {
  /** The provisioning contact, through the wizard session token. */
  wizard: ['WIZARD'],
  /** The commerce integration and representatives: orders and trials. */
  orderDesk: ['COMMERCE', 'REP'],
  /** The commerce integration alone: asking before it books (orderPreflight). */
  commerce: ['COMMERCE'],
  /** Representatives: corrections, reopening, cases, the audit trail. */
  rep: ['REP'],
  /** Every staff role, reading. */
  staffRead: ['ANALYST', 'REP'],
  /** Administrators: staff accounts and API keys. */
  admin: ['ADMIN'],
} as const satisfies Record<string, readonly Grant[]>;
type Audience = 'public' | keyof typeof AUDIENCE;

/** What each credential holds; null for a credential that does not authenticate. ADMIN holds every staff grant. */
interface Credential {
  name: string;
  grants: Grant[] | null;
  token(): string | null;
  /** A wizard token whose session has ended: it reads its own session, and every wizard step is SESSION_ENDED. */
  ended?: true;
  /** A new token of the same staff account, for staffLogout, which ends the token it is called with. */
  fresh?: () => Promise<string>;
}

interface Call {
  audience: Audience[];
  /** One minimal, valid operation on the field; a user error or a null result is fine. */
  operation: string;
  variables?: () => Record<string, unknown>;
}

let d: Deployed;
let schema: GraphQLSchema;
const ids = { order: '', customerOrg: '', session: '' };
const creds = {
  expiredJwt: '',
  analyst: '',
  rep: '',
  admin: '',
  revokedKey: '',
  wizard: '',
  endedWizard: '',
  endedSessionId: '',
  linkToken: '',
};
const LOGIN = { email: 'table.login@cisco.test', password: 'a long and correct password' };
let sequence = 0;
const unique = () => `${process.pid}-${++sequence}`;
const unknownId = () => randomUUID();
const ERRORS = 'userErrors { code }';

const CALLS: Record<string, Call> = {
  // Queries
  'Query.supportedCountries': { audience: ['public'], operation: `{ supportedCountries { code } }` },
  'Query.setupLink': {
    audience: ['public'],
    operation: `query ($token: String!) { setupLink(token: $token) { status } }`,
    variables: () => ({ token: creds.linkToken }),
  },
  'Query.provisioningSession': { audience: ['wizard'], operation: `{ provisioningSession { id status } }` },
  'Query.provisioningSessionById': {
    audience: ['staffRead'],
    operation: `query ($id: ID!) { provisioningSessionById(id: $id) { id status } }`,
    variables: () => ({ id: ids.session }),
  },
  'Query.provisioningSessions': {
    audience: ['staffRead'],
    operation: `{ provisioningSessions(page: { limit: 5 }) { totalCount nodes { id status } } }`,
  },
  'Query.onboardingFunnel': {
    audience: ['staffRead'],
    operation: `{ onboardingFunnel(range: { from: "2026-11-01", to: "2026-11-30" }, groupBy: WEEK) { group { key } stages { orders } } }`,
  },
  'Query.onboardingDropOff': {
    audience: ['staffRead'],
    operation: `{ onboardingDropOff(range: { from: "2026-11-01", to: "2026-11-30" }, groupBy: WEEK) { group { key } totalAbandoned } }`,
  },
  'Query.provisioningDurations': {
    audience: ['staffRead'],
    operation: `{ provisioningDurations(range: { from: "2026-11-01", to: "2026-11-30" }, groupBy: WEEK) { group { key } emailToMapping { orders } } }`,
  },
  'Query.trialMetrics': {
    audience: ['staffRead'],
    operation: `{ trialMetrics(range: { from: "2026-11-01", to: "2026-11-30" }, groupBy: WEEK) { group { key } started } }`,
  },
  'Query.caseMetrics': {
    audience: ['staffRead'],
    operation: `{ caseMetrics(range: { from: "2026-11-01", to: "2026-11-30" }, groupBy: WEEK) { group { key } opened } }`,
  },
  'Query.order': {
    audience: ['orderDesk', 'staffRead'],
    operation: `query ($id: ID!) { order(id: $id) { id status } }`,
    variables: () => ({ id: ids.order }),
  },
  'Query.orders': { audience: ['staffRead'], operation: `{ orders(page: { limit: 5 }) { totalCount nodes { id } } }` },
  'Query.customerOrg': {
    audience: ['orderDesk', 'staffRead'],
    operation: `query ($id: ID!) { customerOrg(id: $id) { id trialStatus } }`,
    variables: () => ({ id: ids.customerOrg }),
  },
  'Query.partnerOrg': {
    audience: ['orderDesk', 'staffRead'],
    operation: `query ($id: ID!) { partnerOrg(id: $id) { id } }`,
    variables: () => ({ id: unknownId() }),
  },
  'Query.case': {
    audience: ['staffRead'],
    operation: `query ($id: ID!) { case(id: $id) { id status } }`,
    variables: () => ({ id: unknownId() }),
  },
  'Query.auditEvents': { audience: ['rep'], operation: `{ auditEvents(page: { limit: 5 }) { totalCount nodes { id action } } }` },
  'Query.staffAccounts': { audience: ['admin'], operation: `{ staffAccounts { totalCount nodes { id email role } } }` },
  'Query.apiKeys': { audience: ['admin'], operation: `{ apiKeys { totalCount nodes { id name hint } } }` },
  'Query.customerOrgs': { audience: ['staffRead'], operation: `{ customerOrgs(page: { limit: 5 }) { totalCount nodes { id name } } }` },
  'Query.partnerOrgs': { audience: ['staffRead'], operation: `{ partnerOrgs(page: { limit: 5 }) { totalCount nodes { id name } } }` },
  'Query.cases': { audience: ['staffRead'], operation: `{ cases(filter: { status: OPEN }) { totalCount nodes { id kind } } }` },
  'Query.outboxEmails': { audience: ['staffRead'], operation: `{ outboxEmails(page: { limit: 5 }) { totalCount nodes { id status } } }` },
  'Query.emailPreview': { audience: ['staffRead'], operation: `{ emailPreview(kind: WELCOME, language: en) { subject } }` },
  'Query.orderPreflight': {
    audience: ['commerce'],
    operation: `{ orderPreflight(input: { provisioningContactEmail: "someone@table.example" }) { findings { code } ${ERRORS} } }`,
  },

  // Orders and orgs
  'Mutation.orderSubmit': {
    audience: ['orderDesk'],
    operation: `mutation ($input: OrderSubmitInput!) { orderSubmit(input: $input) { order { id } ${ERRORS} } }`,
    variables: () => ({
      input: {
        subscriptionId: `Sub-table-${unique()}`,
        commerceOrderNumber: `CCW-${unique()}`,
        offerCode: 'WXCC-STD',
        seats: 10,
        requestedStartDate: '2027-06-01',
        provisioningContactEmail: `contact-${unique()}@table.example`,
      },
    }),
  },
  'Mutation.orderCancel': {
    audience: ['orderDesk'],
    operation: `mutation ($id: ID!) { orderCancel(input: { orderId: $id }) { ${ERRORS} } }`,
    variables: () => ({ id: unknownId() }),
  },
  'Mutation.orderResendSetupEmail': {
    audience: ['orderDesk'],
    operation: `mutation ($id: ID!) { orderResendSetupEmail(input: { orderId: $id }) { ${ERRORS} } }`,
    variables: () => ({ id: unknownId() }),
  },
  'Mutation.orderChangeProvisioningContact': {
    audience: ['orderDesk'],
    operation: `mutation ($id: ID!) { orderChangeProvisioningContact(input: { orderId: $id, email: "new@table.example" }) { ${ERRORS} } }`,
    variables: () => ({ id: unknownId() }),
  },
  'Mutation.orderReopen': {
    audience: ['rep'],
    operation: `mutation ($id: ID!) { orderReopen(input: { orderId: $id }) { ${ERRORS} } }`,
    variables: () => ({ id: unknownId() }),
  },
  'Mutation.customerOrgStartTrial': {
    audience: ['orderDesk'],
    operation: `mutation ($input: CustomerOrgStartTrialInput!) { customerOrgStartTrial(input: $input) { customerOrg { id } ${ERRORS} } }`,
    variables: () => ({
      input: { companyName: 'Table Trial', countryCode: 'US', adminEmail: `admin-${unique()}@table-trial.example`, days: 30 },
    }),
  },
  'Mutation.customerOrgUpdate': {
    audience: ['rep'],
    operation: `mutation ($id: ID!) { customerOrgUpdate(input: { id: $id, version: 1, name: "Renamed" }) { ${ERRORS} } }`,
    variables: () => ({ id: unknownId() }),
  },
  'Mutation.customerOrgExtendTrial': {
    audience: ['rep'],
    operation: `mutation ($id: ID!) { customerOrgExtendTrial(input: { id: $id }) { ${ERRORS} } }`,
    variables: () => ({ id: unknownId() }),
  },
  'Mutation.partnerOrgUpdate': {
    audience: ['rep'],
    operation: `mutation ($id: ID!) { partnerOrgUpdate(input: { id: $id, version: 1, name: "Renamed" }) { ${ERRORS} } }`,
    variables: () => ({ id: unknownId() }),
  },
  'Mutation.outboxEmailRetry': {
    audience: ['rep'],
    operation: `mutation ($id: ID!) { outboxEmailRetry(input: { id: $id }) { ${ERRORS} } }`,
    variables: () => ({ id: unknownId() }),
  },
  'Mutation.supportedCountryUpdate': {
    audience: ['admin'],
    operation: `mutation { supportedCountryUpdate(input: { code: "ZZ", version: 1, name: "Nowhere" }) { ${ERRORS} } }`,
  },
  'Mutation.caseResolve': {
    audience: ['rep'],
    operation: `mutation ($id: ID!) { caseResolve(input: { id: $id, resolution: "Fixed the org." }) { ${ERRORS} } }`,
    variables: () => ({ id: unknownId() }),
  },

  // The wizard
  'Mutation.provisioningStart': {
    audience: ['public'],
    operation: `mutation { provisioningStart(input: { token: "wxl_no-such-link" }) { sessionToken ${ERRORS} } }`,
  },
  'Mutation.provisioningChooseRole': {
    audience: ['wizard'],
    operation: `mutation { provisioningChooseRole(input: { role: PARTNER }) { session { id } ${ERRORS} } }`,
  },
  'Mutation.provisioningChooseSetupPerformer': {
    audience: ['wizard'],
    operation: `mutation { provisioningChooseSetupPerformer(input: { performer: SELF }) { session { id } ${ERRORS} } }`,
  },
  'Mutation.provisioningSetPartnerOrg': {
    audience: ['wizard'],
    operation: `mutation { provisioningSetPartnerOrg(input: { useExisting: true }) { session { id } ${ERRORS} } }`,
  },
  'Mutation.provisioningSetCustomerAdmin': {
    audience: ['wizard'],
    operation: `mutation { provisioningSetCustomerAdmin(input: { adminEmail: "admin@table-customer.example" }) { session { id } ${ERRORS} } }`,
  },
  'Mutation.provisioningSetCustomerCompany': {
    audience: ['wizard'],
    operation: `mutation { provisioningSetCustomerCompany(input: { companyName: "Table GmbH", countryCode: "DE" }) { session { id } ${ERRORS} } }`,
  },
  'Mutation.provisioningChooseCustomerOrg': {
    audience: ['wizard'],
    operation: `mutation { provisioningChooseCustomerOrg(input: { choice: NEW }) { session { id } ${ERRORS} } }`,
  },
  'Mutation.provisioningConfirm': {
    audience: ['wizard'],
    operation: `mutation { provisioningConfirm(input: {}) { session { id } ${ERRORS} } }`,
  },
  'Mutation.provisioningReportProblem': {
    audience: ['wizard'],
    operation: `mutation { provisioningReportProblem(input: { kind: OTHER, message: "Checking access." }) { case { id } ${ERRORS} } }`,
  },
  'Mutation.provisioningAbandon': {
    audience: ['wizard'],
    operation: `mutation { provisioningAbandon(input: {}) { session { id } ${ERRORS} } }`,
  },

  // Staff
  'Mutation.login': {
    audience: ['public'],
    operation: `mutation ($input: LoginInput!) { login(input: $input) { token ${ERRORS} } }`,
    variables: () => ({ input: LOGIN }),
  },
  'Mutation.staffCreate': {
    audience: ['admin'],
    operation: `mutation ($input: StaffCreateInput!) { staffCreate(input: $input) { staff { id } ${ERRORS} } }`,
    variables: () => ({ input: { email: `new-${unique()}@cisco.test`, role: 'ANALYST', password: 'twelve chars or more' } }),
  },
  'Mutation.staffUpdate': {
    audience: ['admin'],
    operation: `mutation ($id: ID!) { staffUpdate(input: { id: $id, version: 1, disabled: true }) { ${ERRORS} } }`,
    variables: () => ({ id: unknownId() }),
  },
  'Query.webhookEndpoints': { audience: ['admin'], operation: `{ webhookEndpoints { totalCount nodes { id url } } }` },
  'Query.webhookEndpoint': {
    audience: ['admin'],
    operation: `query ($id: ID!) { webhookEndpoint(id: $id) { id } }`,
    variables: () => ({ id: unknownId() }),
  },
  'Query.webhookDeliveries': { audience: ['admin'], operation: `{ webhookDeliveries { totalCount nodes { id outcome } } }` },
  'Query.webhookEvents': { audience: ['admin'], operation: `{ webhookEvents { totalCount nodes { id type } } }` },
  'Mutation.webhookEndpointCreate': {
    audience: ['admin'],
    operation: `mutation { webhookEndpointCreate(input: { url: "https://203.0.113.9/hook", events: ["order.mapped"] }) { secret ${ERRORS} } }`,
  },
  'Mutation.webhookEndpointUpdate': {
    audience: ['admin'],
    operation: `mutation ($id: ID!) { webhookEndpointUpdate(input: { id: $id, description: "x" }) { ${ERRORS} } }`,
    variables: () => ({ id: unknownId() }),
  },
  'Mutation.webhookEndpointDisable': {
    audience: ['admin'],
    operation: `mutation ($id: ID!) { webhookEndpointDisable(input: { id: $id }) { ${ERRORS} } }`,
    variables: () => ({ id: unknownId() }),
  },
  'Mutation.webhookEndpointRotateSecret': {
    audience: ['admin'],
    operation: `mutation ($id: ID!) { webhookEndpointRotateSecret(input: { id: $id }) { secret ${ERRORS} } }`,
    variables: () => ({ id: unknownId() }),
  },
  'Mutation.webhookEventResend': {
    audience: ['admin'],
    operation: `mutation ($id: ID!) { webhookEventResend(input: { eventId: $id, endpointId: $id }) { ${ERRORS} } }`,
    variables: () => ({ id: unknownId() }),
  },
  'Mutation.webhookEventsResend': {
    audience: ['admin'],
    operation: `mutation ($id: ID!) { webhookEventsResend(input: { endpointId: $id, from: "2026-11-01T00:00:00Z", to: "2026-11-02T00:00:00Z" }) { ${ERRORS} } }`,
    variables: () => ({ id: unknownId() }),
  },
  'Mutation.apiKeyCreate': {
    audience: ['admin'],
    operation: `mutation { apiKeyCreate(input: { name: "Table key" }) { apiKey { id } ${ERRORS} } }`,
  },
  'Mutation.staffLogout': { audience: ['staffRead'], operation: `mutation { staffLogout(input: {}) { ${ERRORS} } }` },
  'Mutation.apiKeyRevoke': {
    audience: ['admin'],
    operation: `mutation ($id: ID!) { apiKeyRevoke(input: { id: $id }) { ${ERRORS} } }`,
    variables: () => ({ id: unknownId() }),
  },
};

const CREDENTIALS: Credential[] = [
  { name: 'no credential', grants: null, token: () => null },
  { name: 'a wrong bearer', grants: null, token: () => 'wxk_this-is-not-a-key-anyone-was-given' },
  { name: 'an expired staff JWT', grants: null, token: () => creds.expiredJwt },
  { name: 'ANALYST', grants: ['ANALYST'], token: () => creds.analyst, fresh: () => d.login('ANALYST', true) },
  { name: 'REP', grants: ['REP'], token: () => creds.rep, fresh: () => d.login('REP', true) },
  { name: 'ADMIN', grants: ['ADMIN', 'REP', 'ANALYST'], token: () => creds.admin, fresh: () => d.login('ADMIN', true) },
  { name: 'the COMMERCE key', grants: ['COMMERCE'], token: () => d.commerceKey },
  { name: 'a revoked COMMERCE key', grants: null, token: () => creds.revokedKey },
  { name: 'a wizard session token', grants: ['WIZARD'], token: () => creds.wizard },
  { name: 'the wizard token of another, ended session', grants: ['WIZARD'], token: () => creds.endedWizard, ended: true },
];

function expectedOutcome(call: Call, credential: Credential, field: string): Outcome {
  if (call.audience.includes('public')) return 'ALLOWED';
  if (!credential.grants) return 'UNAUTHENTICATED';
  const admitted = call.audience.flatMap((audience) => (audience === 'public' ? [] : [...AUDIENCE[audience]]));
  if (!credential.grants.some((grant) => admitted.includes(grant))) return 'FORBIDDEN';
  if (credential.ended && field !== 'Query.provisioningSession') return 'SESSION_ENDED';
  return 'ALLOWED';
}

/**
 * The outcome as the caller sees it, with the HTTP status when it is not 200; any other error is reported
 * as such, so a broken operation cannot pass as ALLOWED. SESSION_ENDED counts as a refusal or as a user error.
 */
function outcomeOf(field: string, { status, body }: DeployedResponse): string {
  const http = status === 200 ? '' : `HTTP ${status} `;
  const codes = (body.errors ?? []).map((error) => error.extensions?.code ?? 'NO_CODE');
  for (const refusal of ['UNAUTHENTICATED', 'FORBIDDEN', 'SESSION_ENDED']) if (codes.includes(refusal)) return `${http}${refusal}`;
  if (codes.length > 0) return `${http}ERROR ${codes.join(',')}: ${body.errors![0].message}`;
  const name = field.split('.')[1];
  if (!body.data || !(name in body.data)) return `${http}NO DATA`;
  const userErrors: { code: string }[] = body.data[name]?.userErrors ?? [];
  if (userErrors.some((error) => error.code === 'SESSION_ENDED')) return `${http}SESSION_ENDED`;
  return `${http}ALLOWED`;
}

async function gql(query: string, variables: Record<string, unknown>, token: string) {
  const { body } = await d.gql(query, variables, { token });
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** The admin's token as it would be 8 hours and a minute after it was issued: signed with the server's own key, expired. */
async function expiredCopyOf(token: string): Promise<string> {
  const claims = decodeJwt(token);
  const shift = 8 * 60 * 60 + 60;
  const [row] = await d.db.query(`SELECT value FROM app_secret WHERE name = 'jwt'`);
  return new SignJWT({ ...claims, iat: claims.iat! - shift, exp: claims.exp! - shift })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(Buffer.from(row.value, 'base64url'));
}

beforeAll(async () => {
  d = await startDeployed();
  creds.analyst = await d.login('ANALYST');
  creds.rep = await d.login('REP');
  creds.admin = await d.login('ADMIN');
  creds.expiredJwt = await expiredCopyOf(creds.admin);
  schema = buildClientSchema(await gql(getIntrospectionQuery(), {}, creds.admin));
  await gql(
    `mutation ($input: StaffCreateInput!) { staffCreate(input: $input) { staff { id } userErrors { code } } }`,
    { input: { ...LOGIN, role: 'REP' } },
    creds.admin,
  );

  const created = await gql(`mutation { apiKeyCreate(input: { name: "Soon revoked" }) { apiKey { id } key } }`, {}, creds.admin);
  creds.revokedKey = created.apiKeyCreate.key;
  await gql(
    `mutation ($id: ID!) { apiKeyRevoke(input: { id: $id }) { userErrors { code } } }`,
    { id: created.apiKeyCreate.apiKey.id },
    creds.admin,
  );

  const trial = await gql(
    `mutation { customerOrgStartTrial(input: { companyName: "Access Trial", countryCode: "US", adminEmail: "admin@access-trial.example", days: 30 }) { customerOrg { id } } }`,
    {},
    creds.rep,
  );
  ids.customerOrg = trial.customerOrgStartTrial.customerOrg.id;

  const ended = await d.openWizard();
  await gql(`mutation { provisioningAbandon(input: {}) { userErrors { code } } }`, {}, ended.sessionToken);
  creds.endedWizard = ended.sessionToken;
  creds.endedSessionId = ended.sessionId;

  const live = await d.openWizard();
  ids.order = live.orderId;
  ids.session = live.sessionId;
  creds.wizard = live.sessionToken;
  creds.linkToken = live.linkToken;
}, 120_000);
afterAll(() => d?.close(), 30_000);

test('the table has one operation for every root field of the schema, and no more', () => {
  const schemaFields = [
    ...Object.keys(schema.getQueryType()!.getFields()).map((name) => `Query.${name}`),
    ...Object.keys(schema.getMutationType()!.getFields()).map((name) => `Mutation.${name}`),
  ].sort();
  expect(Object.keys(CALLS).sort()).toEqual(schemaFields);
});

describe.each(CREDENTIALS.map((credential) => [credential.name, credential] as const))('with %s', (name, credential) => {
  test('every root field gives the outcome its audience implies, with HTTP 200', async () => {
    const expected: Record<string, string> = {};
    const actual: Record<string, string> = {};
    // One field after another: the wizard steps act on one session, and abandoning it comes last.
    for (const [field, call] of Object.entries(CALLS)) {
      expected[field] = expectedOutcome(call, credential, field);
      const token = field === 'Mutation.staffLogout' && credential.fresh ? await credential.fresh() : credential.token();
      actual[field] = outcomeOf(field, await d.gql(call.operation, call.variables?.() ?? {}, { token }));
    }
    expect(actual).toEqual(expected);
  });
});

test('the token of an ended wizard session reaches that session only, and it stays ended', async () => {
  const own = await d.gql(`{ provisioningSession { id status } }`, {}, { token: creds.endedWizard });
  expect(own.body.data.provisioningSession).toEqual({ id: creds.endedSessionId, status: 'ABANDONED' });
  const step = await d.gql(
    `mutation { provisioningChooseRole(input: { role: CUSTOMER }) { session { id } userErrors { code } } }`,
    {},
    { token: creds.endedWizard },
  );
  expect(step.body.data.provisioningChooseRole.userErrors).toEqual([{ code: 'SESSION_ENDED' }]);
  const [row] = await d.db.query(`SELECT status, draft FROM provisioning_session WHERE id = $1`, [creds.endedSessionId]);
  expect(row).toEqual({ status: 'ABANDONED', draft: {} });
});

describe('analysts never see secrets', () => {
  const SECRET = /token|hash|password|secret/i;
  /** Secrets that only their creator receives, once, in a mutation payload. */
  const SHOWN_ONCE = [
    'LoginPayload.token',
    'ProvisioningStartPayload.sessionToken',
    'ApiKeyCreatePayload.key',
    'StaffCreatePayload.password',
  ];
  const CHECKED_TYPES = ['Order', 'SetupLinkState', 'OutboxEmail', 'ProvisioningSession', 'Staff', 'ApiKey'];

  interface TypeRef {
    kind: string;
    name: string | null;
    ofType: TypeRef | null;
  }
  interface IntrospectedType {
    name: string;
    kind: string;
    fields: { name: string; type: TypeRef }[] | null;
  }
  const TYPE_REF = `kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }`;
  const named = (ref: TypeRef): string => (ref.ofType ? named(ref.ofType) : ref.name!);

  let types: Map<string, IntrospectedType>;
  beforeAll(async () => {
    const { status, body } = await d.gql(
      `{ __schema { queryType { name } types { name kind fields { name type { ${TYPE_REF} } } } } }`,
      {},
      { token: creds.analyst },
    );
    expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
    types = new Map((body.data.__schema.types as IntrospectedType[]).map((type) => [type.name, type]));
  });

  /** Every object type an ANALYST can reach from the queries they may call. */
  function reachableForAnalyst(): Set<string> {
    const analyst: Credential = CREDENTIALS.find((c) => c.name === 'ANALYST')!;
    const roots = Object.entries(CALLS)
      .filter(([field, call]) => field.startsWith('Query.') && expectedOutcome(call, analyst, field) === 'ALLOWED')
      .map(([field]) => field.split('.')[1]);
    const query = types.get('Query')!;
    const seen = new Set<string>();
    const queue = query.fields!.filter((field) => roots.includes(field.name)).map((field) => named(field.type));
    while (queue.length > 0) {
      const name = queue.pop()!;
      const type = types.get(name);
      if (!type || seen.has(name) || !type.fields) continue;
      seen.add(name);
      for (const field of type.fields) queue.push(named(field.type));
    }
    return seen;
  }

  test('no type reachable from their queries has a field named like a token, hash or password', () => {
    const reachable = reachableForAnalyst();
    for (const name of ['Order', 'SetupLinkState', 'OutboxEmail', 'ProvisioningSession']) expect(reachable.has(name)).toBe(true);
    const leaks = [...reachable].flatMap((name) =>
      (types.get(name)!.fields ?? []).filter((field) => SECRET.test(field.name)).map((field) => `${name}.${field.name}`),
    );
    expect(leaks.filter((leak) => !SHOWN_ONCE.includes(leak))).toEqual([]);
    // The payloads that carry a secret once are mutation results, out of an analyst's reach.
    expect(SHOWN_ONCE.map((leak) => leak.split('.')[0]).filter((name) => reachable.has(name))).toEqual([]);
  });

  test('Order, SetupLinkState, OutboxEmail, ProvisioningSession, Staff and ApiKey carry no secret field', () => {
    const leaks = CHECKED_TYPES.flatMap((name) => {
      const type = types.get(name);
      if (!type) return [`${name} is missing from the schema`];
      return (type.fields ?? []).filter((field) => SECRET.test(field.name)).map((field) => `${name}.${field.name}`);
    });
    expect(leaks).toEqual([]);
  });

  test('what an analyst reads of an order in the wizard holds neither its link token nor its session token', async () => {
    const { body: result } = await d.gql(
      `query ($id: ID!) {
        order(id: $id) {
          id subscriptionId provisioningContactEmail status
          links { id status recipientEmail createdAt revokedAt firstOpenedAt openCount }
          emails { id kind recipient subject status attempts lastError nextAttemptAt sentAt createdAt }
          sessions { id contactEmail status currentStep furthestStep answers { role companyName customerAdminEmail } }
        }
        orders(page: { limit: 200 }) { nodes { id links { id status } emails { subject } } }
      }`,
      { id: ids.order },
      { token: creds.analyst },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.order.links.length).toBeGreaterThan(0);
    expect(result.data.order.emails.length).toBeGreaterThan(0);
    expect(result.data.order.sessions.length).toBeGreaterThan(0);
    const text = JSON.stringify(result.data);
    expect(text).not.toContain(creds.linkToken);
    expect(text).not.toContain(creds.wizard);
    expect(text).not.toMatch(/wx[lsk]_/);
  });
});
