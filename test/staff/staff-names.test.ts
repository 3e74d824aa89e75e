/**
 * Staff members have names: an administrator gives one when creating an account (or not: the email then stands
 * alone) and may change it later; a blank or over-long name is refused, and each change is audited, with the
 * administrator who made it named in the trail by name and email.
 */
import { StaffRole } from '../../server/staff/staff.entity';
import { Harness, startHarness } from '../support/harness';

let h: Harness;
let admin: { id: string; token: string };

const USER_ERRORS = 'userErrors { field code message }';
const STAFF = 'id email name role version';
const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { token staff { id } ${USER_ERRORS} } }`;
const STAFF_CREATE = `mutation ($input: StaffCreateInput!) { staffCreate(input: $input) { staff { ${STAFF} } ${USER_ERRORS} } }`;
const STAFF_UPDATE = `mutation ($input: StaffUpdateInput!) { staffUpdate(input: $input) { staff { ${STAFF} } ${USER_ERRORS} } }`;
const STAFF_TRAIL = `query ($id: String!) { auditEvents(filter: { entityType: "Staff", entityId: $id }) { nodes {
  action actor { kind email name } changes { field before after } } } }`;
const PASSWORD = 'a long enough password';

async function login(email: string, password = PASSWORD): Promise<{ id: string; token: string }> {
  const result = await h.gql(LOGIN, { input: { email, password } });
  expect(result.data.login.userErrors).toEqual([]);
  return { id: result.data.login.staff.id, token: result.data.login.token };
}

async function asAdmin(query: string, variables: Record<string, unknown>) {
  const result = await h.gql(query, variables, { token: admin.token });
  expect(result.errors).toBeUndefined();
  return result.data;
}

beforeAll(async () => {
  h = await startHarness();
  await h.services.staff.createStaff('ada.admin@cisco.test', PASSWORD, StaffRole.ADMIN);
  admin = await login('ada.admin@cisco.test');
  await asAdmin(STAFF_UPDATE, { input: { id: admin.id, version: 1, name: 'Ada Lovelace' } });
});
afterAll(() => h.close());

test('an account is created with a name, or without one', async () => {
  const named = await asAdmin(STAFF_CREATE, {
    input: { email: 'rita.rep@cisco.test', role: 'REP', name: '  Rita Ramos ', password: PASSWORD },
  });
  expect(named.staffCreate).toMatchObject({ staff: { email: 'rita.rep@cisco.test', name: 'Rita Ramos', role: 'REP' }, userErrors: [] });
  const unnamed = await asAdmin(STAFF_CREATE, { input: { email: 'andy.analyst@cisco.test', role: 'ANALYST', password: PASSWORD } });
  expect(unnamed.staffCreate).toMatchObject({ staff: { email: 'andy.analyst@cisco.test', name: null }, userErrors: [] });

  const list = await asAdmin(`{ staffAccounts(page: { limit: 200 }) { nodes { email name } } }`, {});
  expect(list.staffAccounts.nodes).toEqual(
    expect.arrayContaining([
      { email: 'rita.rep@cisco.test', name: 'Rita Ramos' },
      { email: 'andy.analyst@cisco.test', name: null },
    ]),
  );
  // The creation's trail names the administrator who made it, and the name it gave.
  const trail = await asAdmin(STAFF_TRAIL, { id: named.staffCreate.staff.id });
  expect(trail.auditEvents.nodes).toEqual([
    expect.objectContaining({
      action: 'staff.create',
      actor: { kind: 'STAFF', email: 'ada.admin@cisco.test', name: 'Ada Lovelace' },
      changes: expect.arrayContaining([{ field: 'name', before: null, after: 'Rita Ramos' }]),
    }),
  ]);
});

test('the first administrator, created at start, has no name: the trail names it by its email alone', async () => {
  const fresh = await startHarness();
  try {
    const first = await fresh.services.staff.ensureFirstAdmin('first.admin@cisco.test', PASSWORD);
    expect(first).toEqual({ email: 'first.admin@cisco.test' });
    expect(await fresh.db.query(`SELECT name FROM staff WHERE email = 'first.admin@cisco.test'`)).toEqual([{ name: null }]);
    const session = await fresh.gql(LOGIN, { input: { email: 'first.admin@cisco.test', password: PASSWORD } });
    const token = session.data.login.token;
    const created = await fresh.gql(STAFF_CREATE, { input: { email: 'second@cisco.test', role: 'REP' } }, { token });
    const trail = await fresh.gql(STAFF_TRAIL, { id: created.data.staffCreate.staff.id }, { token });
    expect(trail.data.auditEvents.nodes[0].actor).toEqual({ kind: 'STAFF', email: 'first.admin@cisco.test', name: null });
  } finally {
    await fresh.close();
  }
});

test('a blank or over-long name is refused, and nothing is created or changed', async () => {
  const before = await h.db.query(`SELECT count(*)::int AS count FROM staff`);
  const blank = await asAdmin(STAFF_CREATE, { input: { email: 'blank@cisco.test', role: 'REP', name: '   ' } });
  expect(blank.staffCreate).toEqual({
    staff: null,
    userErrors: [{ field: ['input', 'name'], code: 'REQUIRED', message: 'This field is required.' }],
  });
  const long = await asAdmin(STAFF_CREATE, { input: { email: 'long@cisco.test', role: 'REP', name: 'x'.repeat(101) } });
  expect(long.staffCreate).toEqual({
    staff: null,
    userErrors: [{ field: ['input', 'name'], code: 'TOO_LONG', message: 'This field may have at most 100 characters.' }],
  });
  expect(await h.db.query(`SELECT count(*)::int AS count FROM staff`)).toEqual(before);

  const created = await asAdmin(STAFF_CREATE, { input: { email: 'nora@cisco.test', role: 'REP', name: 'Nora' } });
  const { id, version } = created.staffCreate.staff;
  for (const [name, code] of [
    ['', 'REQUIRED'],
    ['x'.repeat(101), 'TOO_LONG'],
  ]) {
    const refused = await asAdmin(STAFF_UPDATE, { input: { id, version, name } });
    expect(refused.staffUpdate).toMatchObject({ staff: null, userErrors: [{ field: ['input', 'name'], code }] });
  }
  // In Bulgarian too.
  const bulgarian = await h.gql(STAFF_UPDATE, { input: { id, version, name: ' ' } }, { token: admin.token, language: 'bg' });
  expect(bulgarian.data.staffUpdate.userErrors).toEqual([
    { field: ['input', 'name'], code: 'REQUIRED', message: 'Това поле е задължително.' },
  ]);
  expect(await h.db.query(`SELECT name, version FROM staff WHERE id = $1`, [id])).toEqual([{ name: 'Nora', version }]);
});

test('an administrator renames an account: audited, and the account keeps its tokens', async () => {
  const created = await asAdmin(STAFF_CREATE, { input: { email: 'omar@cisco.test', role: 'REP', password: PASSWORD } });
  const { id } = created.staffCreate.staff;
  const omar = await login('omar@cisco.test');

  const renamed = await asAdmin(STAFF_UPDATE, { input: { id, version: 1, name: 'Omar Haddad' } });
  expect(renamed.staffUpdate).toEqual({
    staff: { id, email: 'omar@cisco.test', name: 'Omar Haddad', role: 'REP', version: 2 },
    userErrors: [],
  });
  // A rename does not end the account's tokens, as a role change or a new password does.
  const stillIn = await h.gql(`{ orders(page: { limit: 1 }) { totalCount } }`, {}, { token: omar.token });
  expect(stillIn.errors).toBeUndefined();
  expect(await h.db.query(`SELECT token_generation FROM staff WHERE id = $1`, [id])).toEqual([{ token_generation: 0 }]);

  // Leaving the name out keeps it.
  const promoted = await asAdmin(STAFF_UPDATE, { input: { id, version: 2, role: 'ADMIN' } });
  expect(promoted.staffUpdate.staff).toMatchObject({ name: 'Omar Haddad', role: 'ADMIN', version: 3 });

  const trail = await asAdmin(STAFF_TRAIL, { id });
  expect(trail.auditEvents.nodes.map((e: { action: string; changes: unknown }) => [e.action, e.changes])).toEqual([
    ['staff.update', [{ field: 'role', before: 'REP', after: 'ADMIN' }]],
    ['staff.update', [{ field: 'name', before: null, after: 'Omar Haddad' }]],
    ['staff.create', expect.anything()],
  ]);
  expect(trail.auditEvents.nodes[1].actor).toEqual({ kind: 'STAFF', email: 'ada.admin@cisco.test', name: 'Ada Lovelace' });
});

test('only administrators rename; representatives read the names in the audit trail', async () => {
  const created = await asAdmin(STAFF_CREATE, { input: { email: 'paula@cisco.test', role: 'REP', name: 'Paula', password: PASSWORD } });
  const { id } = created.staffCreate.staff;
  const paula = await login('paula@cisco.test');
  const refused = await h.gql(STAFF_UPDATE, { input: { id, version: 1, name: 'Paula the Great' } }, { token: paula.token });
  expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(await h.db.query(`SELECT name FROM staff WHERE id = $1`, [id])).toEqual([{ name: 'Paula' }]);

  const trail = await h.gql(STAFF_TRAIL, { id }, { token: paula.token });
  expect(trail.data.auditEvents.nodes[0].actor).toEqual({ kind: 'STAFF', email: 'ada.admin@cisco.test', name: 'Ada Lovelace' });
});
