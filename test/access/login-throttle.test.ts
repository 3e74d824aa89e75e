/**
 * Guessing staff passwords is slowed, then locked: per account 3 free failures, then waits of 1, 2, 4 ... s
 * (at most 60) after each failure, a 15-minute lock at 10; per address 10 free, a lock at 50. Failures older
 * than 15 minutes are forgotten. Each scenario logs in from an address of its own so the counts do not mix.
 */
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

/** One login attempt through the service: 'OK', the refusal's code, or LOGIN_THROTTLED with its seconds. */
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

/** Fails `count` times, waiting out each delay as a patient attacker would. */
async function failPatiently(email: string, address: string, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const result = await attempt(email, WRONG, address);
    if (result.startsWith('LOGIN_THROTTLED')) {
      advanceSeconds(Number(/(\d+)s/.exec(result)![1]));
      i -= 1;
      continue;
    }
    expect(result).toBe('INVALID_CREDENTIALS');
  }
}

test('three wrong passwords are refused at once; a fourth try right away is throttled even with the right password', async () => {
  const email = await newAccount();
  const address = '198.51.100.1';
  expect(await attempt(email, WRONG, address)).toBe('INVALID_CREDENTIALS');
  expect(await attempt(email, WRONG, address)).toBe('INVALID_CREDENTIALS');
  expect(await attempt(email, WRONG, address)).toBe('INVALID_CREDENTIALS');
  expect(await attempt(email, PASSWORD, address)).toBe('LOGIN_THROTTLED 1s');

  // Tries while throttled are not checked and do not count: after the wait, the right password works.
  expect(await attempt(email, WRONG, address)).toBe('LOGIN_THROTTLED 1s');
  expect(await attempt(email, WRONG, address)).toBe('LOGIN_THROTTLED 1s');
  advanceSeconds(1);
  expect(await attempt(email, PASSWORD, address)).toBe('OK');

  // A successful login clears the account's failures: three free ones again.
  expect(await attempt(email, WRONG, address)).toBe('INVALID_CREDENTIALS');
  expect(await attempt(email, WRONG, address)).toBe('INVALID_CREDENTIALS');
  expect(await attempt(email, WRONG, address)).toBe('INVALID_CREDENTIALS');
  expect(await attempt(email, PASSWORD, address)).toBe('LOGIN_THROTTLED 1s');
});

test('the throttle is per account, whatever the case of the email, and not per address for a few failures', async () => {
  const email = await newAccount();
  for (const address of ['198.51.100.2', '198.51.100.3', '198.51.100.4']) {
    expect(await attempt(email.toUpperCase(), WRONG, address)).toBe('INVALID_CREDENTIALS');
  }
  // The same account from a fresh address is still throttled ...
  expect(await attempt(email, PASSWORD, '198.51.100.5')).toBe('LOGIN_THROTTLED 1s');
  // ... while another account from one of those addresses is not.
  expect(await attempt(await newAccount(), PASSWORD, '198.51.100.2')).toBe('OK');
});

test('the wait doubles after each further failure, up to a minute, and ten failures lock the account for 15 minutes', async () => {
  const email = await newAccount();
  const address = '198.51.100.10';
  const waits: string[] = [];
  for (let failure = 1; failure <= 10; failure += 1) {
    expect(await attempt(email, WRONG, address)).toBe('INVALID_CREDENTIALS');
    // The first two failures bring no wait (a right password now would clear the count, so it is not tried).
    if (failure < 3) continue;
    const next = await attempt(email, PASSWORD, address);
    waits.push(next);
    const seconds = Number(/(\d+)s/.exec(next)?.[1] ?? 0);
    if (failure < 10 && seconds > 1) {
      // One second short of the wait, still refused; then the next try is let through to fail again.
      advanceSeconds(seconds - 1);
      expect(await attempt(email, PASSWORD, address)).toBe('LOGIN_THROTTLED 1s');
      advanceSeconds(1);
    } else if (failure < 10) {
      advanceSeconds(seconds);
    }
  }
  expect(waits).toEqual([
    'LOGIN_THROTTLED 1s',
    'LOGIN_THROTTLED 2s',
    'LOGIN_THROTTLED 4s',
    'LOGIN_THROTTLED 8s',
    'LOGIN_THROTTLED 16s',
    'LOGIN_THROTTLED 32s',
    'LOGIN_THROTTLED 60s',
    'LOGIN_THROTTLED 900s',
  ]);
});

