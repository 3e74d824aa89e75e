/**
 * Guessing staff passwords is throttled so that concurrent guesses count and a stranger cannot lock a real person out.
 * The guessing address: 10 failures free, then waits of 1, 2, 4 ... s (at most 60), a 15-minute lock at 50. The
 * account: 5 failures free, then waits of 1, 2, 4 ... s, never more than 60 s and never a lock. Failures older than 15
 * minutes are forgotten. A refusal is either INVALID_CREDENTIALS (the password was checked and was wrong, or the email
 * is unknown) or LOGIN_THROTTLED with the seconds to wait (the password was not checked). Each scenario uses
 * addresses of its own so the counts do not mix.
 */
import { createHash } from 'node:crypto';
import { Refusal } from '../../server/platform/errors';
import { StaffRole } from '../../server/staff/staff.entity';
import { Harness, startHarness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const PASSWORD = 'the right password, long enough';
const WRONG = 'a wrong password';
let accounts = 0;

async function newAccount(): Promise<string> {
  const email = `staff${++accounts}@throttle.test`;
  await h.services.staff.createStaff(email, PASSWORD, StaffRole.REP);
  return email;
}

/** One login attempt through the service: 'OK', INVALID_CREDENTIALS, or LOGIN_THROTTLED with its seconds. */
async function attempt(email: string, password: string, address: string): Promise<string> {
  try {
    const { token } = await h.services.staff.login(email, password, address);
    expect(token.split('.')).toHaveLength(3);
    return 'OK';
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    const [problem] = error.problems;
    return problem.code === 'LOGIN_THROTTLED' ? `LOGIN_THROTTLED ${problem.params?.seconds}s` : problem.code;
  }
}

function advanceSeconds(seconds: number) {
  h.clock.set(new Date(h.clock.now().getTime() + seconds * 1000));
}

function secondsOf(refusal: string): number {
  return Number(/^LOGIN_THROTTLED (\d+)s$/.exec(refusal)![1]);
}

/** Fails `count` times (each with its password checked), waiting out every delay as a patient attacker would. */
async function failPatiently(email: string | (() => string), address: string | (() => string), count: number): Promise<void> {
  for (let failed = 0; failed < count;) {
    const result = await attempt(typeof email === 'string' ? email : email(), WRONG, typeof address === 'string' ? address : address());
    if (result === 'INVALID_CREDENTIALS') failed += 1;
    else advanceSeconds(secondsOf(result));
  }
}

function tally(results: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const result of results) counts[result] = (counts[result] ?? 0) + 1;
  return counts;
}

test('30 concurrent wrong passwords from one address: 5 are checked; the real person gets in from another address after a second', async () => {
  const email = await newAccount();
  const guesses = await Promise.all(Array.from({ length: 30 }, () => attempt(email, WRONG, '198.51.100.1')));
  // Five reach the password check (the account's free failures); every other guess is refused unchecked, by the
  // address (10 free) or by the account, each for the one second its next attempt must wait.
  expect(tally(guesses)).toEqual({ INVALID_CREDENTIALS: 5, 'LOGIN_THROTTLED 1s': 25 });

  // The account is slowed, not locked: from elsewhere, one second later, the right password works.
  expect(await attempt(email, PASSWORD, '198.51.100.2')).toBe('LOGIN_THROTTLED 1s');
  advanceSeconds(1);
  expect(await attempt(email, PASSWORD, '198.51.100.2')).toBe('OK');
});

test('30 concurrent wrong passwords from 30 addresses: still only 5 are checked', async () => {
  const email = await newAccount();
  const guesses = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(email, WRONG, `198.51.101.${i + 1}`)));
  expect(tally(guesses)).toEqual({ INVALID_CREDENTIALS: 5, 'LOGIN_THROTTLED 1s': 25 });
  advanceSeconds(1);
  expect(await attempt(email, PASSWORD, '198.51.101.100')).toBe('OK');
});

test('an account is slowed by 1, 2, 4 ... s after its fifth failure, never more than a minute, and never locked', async () => {
  const email = await newAccount();
  let address = 0;
  const fresh = () => `198.51.102.${++address}`;
  await failPatiently(email, fresh, 5);
  const waits: string[] = [];
  for (let failure = 6; failure <= 30; failure += 1) {
    // The right password, tried right after a failure, is refused unchecked with the wait the failures earned.
    const refused = await attempt(email, PASSWORD, fresh());
    waits.push(refused);
    advanceSeconds(secondsOf(refused) - 1);
    expect(await attempt(email, PASSWORD, fresh())).toBe('LOGIN_THROTTLED 1s');
    advanceSeconds(1);
    expect(await attempt(email, WRONG, fresh())).toBe('INVALID_CREDENTIALS');
  }
  expect(waits.slice(0, 8)).toEqual(['1s', '2s', '4s', '8s', '16s', '32s', '60s', '60s'].map((s) => `LOGIN_THROTTLED ${s}`));
  expect(new Set(waits.slice(6))).toEqual(new Set(['LOGIN_THROTTLED 60s']));

  // After 30 failures, the real person waits a minute at most.
  expect(await attempt(email, PASSWORD, fresh())).toBe('LOGIN_THROTTLED 60s');
  advanceSeconds(60);
  expect(await attempt(email, PASSWORD, fresh())).toBe('OK');
});

