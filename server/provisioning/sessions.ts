/** Ending wizard sessions: the status says why, the answers are erased, the furthest step stays, and an event records it. */
import { EntityManager } from 'typeorm';
import { SessionStatus } from './provisioning-session.entity';

export const IDLE_MINUTES = 60;

export type Ending = SessionStatus.ABANDONED | SessionStatus.EXPIRED | SessionStatus.DELEGATED | SessionStatus.SUPERSEDED;

/** Ends the active sessions picked by `which` (one session, an order's, or the idle ones); returns how many ended. */
export async function endSessions(
  m: EntityManager,
  which: { sessionId: string } | { orderId: string } | { idleOrderId: string | null },
  status: Ending,
  now: Date,
): Promise<number> {
  const idleBefore = new Date(now.getTime() - IDLE_MINUTES * 60_000);
  const [filter, value] =
    'sessionId' in which
      ? ['id = $3', which.sessionId]
      : 'orderId' in which
        ? ['order_id = $3', which.orderId]
        : [`last_activity_at <= $4 AND ($3::uuid IS NULL OR order_id = $3)`, which.idleOrderId];
  const rows: unknown[] = await m.query(
    `WITH ended AS (
       UPDATE provisioning_session
          SET status = $1, draft = '{}', finished_at = $2, version = version + 1
        WHERE status = 'ACTIVE' AND ${filter}
        RETURNING id, order_id)
     INSERT INTO provisioning_event (session_id, order_id, kind, occurred_at)
     SELECT id, order_id, $1, $2 FROM ended
     RETURNING session_id`,
    'idleOrderId' in which ? [status, now, value, idleBefore] : [status, now, value],
  );
  return rows.length;
}
