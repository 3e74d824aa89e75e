/**
 * Password guessing is throttled per client address and per account, in the database so that every server process
 * counts the same attempts, following OWASP's authentication cheat sheet:
 *
 * - The guessing ADDRESS (any account): 10 failures free, then a wait of 1, 2, 4 ... s (at most 60) after each
 *   further one, and a 15-minute lock at 50.
 * - The ACCOUNT (any address): 5 failures free, then a wait of 1, 2, 4 ... s after each further one, never more than
 *   60 s. Never a lock: a stranger who knows a staff email can slow that person down, not shut them out.
 *
 * Failures are forgotten after 15 minutes without one. Each attempt claims its slot before the password is checked,
 * in one statement taking the address's row, then (if the address may try) the account's row, each under its row
 * lock: concurrent guesses queue on the row and each sees the ones before it, so no more are checked than the policy
 * lets through. A claim counts as a failure until the login succeeds: then the account's count is cleared and the
 * address's drops by one. An attempt refused by the account still counts for its address (a hammering address is
 * what gets locked); one refused by the address does not reach the account, so a locked address cannot use up an
 * account's slots.
 */
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';

const WINDOW = `make_interval(mins => 15)`;
const NOW = `$3::timestamptz`;
const MAX_WAIT_SECONDS = 60;
const LOCK_SECONDS = 15 * 60;

interface Policy {
  /** Failures allowed before any wait. */
  free: number;
  /** Failures at which the key is locked for LOCK_SECONDS; none for an account. */
  lockAt?: number;
}

const ADDRESS: Policy = { free: 10, lockAt: 50 };
const ACCOUNT: Policy = { free: 5 };

/** SQL: the wait after `failures` (an SQL expression) failures, as an interval. */
function waitAfter(failures: string, policy: Policy): string {
  const lock = policy.lockAt === undefined ? '' : `WHEN ${failures} >= ${policy.lockAt} THEN ${LOCK_SECONDS}`;
  return `make_interval(secs => CASE ${lock} WHEN ${failures} < ${policy.free} THEN 0
    ELSE least(power(2, ${failures} - ${policy.free}), ${MAX_WAIT_SECONDS}) END)`;
}

/**
 * SQL: claims an attempt on one key. The slot is free once blocked_until has passed; claiming it counts a failure
 * and sets the wait for the next attempt. A refused attempt changes nothing but last_attempt_allowed, which RETURNING
 * reads back as this attempt's answer.
 */
function claim(keyParam: string, policy: Policy, source: string): string {
  const blocked = `t.blocked_until > ${NOW}`;
  const failures = `CASE WHEN t.last_failure_at <= ${NOW} - ${WINDOW} THEN 1 ELSE t.failures + 1 END`;
  return `INSERT INTO login_throttle AS t (key, failures, last_failure_at, blocked_until, last_attempt_allowed)
    SELECT ${keyParam}::text, 1, ${NOW}, ${NOW} + ${waitAfter('1', policy)}, true ${source}
    ON CONFLICT (key) DO UPDATE SET
      last_attempt_allowed = NOT ${blocked},
      failures = CASE WHEN ${blocked} THEN t.failures ELSE ${failures} END,
      last_failure_at = CASE WHEN ${blocked} THEN t.last_failure_at ELSE ${NOW} END,
      blocked_until = CASE WHEN ${blocked} THEN t.blocked_until ELSE ${NOW} + ${waitAfter(failures, policy)} END
    RETURNING last_attempt_allowed AS allowed, blocked_until`;
}

// $1 the address's key, $2 the account's, $3 now.
const CLAIM = `
  WITH address AS (${claim('$1', ADDRESS, '')}),
  account AS (${claim('$2', ACCOUNT, 'FROM address WHERE address.allowed')})
  SELECT address.allowed AS address_allowed, address.blocked_until AS address_until,
         account.allowed AS account_allowed, account.blocked_until AS account_until
    FROM address LEFT JOIN account ON true`;

// $1 the address's key, $2 the account's. The address keeps the wait its remaining failures earned from the last one.
const SUCCEEDED = `
  WITH cleared AS (DELETE FROM login_throttle WHERE key = $2)
  UPDATE login_throttle SET failures = greatest(failures - 1, 0),
                            blocked_until = last_failure_at + ${waitAfter('(failures - 1)', ADDRESS)}
   WHERE key = $1`;

export class LoginThrottle {
  constructor(private readonly db: DataSource) {}

  /**
   * Claims one login attempt for this account from this address: 0 when it may go ahead (and counts as a failure
   * until `succeeded`), otherwise the seconds until the address or the account may try again.
   */
  async claim(email: string, address: string, now: Date): Promise<number> {
    const [row]: {
      address_allowed: boolean;
      address_until: Date;
      account_allowed: boolean | null;
      account_until: Date | null;
    }[] = await this.db.query(CLAIM, [...keys(email, address), now]);
    if (!row.address_allowed) return secondsUntil(row.address_until, now);
    if (!row.account_allowed) return secondsUntil(row.account_until!, now);
    return 0;
  }

  /** The claimed attempt had the right password. */
  async succeeded(email: string, address: string): Promise<void> {
    await this.db.query(SUCCEEDED, keys(email, address));
  }
}

function secondsUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}

/** The rows' keys. The account's is a digest of the email as typed (trimmed, lower case): any length fits the index. */
function keys(email: string, address: string): [string, string] {
  const account = createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
  return [`address:${address}`, `account:${account}`];
}