test('the account is throttled whatever the case of the email, from any address; other accounts from those addresses are not', async () => {
  const email = await newAccount();
  for (let i = 1; i <= 5; i += 1) {
    expect(await attempt(email.toUpperCase(), WRONG, `198.51.103.${i}`)).toBe('INVALID_CREDENTIALS');
  }
  expect(await attempt(email, PASSWORD, '198.51.103.99')).toBe('LOGIN_THROTTLED 1s');
  expect(await attempt(await newAccount(), PASSWORD, '198.51.103.1')).toBe('OK');
});

test('an email of any length is refused as wrong and counted like any other, never a fault', async () => {
  // Found by the fuzz test: an 8,000-character email as the throttle's key overflowed its index.
  // Hex digests, which PostgreSQL cannot compress below the 2,704 bytes a btree index row may hold.
  const noise = Array.from({ length: 150 }, (_, i) => createHash('sha256').update(String(i)).digest('hex')).join('');
  const long = `${noise}@throttle.test`;
  for (let i = 1; i <= 5; i += 1) {
    expect(await attempt(long, WRONG, `198.51.109.${i}`)).toBe('INVALID_CREDENTIALS');
  }
  expect(await attempt(long.toUpperCase(), WRONG, '198.51.109.99')).toBe('LOGIN_THROTTLED 1s');
});

test('an address failing on many accounts is slowed after 10 failures and locked at 50; what it tries while refused never reaches the account', async () => {
  const address = '203.0.113.50';
  const victim = await newAccount();
  let nobody = 0;
  const nextNobody = () => `nobody${++nobody}@throttle.test`;
  await failPatiently(nextNobody, address, 10);
  // Each account has failed once only, but the address must now wait.
  expect(await attempt(victim, PASSWORD, address)).toBe('LOGIN_THROTTLED 1s');

  await failPatiently(nextNobody, address, 40);
  expect(await attempt(victim, PASSWORD, address)).toBe('LOGIN_THROTTLED 900s');
  expect(await attempt(await newAccount(), PASSWORD, address)).toBe('LOGIN_THROTTLED 900s');

  // Hammering the victim from the locked address is refused unchecked and costs the victim nothing: from elsewhere
  // the right password works at once.
  const hammered = await Promise.all(Array.from({ length: 30 }, () => attempt(victim, WRONG, address)));
  expect(tally(hammered)).toEqual({ 'LOGIN_THROTTLED 900s': 30 });
  expect(await attempt(victim, PASSWORD, '203.0.113.51')).toBe('OK');

  h.clock.advanceMinutes(15);
  expect(await attempt(victim, PASSWORD, address)).toBe('OK');
});

test("a success clears the account's failures and takes one off the address's", async () => {
  const address = '203.0.113.60';
  const email = await newAccount();
  await failPatiently(email, address, 4);
  expect(await attempt(email, PASSWORD, address)).toBe('OK');
  // Five free failures again for the account ...
  await failPatiently(email, address, 5);
  expect(await attempt(email, PASSWORD, '203.0.113.61')).toBe('LOGIN_THROTTLED 1s');
  advanceSeconds(1);
  expect(await attempt(email, PASSWORD, '203.0.113.61')).toBe('OK');

  // ... while the address counts its 9 failures, not 10: one more is still free of any wait for the address.
  expect(await attempt(`nobody.after@throttle.test`, WRONG, address)).toBe('INVALID_CREDENTIALS');
  expect(await attempt(await newAccount(), PASSWORD, address)).toBe('LOGIN_THROTTLED 1s');
});

test('failures older than 15 minutes are forgotten', async () => {
  const email = await newAccount();
  const address = '198.51.104.1';
  await failPatiently(email, address, 5);
  expect(await attempt(email, PASSWORD, address)).toBe('LOGIN_THROTTLED 1s');

  h.clock.advanceMinutes(15);
  // Counted from one again: four more failures are free, and the right password goes through.
  await failPatiently(email, address, 4);
  expect(await attempt(email, PASSWORD, address)).toBe('OK');

  // Twenty failures, a quiet quarter of an hour, then one more: no wait, since the twenty were forgotten.
  await failPatiently(email, address, 20);
  h.clock.advanceMinutes(16);
  expect(await attempt(email, WRONG, address)).toBe('INVALID_CREDENTIALS');
  expect(await attempt(email, PASSWORD, address)).toBe('OK');
});

test('over HTTP the throttle is a LOGIN_THROTTLED user error whose message gives the seconds', async () => {
  const email = await newAccount();
  const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { token userErrors { field code message } } }`;
  for (let i = 0; i < 5; i += 1) {
    const failed = await h.gql(LOGIN, { input: { email, password: WRONG } });
    expect(failed.data.login).toEqual({
      token: null,
      userErrors: [{ field: null, code: 'INVALID_CREDENTIALS', message: 'The email or password is wrong.' }],
    });
  }
  const throttled = await h.gql(LOGIN, { input: { email, password: PASSWORD } });
  expect(throttled.data.login).toEqual({
    token: null,
    userErrors: [{ field: null, code: 'LOGIN_THROTTLED', message: 'Too many failed logins. Try again in 1 seconds.' }],
  });
  const inBulgarian = await h.gql(LOGIN, { input: { email, password: PASSWORD } }, { language: 'bg' });
  expect(inBulgarian.data.login.userErrors[0]).toMatchObject({ code: 'LOGIN_THROTTLED', message: expect.stringContaining('1') });
  expect(inBulgarian.data.login.userErrors[0].message).not.toBe(throttled.data.login.userErrors[0].message);

  advanceSeconds(1);
  const ok = await h.gql(LOGIN, { input: { email, password: PASSWORD } });
  expect(ok.data.login.userErrors).toEqual([]);
  expect(ok.data.login.token).toEqual(expect.any(String));
});
