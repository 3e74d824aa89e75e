/**
 * Brute force on login is slowed, then locked, per account and per address, in the database so that
 * every server process counts the same failures. Failures older than the window are forgotten.
 */
import { DataSource } from 'typeorm';

const WINDOW_MINUTES = 15;
const LOCK_MINUTES = 15;

interface Policy {
  /** Failures allowed before any wait. */
  free: number;
  /** Failures after which the key is locked for LOCK_MINUTES. */
  lockAt: number;
}

const ACCOUNT: Policy = { free: 3, lockAt: 10 };
const ADDRESS: Policy = { free: 10, lockAt: 50 };

/** Seconds to wait after n failures: none at first, then 1, 2, 4 ... up to a minute, then the lock. */
export function waitAfter(failures: number, policy: Policy): number {
  if (failures >= policy.lockAt) return LOCK_MINUTES * 60;
  if (failures < policy.free) return 0;
  return Math.min(2 ** (failures - policy.free), 60);
}

export class LoginThrottle {
  constructor(private readonly db: DataSource) {}

  /** Seconds until a login may be tried for this account from this address; 0 when it may now. */
  async secondsToWait(email: string, address: string, now: Date): Promise<number> {
    const rows: { blocked_until: Date }[] = await this.db.query(
      `SELECT blocked_until FROM login_throttle WHERE key = ANY($1) AND blocked_until > $2`,
      [keys(email, address), now],
    );
    const until = Math.max(0, ...rows.map((row) => row.blocked_until.getTime()));
    return until > 0 ? Math.ceil((until - now.getTime()) / 1000) : 0;
  }

  async recordFailure(email: string, address: string, now: Date): Promise<void> {
    const [account, byAddress] = keys(email, address);
    for (const [key, policy] of [
      [account, ACCOUNT],
      [byAddress, ADDRESS],
    ] as const) {
      const [{ failures }] = await this.db.query(
        `INSERT INTO login_throttle AS t (key, failures, last_failure_at, blocked_until)
         VALUES ($1, 1, $2, $2)
         ON CONFLICT (key) DO UPDATE
           SET failures = CASE WHEN t.last_failure_at < $2 - make_interval(mins => ${WINDOW_MINUTES}) THEN 1 ELSE t.failures + 1 END,
               last_failure_at = $2
         RETURNING failures`,
        [key, now],
      );
      await this.db.query(`UPDATE login_throttle SET blocked_until = $2 WHERE key = $1`, [
        key,
        new Date(now.getTime() + waitAfter(failures, policy) * 1000),
      ]);
    }
  }

  async recordSuccess(email: string): Promise<void> {
    await this.db.query(`DELETE FROM login_throttle WHERE key = $1`, [keys(email, '')[0]]);
  }
}

function keys(email: string, address: string): [string, string] {
  return [`account:${email.trim().toLowerCase()}`, `address:${address}`];
}
