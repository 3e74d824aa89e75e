/**
 * Wizard session rows, in fixed SQL: creating one, locking one into its entity, writing an answer or
 * the completion, and ending sessions (the status says why, the answers are erased, the furthest
 * step stays, and an event records it). A session the service hands out is its row: loaded from it,
 * or the locked row as read plus what was just written to it.
 */
import { EntityManager, EntityNotFoundError } from 'typeorm';
import { ProvisioningSession, SessionEventKind, SessionStatus } from './provisioning-session.entity';
import { currentStep, Draft, furthestOf, WizardStep } from './steps';

export const IDLE_MINUTES = 60;

export type Ending = SessionStatus.ABANDONED | SessionStatus.EXPIRED | SessionStatus.DELEGATED | SessionStatus.SUPERSEDED;

/**
 * What a wizard session token asks of its session: to read the session itself, the order it sets up, the orgs it
 * shows for review, the result of confirming again, or to act on it (answer, confirm, abandon, report a problem).
 */
export type TokenUse = 'session' | 'order' | 'review' | 'confirmation' | 'act';

/**
 * The final result an ended session's token may still read. Every ended session shows its status and furthest
 * step (the answers are erased unless it completed); a COMPLETED one also shows the order it mapped, and
 * confirming again answers with the same confirmation.
 */
const FINAL_RESULT: Record<Exclude<SessionStatus, SessionStatus.ACTIVE>, readonly TokenUse[]> = {
  [SessionStatus.COMPLETED]: ['session', 'order', 'confirmation'],
  [SessionStatus.ABANDONED]: ['session'],
  [SessionStatus.EXPIRED]: ['session'],
  [SessionStatus.DELEGATED]: ['session'],
  [SessionStatus.SUPERSEDED]: ['session'],
};

/**
 * The one rule for a wizard session token: it works while its session is ACTIVE; afterwards it may read only its
 * own final result, and anything else is refused with SESSION_ENDED. A session idle for IDLE_MINUTES is ended
 * EXPIRED (isIdle) before this is asked.
 */
export function tokenMay(session: Pick<ProvisioningSession, 'status'>, use: TokenUse): boolean {
  return session.status === SessionStatus.ACTIVE || FINAL_RESULT[session.status].includes(use);
}

/** An ACTIVE session whose last activity is IDLE_MINUTES ago or more: it ends EXPIRED at its next use or sweep. */
export function isIdle(session: ProvisioningSession, now: Date): boolean {
  return session.status === SessionStatus.ACTIVE && now.getTime() - session.lastActivityAt.getTime() >= IDLE_MINUTES * 60_000;
}

/** What the service loads of a session: every column but token_hash, which only authentication reads. */
const SESSION_COLUMNS =
  'id, order_id, setup_link_id, contact_email, status, current_step, furthest_step, draft, started_at, last_activity_at, finished_at, version';

/** A provisioning_session row (SESSION_COLUMNS) as the entity TypeORM loads from it. */
function sessionFromRow(m: EntityManager, row: Record<string, any>): ProvisioningSession {
  return m.create(ProvisioningSession, {
    id: row.id,
    orderId: row.order_id,
    setupLinkId: row.setup_link_id,
    contactEmail: row.contact_email,
    status: row.status,
    currentStep: row.current_step,
    furthestStep: row.furthest_step,
    draft: row.draft,
    startedAt: row.started_at,
    lastActivityAt: row.last_activity_at,
    finishedAt: row.finished_at,
    version: row.version,
  });
}

const INSERT_SESSION = `INSERT INTO provisioning_session
    (order_id, setup_link_id, token_hash, contact_email, status, current_step, furthest_step, draft, started_at, last_activity_at)
  VALUES ($1, $2, $3, $4, 'ACTIVE', 'ROLE', 'ROLE', '{}', $5, $5)
  RETURNING ${SESSION_COLUMNS}`;

