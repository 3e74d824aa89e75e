/**
 * An administrator manages staff accounts and the commerce integration's API keys from the console:
 * every change takes effect at once and leaves an audit_event row attributed to that administrator.
 */
import { createHash } from 'node:crypto';
import { StaffRole } from '../../server/staff/staff.entity';
import { GraphQLResponse, Harness, startHarness } from '../support/harness';

let h: Harness;
let admin: { id: string; token: string };

const USER_ERRORS = 'userErrors { field code message }';
const STAFF = 'id email role disabledAt version createdAt';
const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { token staff { id role } ${USER_ERRORS} } }`;
const STAFF_CREATE = `mutation ($input: StaffCreateInput!) { staffCreate(input: $input) { staff { ${STAFF} } password ${USER_ERRORS} } }`;
const STAFF_UPDATE = `mutation ($input: StaffUpdateInput!) { staffUpdate(input: $input) { staff { ${STAFF} } ${USER_ERRORS} } }`;
const API_KEY_CREATE = `mutation ($name: String!) { apiKeyCreate(input: { name: $name }) { apiKey { id name hint createdAt revokedAt } key ${USER_ERRORS} } }`;
const API_KEY_REVOKE = `mutation ($id: ID!) { apiKeyRevoke(input: { id: $id }) { apiKey { id revokedAt } ${USER_ERRORS} } }`;
const ORDER_SUBMIT = `mutation ($input: OrderSubmitInput!) { orderSubmit(input: $input) { order { id status } ${USER_ERRORS} } }`;
const ME_AS_STAFF = `{ orders(page: { limit: 1 }) { totalCount } }`;

const codeOf = (result: GraphQLResponse) => result.errors?.[0]?.extensions?.code ?? 'ALLOWED';

async function login(email: string, password: string) {
  const result = await h.gql(LOGIN, { input: { email, password } });
  expect(result.errors).toBeUndefined();
  return result.data.login as { token: string | null; staff: { id: string; role: string } | null; userErrors: { code: string }[] };
}

async function asAdmin(query: string, variables: Record<string, unknown>) {
  const result = await h.gql(query, variables, { token: admin.token });
  expect(result.errors).toBeUndefined();
  return result.data;
}

async function auditRows(entityId: string) {
  return h.db.query(`SELECT actor_kind, actor_id, action, entity_type, before, after FROM audit_event WHERE entity_id = $1 ORDER BY id`, [
    entityId,
  ]);
}

let orderSequence = 0;
function newOrder() {
  orderSequence += 1;
  return {
    subscriptionId: `Sub-keys-${process.pid}-${orderSequence}`,
    commerceOrderNumber: `CCW-K${orderSequence}`,
    offerCode: 'WXCC-STD',
    seats: 5,
    requestedStartDate: '2027-03-01',
    provisioningContactEmail: `it${orderSequence}@keys.example`,
  };
}

beforeAll(async () => {
  h = await startHarness();
  await h.services.staff.createStaff('first.admin@cisco.test', 'the first admin password', StaffRole.ADMIN);
  const session = await login('first.admin@cisco.test', 'the first admin password');
  admin = { id: session.staff!.id, token: session.token! };
});
afterAll(() => h.close());

describe('staff accounts', () => {
  test('the only active administrator cannot demote or disable themselves (LAST_ADMIN); with a second one they can', async () => {
    const [{ count }] = await h.db.query(`SELECT count(*)::int AS count FROM staff WHERE role = 'ADMIN' AND disabled_at IS NULL`);
    expect(count).toBe(1);

    for (const change of [{ role: 'REP' }, { disabled: true }]) {
      const refused = await asAdmin(STAFF_UPDATE, { input: { id: admin.id, version: 1, ...change } });
      expect(refused.staffUpdate).toEqual({
        staff: null,
        userErrors: [
          { field: ['input', 'id'], code: 'LAST_ADMIN', message: 'This is the last active administrator: make another one first.' },
        ],
      });
    }
    expect(await h.db.query(`SELECT role, disabled_at, version FROM staff WHERE id = $1`, [admin.id])).toEqual([
      { role: 'ADMIN', disabled_at: null, version: 1 },
    ]);
    expect(await auditRows(admin.id)).toEqual([]);

    // A second administrator makes the first one free to step down, and back.
    const second = await asAdmin(STAFF_CREATE, {
      input: { email: 'second.admin@cisco.test', role: 'ADMIN', password: 'second admin password' },
    });
    const secondId = second.staffCreate.staff.id;
    const demoted = await asAdmin(STAFF_UPDATE, { input: { id: secondId, version: 1, role: 'REP' } });
    expect(demoted.staffUpdate).toMatchObject({ staff: { role: 'REP', version: 2 }, userErrors: [] });
    const restored = await asAdmin(STAFF_UPDATE, { input: { id: secondId, version: 2, role: 'ADMIN' } });
    expect(restored.staffUpdate).toMatchObject({ staff: { role: 'ADMIN', version: 3 }, userErrors: [] });
  });

  test('an administrator creates an account with a chosen password; it logs in with that role', async () => {
    const created = await asAdmin(STAFF_CREATE, {
      input: { email: 'rita.rep@cisco.test', role: 'REP', password: 'rita has a long password' },
    });
    expect(created.staffCreate).toMatchObject({
      staff: { email: 'rita.rep@cisco.test', role: 'REP', disabledAt: null, version: 1 },
      password: null,
      userErrors: [],
    });
    const id = created.staffCreate.staff.id;

    const [row] = await h.db.query(`SELECT role, password_hash FROM staff WHERE id = $1`, [id]);
    expect(row.role).toBe('REP');
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain('rita has a long password');

    const session = await login('Rita.Rep@cisco.test', 'rita has a long password');
    expect(session).toMatchObject({ staff: { id, role: 'REP' }, userErrors: [] });

    const audit = await auditRows(id);
    expect(audit).toEqual([
      expect.objectContaining({ actor_kind: 'STAFF', actor_id: admin.id, action: 'staff.create', entity_type: 'Staff', before: null }),
    ]);
    expect(audit[0].after).toMatchObject({ id, email: 'rita.rep@cisco.test', role: 'REP' });
    expect(JSON.stringify(audit[0])).not.toMatch(/argon2|password/i);
  });

  test('without a password one is generated and shown once; it works, and it is kept only as a hash', async () => {
    const created = await asAdmin(STAFF_CREATE, { input: { email: 'andy.analyst@cisco.test', role: 'ANALYST' } });
    const { staff, password } = created.staffCreate;
    expect(staff).toMatchObject({ email: 'andy.analyst@cisco.test', role: 'ANALYST' });
    expect(password).toEqual(expect.any(String));
    expect(password.length).toBeGreaterThanOrEqual(12);

    const session = await login('andy.analyst@cisco.test', password);
    expect(session).toMatchObject({ staff: { id: staff.id, role: 'ANALYST' }, userErrors: [] });

    // The listing shows the account, never a password.
    const list = await asAdmin(`{ staffAccounts(page: { limit: 200 }) { totalCount nodes { ${STAFF} } } }`, {});
    expect(list.staffAccounts.nodes).toContainEqual(expect.objectContaining({ id: staff.id, email: 'andy.analyst@cisco.test' }));
    expect(JSON.stringify(list)).not.toContain(password);
    const [row] = await h.db.query(`SELECT row_to_json(staff)::text AS text FROM staff WHERE id = $1`, [staff.id]);
    expect(row.text).not.toContain(password);
    expect(JSON.stringify(await auditRows(staff.id))).not.toContain(password);
  });

  test('a password under 12 characters is refused (WEAK_PASSWORD) and no account is made', async () => {
    const refused = await asAdmin(STAFF_CREATE, { input: { email: 'short@cisco.test', role: 'REP', password: 'eleven char' } });
    expect(refused.staffCreate).toEqual({
      staff: null,
      password: null,
      userErrors: [{ field: ['input', 'password'], code: 'WEAK_PASSWORD', message: 'A password needs at least 12 characters.' }],
    });
    expect(await h.db.query(`SELECT id FROM staff WHERE lower(email) = 'short@cisco.test'`)).toEqual([]);
    expect(await h.db.query(`SELECT id FROM audit_event WHERE action = 'staff.create' AND after->>'email' = 'short@cisco.test'`)).toEqual(
      [],
    );
  });

  test('an email that already has an account, in any case, is refused (STAFF_EMAIL_IN_USE)', async () => {
    await asAdmin(STAFF_CREATE, { input: { email: 'dora.dup@cisco.test', role: 'REP', password: 'dora has a long password' } });
    const refused = await asAdmin(STAFF_CREATE, {
      input: { email: 'DORA.Dup@cisco.test', role: 'ANALYST', password: 'another long password' },
    });
    expect(refused.staffCreate).toEqual({
      staff: null,
      password: null,
      userErrors: [{ field: ['input', 'email'], code: 'STAFF_EMAIL_IN_USE', message: 'A staff account with this email already exists.' }],
    });
    expect(await h.db.query(`SELECT email, role FROM staff WHERE lower(email) = 'dora.dup@cisco.test'`)).toEqual([
      { email: 'dora.dup@cisco.test', role: 'REP' },
    ]);
  });

  test('a role change ends the JWT already issued; a new login carries the new role; a change from an old version is refused (STALE_VERSION)', async () => {
    const created = await asAdmin(STAFF_CREATE, {
      input: { email: 'ron.rep@cisco.test', role: 'REP', password: 'ron has a long password' },
    });
    const id = created.staffCreate.staff.id;
    const ron = (await login('ron.rep@cisco.test', 'ron has a long password')).token!;
    const trial = (n: number) => ({
      companyName: `Ron Trial ${n}`,
      countryCode: 'US',
      adminEmail: `admin${n}@ron-trial.example`,
      days: 30,
    });
    const START_TRIAL = `mutation ($input: CustomerOrgStartTrialInput!) { customerOrgStartTrial(input: $input) { customerOrg { id } ${USER_ERRORS} } }`;
    expect(codeOf(await h.gql(START_TRIAL, { input: trial(1) }, { token: ron }))).toBe('ALLOWED');

    const demoted = await asAdmin(STAFF_UPDATE, { input: { id, version: 1, role: 'ANALYST' } });
    expect(demoted.staffUpdate).toMatchObject({ staff: { id, role: 'ANALYST', version: 2 }, userErrors: [] });
    expect(codeOf(await h.gql(START_TRIAL, { input: trial(2) }, { token: ron }))).toBe('UNAUTHENTICATED');
    const asAnalyst = (await login('ron.rep@cisco.test', 'ron has a long password')).token!;
    expect(codeOf(await h.gql(START_TRIAL, { input: trial(2) }, { token: asAnalyst }))).toBe('FORBIDDEN');
    expect(codeOf(await h.gql(ME_AS_STAFF, {}, { token: asAnalyst }))).toBe('ALLOWED');

    // Another administrator's screen still shows version 1: its change is refused and nothing moves.
    const stale = await asAdmin(STAFF_UPDATE, { input: { id, version: 1, role: 'ADMIN' } });
    expect(stale.staffUpdate).toEqual({
      staff: null,
      userErrors: [
        {
          field: ['input', 'version'],
          code: 'STALE_VERSION',
          message: 'Someone else changed this record after you opened it. Reload it and make your change again.',
        },
      ],
    });
    expect(await h.db.query(`SELECT role, version FROM staff WHERE id = $1`, [id])).toEqual([{ role: 'ANALYST', version: 2 }]);

    const audit = await auditRows(id);
    expect(audit.map((row: { action: string }) => row.action)).toEqual(['staff.create', 'staff.update']);
    expect(audit[1]).toMatchObject({
      actor_kind: 'STAFF',
      actor_id: admin.id,
      entity_type: 'Staff',
      before: { role: 'REP', version: 1 },
      after: { role: 'ANALYST', version: 2 },
    });
  });

  test('disabling an account stops its JWT at once and refuses its login; enabling it lets it log in again', async () => {
    const created = await asAdmin(STAFF_CREATE, {
      input: { email: 'dana.gone@cisco.test', role: 'REP', password: 'dana has a long password' },
    });
    const id = created.staffCreate.staff.id;
    const dana = (await login('dana.gone@cisco.test', 'dana has a long password')).token!;
    expect(codeOf(await h.gql(ME_AS_STAFF, {}, { token: dana }))).toBe('ALLOWED');

    const disabled = await asAdmin(STAFF_UPDATE, { input: { id, version: 1, disabled: true } });
    expect(disabled.staffUpdate).toMatchObject({ staff: { id, disabledAt: h.clock.now().toISOString(), version: 2 }, userErrors: [] });

    expect(codeOf(await h.gql(ME_AS_STAFF, {}, { token: dana }))).toBe('UNAUTHENTICATED');
    const refused = await login('dana.gone@cisco.test', 'dana has a long password');
    expect(refused).toEqual({
      token: null,
      staff: null,
      userErrors: [{ field: null, code: 'INVALID_CREDENTIALS', message: 'The email or password is wrong.' }],
    });

    const enabled = await asAdmin(STAFF_UPDATE, { input: { id, version: 2, disabled: false } });
    expect(enabled.staffUpdate).toMatchObject({ staff: { id, disabledAt: null, version: 3 }, userErrors: [] });
    const again = await login('dana.gone@cisco.test', 'dana has a long password');
    expect(again).toMatchObject({ staff: { id }, userErrors: [] });
    expect(codeOf(await h.gql(ME_AS_STAFF, {}, { token: again.token! }))).toBe('ALLOWED');

    const audit = await auditRows(id);
    expect(
      audit.map((row: { action: string; actor_kind: string; actor_id: string }) => [row.action, row.actor_kind, row.actor_id]),
    ).toEqual([
      ['staff.create', 'STAFF', admin.id],
      ['staff.update', 'STAFF', admin.id],
      ['staff.update', 'STAFF', admin.id],
    ]);
    expect(audit[1].before.disabledAt).toBeNull();
    expect(audit[1].after.disabledAt).not.toBeNull();
    expect(audit[2].after.disabledAt).toBeNull();
  });
});

describe('API keys', () => {
  test('a new key is shown once; the database keeps only its hash; the key works as COMMERCE', async () => {
    const created = await asAdmin(API_KEY_CREATE, { name: 'CCW staging' });
    const { apiKey, key } = created.apiKeyCreate;
    expect(created.apiKeyCreate.userErrors).toEqual([]);
    expect(key).toMatch(/^wxk_[A-Za-z0-9_-]{40,}$/);
    expect(apiKey).toMatchObject({ name: 'CCW staging', hint: key.slice(0, apiKey.hint.length), revokedAt: null });
    expect(apiKey.hint.length).toBeLessThan(key.length / 2);

    // The row: a SHA-256 hash of the key, and nowhere the key itself.
    const [row] = await h.db.query(`SELECT key_hash, row_to_json(api_key)::text AS text FROM api_key WHERE id = $1`, [apiKey.id]);
    expect(row.text).not.toContain(key);
    expect(row.text).not.toContain(key.slice(8));
    expect(Buffer.from(row.key_hash).equals(createHash('sha256').update(key).digest())).toBe(true);

    // The listing shows the key by name and hint only.
    const list = await asAdmin(`{ apiKeys(page: { limit: 200 }) { totalCount nodes { id name hint createdAt revokedAt } } }`, {});
    expect(list.apiKeys.nodes).toContainEqual(apiKey);
    expect(JSON.stringify(list)).not.toContain(key);

    // The key books an order, and the audit names the key; it cannot do what only representatives may.
    const submitted = await h.gql(ORDER_SUBMIT, { input: newOrder() }, { token: key });
    expect(submitted.data.orderSubmit).toMatchObject({ order: { status: 'BOOKED' }, userErrors: [] });
    const [booked] = await auditRows(submitted.data.orderSubmit.order.id);
    expect(booked).toMatchObject({ actor_kind: 'API_KEY', actor_id: apiKey.id });
    const reopen = await h.gql(
      `mutation ($id: ID!) { orderReopen(input: { orderId: $id }) { ${USER_ERRORS} } }`,
      { id: submitted.data.orderSubmit.order.id },
      { token: key },
    );
    expect(codeOf(reopen)).toBe('FORBIDDEN');

    const audit = await auditRows(apiKey.id);
    expect(audit).toEqual([
      expect.objectContaining({ actor_kind: 'STAFF', actor_id: admin.id, action: 'apiKey.create', entity_type: 'ApiKey', before: null }),
    ]);
    expect(audit[0].after).toMatchObject({ id: apiKey.id, name: 'CCW staging' });
    expect(JSON.stringify(audit[0])).not.toContain(key);
  });

  test('a revoked key stops working at once; other keys keep working', async () => {
    const { apiKey, key } = (await asAdmin(API_KEY_CREATE, { name: 'CCW old' })).apiKeyCreate;
    expect(codeOf(await h.gql(ORDER_SUBMIT, { input: newOrder() }, { token: key }))).toBe('ALLOWED');

    const revoked = await asAdmin(API_KEY_REVOKE, { id: apiKey.id });
    expect(revoked.apiKeyRevoke).toEqual({ apiKey: { id: apiKey.id, revokedAt: h.clock.now().toISOString() }, userErrors: [] });

    const order = newOrder();
    const refused = await h.gql(ORDER_SUBMIT, { input: order }, { token: key });
    expect(codeOf(refused)).toBe('UNAUTHENTICATED');
    expect(await h.db.query(`SELECT id FROM orders WHERE subscription_id = $1`, [order.subscriptionId])).toEqual([]);
    expect(codeOf(await h.gql(ORDER_SUBMIT, { input: newOrder() }, { token: h.commerceKey }))).toBe('ALLOWED');

    const [row] = await h.db.query(`SELECT revoked_at FROM api_key WHERE id = $1`, [apiKey.id]);
    expect(row.revoked_at).toEqual(h.clock.now());
    const audit = await auditRows(apiKey.id);
    expect(audit.map((r: { action: string }) => r.action)).toEqual(['apiKey.create', 'apiKey.revoke']);
    expect(audit[1]).toMatchObject({ actor_kind: 'STAFF', actor_id: admin.id, entity_type: 'ApiKey', before: { revokedAt: null } });
    expect(audit[1].after.revokedAt).not.toBeNull();
  });

  test('revoking an unknown key is a NOT_FOUND user error', async () => {
    const refused = await asAdmin(API_KEY_REVOKE, { id: '00000000-0000-4000-8000-000000000000' });
    expect(refused.apiKeyRevoke).toMatchObject({ apiKey: null, userErrors: [{ field: ['input', 'id'], code: 'NOT_FOUND' }] });
  });
});