test('after ten failures the right password is refused for 15 minutes, then works', async () => {
  const email = await newAccount();
  const address = '198.51.100.11';
  await failPatiently(email, address, 10);
  expect(await attempt(email, PASSWORD, address)).toBe('LOGIN_THROTTLED 900s');
  expect(await attempt(email, PASSWORD, '198.51.100.12')).toBe('LOGIN_THROTTLED 900s');

  h.clock.advanceMinutes(14);
  expect(await attempt(email, PASSWORD, address)).toBe('LOGIN_THROTTLED 60s');
  advanceSeconds(59);
  expect(await attempt(email, PASSWORD, address)).toBe('LOGIN_THROTTLED 1s');
  advanceSeconds(1);
  expect(await attempt(email, PASSWORD, address)).toBe('OK');
});

test('failures older than 15 minutes are forgotten', async () => {
  const email = await newAccount();
  const address = '198.51.100.20';
  await failPatiently(email, address, 3);
  expect(await attempt(email, PASSWORD, address)).toBe('LOGIN_THROTTLED 1s');

  h.clock.advanceMinutes(15);
  advanceSeconds(1);
  // Counted from one again: two more failures are free, the third brings the first wait.
  expect(await attempt(email, WRONG, address)).toBe('INVALID_CREDENTIALS');
  expect(await attempt(email, WRONG, address)).toBe('INVALID_CREDENTIALS');
  expect(await attempt(email, PASSWORD, address)).toBe('OK');

  // Nine failures, a quiet quarter of an hour, then one more: no lock, since the nine were forgotten.
  await failPatiently(email, address, 9);
  h.clock.advanceMinutes(16);
  expect(await attempt(email, WRONG, address)).toBe('INVALID_CREDENTIALS');
  expect(await attempt(email, PASSWORD, address)).toBe('OK');
});

test('one address failing on many accounts is slowed after 10 failures and locked at 50, for every account', async () => {
  const address = '203.0.113.50';
  const victim = await newAccount();
  for (let i = 1; i <= 10; i += 1) {
    expect(await attempt(`nobody${i}@throttle.test`, WRONG, address)).toBe('INVALID_CREDENTIALS');
  }
  // Each account has failed once only, but the address is now slowed.
  expect(await attempt(victim, PASSWORD, address)).toBe('LOGIN_THROTTLED 1s');
  expect(await attempt(victim, PASSWORD, '203.0.113.51')).toBe('OK');

  for (let i = 11; i <= 50; i += 1) {
    const blocked = await attempt(victim, PASSWORD, address);
    advanceSeconds(Number(/(\d+)s/.exec(blocked)?.[1] ?? 0));
    expect(await attempt(`nobody${i}@throttle.test`, WRONG, address)).toBe('INVALID_CREDENTIALS');
  }
  expect(await attempt(victim, PASSWORD, address)).toBe('LOGIN_THROTTLED 900s');
  expect(await attempt(await newAccount(), PASSWORD, address)).toBe('LOGIN_THROTTLED 900s');
  // From elsewhere the same account logs in: the lock is on the address.
  expect(await attempt(victim, PASSWORD, '203.0.113.52')).toBe('OK');

  h.clock.advanceMinutes(15);
  expect(await attempt(victim, PASSWORD, address)).toBe('OK');
});

test('over HTTP the throttle is a LOGIN_THROTTLED user error whose message gives the seconds', async () => {
  const email = await newAccount();
  const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { token userErrors { field code message } } }`;
  for (let i = 0; i < 3; i += 1) {
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