/** A new ACTIVE session at the first step, opened from `setupLinkId` by the order's contact. */
export async function insertSession(
  m: EntityManager,
  opened: { orderId: string; setupLinkId: string; tokenHash: Buffer; contactEmail: string },
  now: Date,
): Promise<ProvisioningSession> {
  const [row] = await m.query(INSERT_SESSION, [opened.orderId, opened.setupLinkId, opened.tokenHash, opened.contactEmail, now]);
  return sessionFromRow(m, row);
}

const LOCK_SESSION = `SELECT ${SESSION_COLUMNS} FROM provisioning_session WHERE id = $1 FOR UPDATE`;

/** The session, its row locked until the transaction ends. */
export async function lockSession(m: EntityManager, id: string): Promise<ProvisioningSession> {
  const [row] = await m.query(LOCK_SESSION, [id]);
  if (!row) throw new EntityNotFoundError(ProvisioningSession, { id });
  return sessionFromRow(m, row);
}

const ORDER_ID_OF_SESSION = 'SELECT order_id FROM provisioning_session WHERE id = $1';

/** The order a session belongs to, read without a lock: confirming locks the order before the session. */
export async function orderIdOfSession(m: EntityManager, id: string): Promise<string> {
  const [row]: { order_id: string }[] = await m.query(ORDER_ID_OF_SESSION, [id]);
  if (!row) throw new EntityNotFoundError(ProvisioningSession, { id });
  return row.order_id;
}

const WRITE_ANSWER = `UPDATE provisioning_session
  SET draft = $2, current_step = $3, furthest_step = $4, last_activity_at = $5, version = $6 WHERE id = $1`;

/** Writes the draft with a step's answer to the locked session; returns the session as its row now is. */
export async function writeAnswer(m: EntityManager, session: ProvisioningSession, draft: Draft, now: Date): Promise<ProvisioningSession> {
  const current = currentStep(draft);
  const answered = {
    draft,
    currentStep: current,
    furthestStep: furthestOf(session.furthestStep, current),
    lastActivityAt: now,
    version: session.version + 1,
  };
  await m.query(WRITE_ANSWER, [session.id, JSON.stringify(draft), answered.currentStep, answered.furthestStep, now, answered.version]);
  return Object.assign(session, answered);
}

const COMPLETE_SESSION = `UPDATE provisioning_session
  SET status = 'COMPLETED', current_step = 'DONE', furthest_step = 'DONE', last_activity_at = $2, finished_at = $2, version = $3
  WHERE id = $1`;

/** Completes the locked session once its order is mapped; returns the session as its row now is. */
export async function completeSession(m: EntityManager, session: ProvisioningSession, now: Date): Promise<ProvisioningSession> {
  const completed = {
    status: SessionStatus.COMPLETED,
    currentStep: WizardStep.DONE,
    furthestStep: WizardStep.DONE,
    lastActivityAt: now,
    finishedAt: now,
    version: session.version + 1,
  };
  await m.query(COMPLETE_SESSION, [session.id, now, completed.version]);
  return Object.assign(session, completed);
}

const INSERT_EVENT = 'INSERT INTO provisioning_event (session_id, order_id, kind, step, occurred_at) VALUES ($1, $2, $3, $4, $5)';

export async function recordEvent(
  m: EntityManager,
  session: ProvisioningSession,
  kind: SessionEventKind,
  step: WizardStep | null,
  now: Date,
): Promise<void> {
  await m.query(INSERT_EVENT, [session.id, session.orderId, kind, step, now]);
}

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

/** Ends the locked, ACTIVE session; returns it as its row now is. */
export async function endSession(m: EntityManager, session: ProvisioningSession, status: Ending, now: Date): Promise<ProvisioningSession> {
  await endSessions(m, { sessionId: session.id }, status, now);
  return Object.assign(session, { status, draft: {}, finishedAt: now, version: session.version + 1 });
}
