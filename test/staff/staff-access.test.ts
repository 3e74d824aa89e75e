/** Staff log in with a password and get a JWT that expires; roles decide what they may call. */
import { StaffRole } from '../../server/staff/staff.entity';
import { Harness, startHarness } from '../support/harness';
import { bookOrder, WizardClient } from '../support/wizard';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { token staff { id email role } userErrors { code field message } } }`;
const ORDER = `query ($id: ID!) { order(id: $id) { id subscriptionId } }`;
const START_TRIAL = `mutation ($input: CustomerOrgStartTrialInput!) { customerOrgStartTrial(input: $input) { customerOrg { id } userErrors { code } } }`;

test('the first administrator is created once, with the configured or a generated password', async () => {
  const first = await h.services.staff.ensureFirstAdmin(undefined, undefined);
  expect(first).toEqual({ email: 'admin@localhost', password: expect.stringMatching(/^\S{16,}$/) });
  expect(await h.services.staff.ensureFirstAdmin('other@cisco.test', 'whatever')).toBeNull();
  const [row] = await h.db.query(`SELECT role, password_hash FROM staff WHERE email = 'admin@localhost'`);
  expect(row.role).toBe('ADMIN');
  expect(row.password_hash).toMatch(/^\$argon2id\$/);

  const login = await h.gql(LOGIN, { input: { email: 'ADMIN@localhost', password: first!.password } });
  expect(login.data.login).toMatchObject({ staff: { email: 'admin@localhost', role: 'ADMIN' }, userErrors: [] });
  expect(login.data.login.token.split('.')).toHaveLength(3);
});

test('a wrong password is a user error that does not say which half was wrong', async () => {
  await h.services.staff.createStaff('rep@cisco.test', 'right password', StaffRole.REP);
  for (const input of [
    { email: 'rep@cisco.test', password: 'wrong password' },
    { email: 'nobody@cisco.test', password: 'right password' },
  ]) {
    const login = await h.gql(LOGIN, { input });
    expect(login.data.login).toEqual({
      token: null,
      staff: null,
      userErrors: [{ code: 'INVALID_CREDENTIALS', field: null, message: 'The email or password is wrong.' }],
    });
  }
});

test('a staff token expires after eight hours', async () => {
  const { order } = await bookOrder(h);
  const token = await h.staffToken(StaffRole.REP);
  expect((await h.gql(ORDER, { id: order.id }, { token })).data.order.subscriptionId).toBe(order.subscriptionId);
  h.clock.advanceMinutes(8 * 60 + 1);
  try {
    const expired = await h.gql(ORDER, { id: order.id }, { token });
    expect(expired.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(expired.data.order).toBeNull();
  } finally {
    h.clock.set('2026-11-24T09:00:00Z');
  }
});

test('each credential reaches what its role allows and nothing else', async () => {
  const { order, linkToken } = await bookOrder(h);
  const wizard = await WizardClient.open(h, linkToken!);
  const analyst = await h.staffToken(StaffRole.ANALYST);
  const rep = await h.staffToken(StaffRole.REP);
  const trial = (n: number) => ({ companyName: `Trial ${n}`, countryCode: 'US', adminEmail: `admin${n}@trial-access.example`, days: 30 });

  const codeOf = (result: { errors?: { extensions?: { code?: string } }[] }) => result.errors?.[0]?.extensions?.code ?? 'ALLOWED';
  expect(codeOf(await h.gql(ORDER, { id: order.id }))).toBe('UNAUTHENTICATED');
  expect(codeOf(await h.gql(ORDER, { id: order.id }, { token: 'wxk_not-a-key' }))).toBe('UNAUTHENTICATED');
  expect(codeOf(await h.gql(ORDER, { id: order.id }, { token: wizard.sessionToken }))).toBe('FORBIDDEN');
  expect(codeOf(await h.gql(ORDER, { id: order.id }, { token: analyst }))).toBe('ALLOWED');
  expect(codeOf(await h.gql(START_TRIAL, { input: trial(1) }, { token: analyst }))).toBe('FORBIDDEN');
  expect(codeOf(await h.gql(START_TRIAL, { input: trial(2) }, { token: rep }))).toBe('ALLOWED');
  expect(codeOf(await h.gql(START_TRIAL, { input: trial(3) }, { token: h.commerceKey }))).toBe('ALLOWED');
  expect(codeOf(await h.gql(`{ provisioningSession { id } }`, {}, { token: rep }))).toBe('FORBIDDEN');
  expect(codeOf(await h.gql(`{ provisioningSession { id } }`, {}, { token: wizard.sessionToken }))).toBe('ALLOWED');

  const [{ count }] = await h.db.query(`SELECT count(*)::int AS count FROM customer_org WHERE name = 'Trial 1'`);
  expect(count).toBe(0);
  const audit = await h.db.query(`SELECT actor_kind, action FROM audit_event WHERE action = 'customerOrg.startTrial' ORDER BY id`);
  expect(audit).toEqual([
    { actor_kind: 'STAFF', action: 'customerOrg.startTrial' },
    { actor_kind: 'API_KEY', action: 'customerOrg.startTrial' },
  ]);
});

test('errors from a malformed request carry a code and no stack trace', async () => {
  const broken = await h.gql(`{ order(id: `);
  expect(broken.errors?.[0].extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
  const unknownField = await h.gql(`{ nothingHere }`);
  expect(unknownField.errors?.[0].extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
});
