/**
 * Staff tokens end before they expire: staffLogout ends the caller's token and no other; disabling, enabling, a new
 * role or a new password end every token the account was given before. An ended token is refused as UNAUTHENTICATED
 * with "The credential is not valid or has expired."
 */
import { SignJWT } from 'jose';
import { StaffRole } from '../../server/staff/staff.entity';
import { GraphQLResponse, Harness, startHarness } from '../support/harness';
import { WizardClient, bookOrder } from '../support/wizard';

let h: Harness;
let admin: string;
beforeAll(async () => {
  h = await startHarness();
  admin = await h.staffToken('ADMIN');
});
afterAll(() => h.close());

const PASSWORD = 'a password long enough';
const ME = `{ orders(page: { limit: 1 }) { totalCount } }`;
const LOGOUT = `mutation ($input: StaffLogoutInput!) { staffLogout(input: $input) { clientMutationId userErrors { code } } }`;
const STAFF_UPDATE = `mutation ($input: StaffUpdateInput!) {
  staffUpdate(input: $input) { staff { id role disabledAt version } userErrors { field code message } }
}`;
const ENDED = { code: 'UNAUTHENTICATED', message: 'The credential is not valid or has expired.' };

let people = 0;
async function newRep(): Promise<{ id: string; email: string }> {
  const email = `rep${++people}@tokens.test`;
  const { id } = await h.services.staff.createStaff(email, PASSWORD, StaffRole.REP);
  return { id, email };
}

async function login(email: string, password = PASSWORD): Promise<string> {
  return (await h.services.staff.login(email, password, '192.0.2.1')).token;
}

/** 'ALLOWED', or the code and message of the first error. */
function outcome(result: GraphQLResponse): 'ALLOWED' | { code: unknown; message: string } {
  const [error] = result.errors ?? [];
  return error ? { code: error.extensions?.code, message: error.message } : 'ALLOWED';
}

async function use(token: string) {
  return outcome(await h.gql(ME, {}, { token }));
}

async function update(input: Record<string, unknown>) {
  const result = await h.gql(STAFF_UPDATE, { input }, { token: admin });
  expect(result.errors).toBeUndefined();
  return result.data.staffUpdate;
}

test('logging out ends that token only; the same person signed in elsewhere stays signed in', async () => {
  const { email } = await newRep();
  const laptop = await login(email);
  const phone = await login(email);

  const out = await h.gql(LOGOUT, { input: { clientMutationId: 'bye-1' } }, { token: laptop });
  expect(out).toEqual({ data: { staffLogout: { clientMutationId: 'bye-1', userErrors: [] } } });
  expect(await use(laptop)).toEqual(ENDED);
  expect(await use(phone)).toBe('ALLOWED');

  // The ended token cannot log out again, or do anything else.
  expect(outcome(await h.gql(LOGOUT, { input: {} }, { token: laptop }))).toEqual(ENDED);
  expect(await use(await login(email))).toBe('ALLOWED');
});

test('only a staff token can log out: a wizard token or an API key is FORBIDDEN, no credential UNAUTHENTICATED', async () => {
  const { linkToken } = await bookOrder(h);
  const wizard = await WizardClient.open(h, linkToken!);
  expect(outcome(await h.gql(LOGOUT, { input: {} }, { token: wizard.sessionToken }))).toMatchObject({ code: 'FORBIDDEN' });
  expect(outcome(await h.gql(LOGOUT, { input: {} }, { token: h.commerceKey }))).toMatchObject({ code: 'FORBIDDEN' });
  expect(outcome(await h.gql(LOGOUT, { input: {} }))).toMatchObject({ code: 'UNAUTHENTICATED' });
});

test('an ended token is remembered until it would have expired, then dropped by a later logout', async () => {
  const { email } = await newRep();
  const token = await login(email);
  await h.gql(LOGOUT, { input: {} }, { token });
  const remembered = async () => Number((await h.db.query(`SELECT count(*) AS n FROM revoked_staff_token`))[0].n);
  const before = await remembered();
  expect(before).toBeGreaterThan(0);

  h.clock.advanceMinutes(8 * 60);
  const later = await login(email);
  await h.gql(LOGOUT, { input: {} }, { token: later });
  expect(await remembered()).toBe(1);
  admin = await h.staffToken('ADMIN');
});

test('disabling ends every token; enabling again does not bring them back, a new login works', async () => {
  const { id, email } = await newRep();
  const first = await login(email);
  const second = await login(email);

  const disabled = await update({ id, version: 1, disabled: true });
  expect(disabled).toMatchObject({ staff: { disabledAt: expect.any(String), version: 2 }, userErrors: [] });
  expect(await use(first)).toEqual(ENDED);

  const enabled = await update({ id, version: 2, disabled: false });
  expect(enabled).toMatchObject({ staff: { disabledAt: null, version: 3 }, userErrors: [] });
  expect(await use(first)).toEqual(ENDED);
  expect(await use(second)).toEqual(ENDED);
  expect(await use(await login(email))).toBe('ALLOWED');
});

test('a new role ends earlier tokens; an update that changes neither role nor state keeps them', async () => {
  const { id, email } = await newRep();
  const token = await login(email);
  await update({ id, version: 1, role: 'REP', disabled: false });
  expect(await use(token)).toBe('ALLOWED');

  await update({ id, version: 2, role: 'ANALYST' });
  expect(await use(token)).toEqual(ENDED);
  const asAnalyst = await login(email);
  expect(await use(asAnalyst)).toBe('ALLOWED');
  expect(outcome(await h.gql(LOGOUT, { input: {} }, { token: asAnalyst }))).toBe('ALLOWED');
});

test('a new password ends earlier tokens and the old password; a too short one is refused and changes nothing', async () => {
  const { id, email } = await newRep();
  const token = await login(email);

  const weak = await update({ id, version: 1, password: 'short' });
  expect(weak).toEqual({
    staff: null,
    userErrors: [{ field: ['input', 'password'], code: 'WEAK_PASSWORD', message: 'A password needs at least 12 characters.' }],
  });
  expect(await use(token)).toBe('ALLOWED');

  const changed = await update({ id, version: 1, password: 'a brand new long password' });
  expect(changed).toMatchObject({ staff: { id, version: 2 }, userErrors: [] });
  expect(await use(token)).toEqual(ENDED);
  await expect(login(email)).rejects.toMatchObject({ problems: [{ code: 'INVALID_CREDENTIALS' }] });
  expect(await use(await login(email, 'a brand new long password'))).toBe('ALLOWED');

  // The audit records that the password changed, and nothing of it.
  const [row] = await h.db.query(`SELECT after FROM audit_event WHERE entity_id = $1 AND action = 'staff.update'`, [id]);
  expect(row.after).toMatchObject({ id, version: 2, passwordChanged: true });
  expect(JSON.stringify(row.after)).not.toMatch(/argon2|brand new/);
});

test('a token signed without a generation and an id (as before tokens could end) is refused', async () => {
  const { id } = await newRep();
  const [{ value }] = await h.db.query(`SELECT value FROM app_secret WHERE name = 'jwt'`);
  const issuedAt = Math.floor(h.clock.now().getTime() / 1000);
  const legacy = await new SignJWT({ role: 'REP' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(id)
    .setIssuer('wxcc-provisioning')
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + 3600)
    .sign(Buffer.from(value, 'base64url'));
  expect(await use(legacy)).toEqual(ENDED);
});
