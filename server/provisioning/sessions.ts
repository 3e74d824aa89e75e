/**
 * Wizard session rows, in fixed SQL: creating one, locking one into its entity, writing an answer or
 * the completion, and ending sessions (the status says why, the answers are erased, the furthest
 * step stays, and an event records it). A session the service hands out is its row: loaded from it,
 * or the locked row as read plus what was just written to it. Each wizard action costs as few round
 * trips as its locks allow: a session is read with its order, a write with its event, a link with its
 * locked order.
 */
import { EntityManager, EntityNotFoundError } from 'typeorm';
import type { Order } from '../orders/order.entity';
import { ORDER_COLUMNS_OF_O, orderOfRow } from '../orders/order.store';
import { SetupLink } from '../orders/setup-link.entity';
import { hashToken, TOKEN_PREFIX } from '../platform/tokens';
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

/**
 * A provisioning_session row (SESSION_COLUMNS, each name after `prefix`) as the entity TypeORM loads from it, made
 * directly: the row's values are the entity's, with nothing for TypeORM's create to transform.
 */
function sessionFromRow(row: Record<string, any>, prefix = ''): ProvisioningSession {
  return Object.assign(new ProvisioningSession(), {
    id: row[`${prefix}id`],
    orderId: row[`${prefix}order_id`],
    setupLinkId: row[`${prefix}setup_link_id`],
    contactEmail: row[`${prefix}contact_email`],
    status: row[`${prefix}status`],
    currentStep: row[`${prefix}current_step`],
    furthestStep: row[`${prefix}furthest_step`],
    draft: row[`${prefix}draft`],
    startedAt: row[`${prefix}started_at`],
    lastActivityAt: row[`${prefix}last_activity_at`],
    finishedAt: row[`${prefix}finished_at`],
    version: row[`${prefix}version`],
  });
}

/**
 * Opening a link, in one statement: a new ACTIVE session at the first step, the link's open count, and the STARTED
 * event. The link's columns are the orders feature's; opening is the one write the wizard makes to them.
 */
const OPEN_SESSION = `WITH opened AS (
    INSERT INTO provisioning_session
      (order_id, setup_link_id, token_hash, contact_email, status, current_step, furthest_step, draft, started_at, last_activity_at)
    VALUES ($1, $2, $3, $4, 'ACTIVE', 'ROLE', 'ROLE', '{}', $5, $5)
    RETURNING ${SESSION_COLUMNS}),
  link AS (UPDATE setup_link SET open_count = open_count + 1, first_opened_at = coalesce(first_opened_at, $5) WHERE id = $2),
  started AS (INSERT INTO provisioning_event (session_id, order_id, kind, occurred_at) SELECT id, order_id, 'STARTED', $5 FROM opened)
  SELECT ${SESSION_COLUMNS} FROM opened`;

/** A new ACTIVE session at the first step, opened from `setupLinkId` by the order's contact; the link counts the opening. */
export async function openSession(
  m: EntityManager,
  opened: { orderId: string; setupLinkId: string; tokenHash: Buffer; contactEmail: string },
  now: Date,
): Promise<ProvisioningSession> {
  const [row] = await m.query(OPEN_SESSION, [opened.orderId, opened.setupLinkId, opened.tokenHash, opened.contactEmail, now]);
  return sessionFromRow(row);
}

/** The session columns under an s_ prefix, for a statement that reads the session beside its order's columns. */
const PREFIXED_SESSION_COLUMNS = SESSION_COLUMNS.split(', ')
  .map((column) => `s.${column} AS s_${column}`)
  .join(', ');

/**
 * Which session a wizard action locks: by its id, or by its token's hash while that statement authenticates the
 * caller (a token naming no session finds nothing).
 */
export type SessionKey = { id: string } | { tokenHash: Buffer };

/** The statements below, one fixed text for each way to name the session. */
function byKey(statement: (column: 'id' | 'token_hash') => string): { id: string; tokenHash: string } {
  return { id: statement('id'), tokenHash: statement('token_hash') };
}

const LOCK_SESSION_WITH_ORDER = byKey(
  (column) => `SELECT ${PREFIXED_SESSION_COLUMNS}, ${ORDER_COLUMNS_OF_O}
       FROM provisioning_session s JOIN orders o ON o.id = s.order_id
      WHERE s.${column} = $1 FOR UPDATE OF s`,
);

const LOCK_ORDER_THEN_SESSION = byKey(
  (column) => `WITH o AS MATERIALIZED (
       SELECT ${ORDER_COLUMNS_OF_O} FROM orders o WHERE o.id = (SELECT order_id FROM provisioning_session WHERE ${column} = $1) FOR UPDATE)
     SELECT ${PREFIXED_SESSION_COLUMNS}, ${ORDER_COLUMNS_OF_O}
       FROM o CROSS JOIN LATERAL (SELECT ${SESSION_COLUMNS} FROM provisioning_session WHERE ${column} = $1 AND order_id = o.id FOR UPDATE) s`,
);

async function lockedWithOrder(
  m: EntityManager,
  statement: { id: string; tokenHash: string },
  key: SessionKey,
): Promise<{ session: ProvisioningSession; order: Order } | null> {
  const [row] = await m.query('id' in key ? statement.id : statement.tokenHash, ['id' in key ? key.id : key.tokenHash]);
  return row ? { session: sessionFromRow(row, 's_'), order: orderOfRow(row) } : null;
}

/**
 * The session, its row locked until the transaction ends, and its order as read in the same statement (not locked:
 * only confirming locks the order, before the session); null when `key` names none.
 */
export function lockSessionWithOrder(m: EntityManager, key: SessionKey): Promise<{ session: ProvisioningSession; order: Order } | null> {
  return lockedWithOrder(m, LOCK_SESSION_WITH_ORDER, key);
}

/**
 * The session's order, then the session, both rows locked until the transaction ends, in the order opening a link
 * takes them: one statement, whose session subquery runs for the order's row once that row is locked; null when `key`
 * names none.
 */
export function lockOrderThenSession(m: EntityManager, key: SessionKey): Promise<{ session: ProvisioningSession; order: Order } | null> {
  return lockedWithOrder(m, LOCK_ORDER_THEN_SESSION, key);
}

/**
 * The link a Set up now token names and its order, in one statement; with `lock`, the order's row is locked until the
 * transaction ends (opening a link). Null for a token that names no link. The link carries what its status and opening
 * need: its id, order and revocation.
 */
export async function orderOfLink(
  m: EntityManager,
  token: string,
  { lock }: { lock: boolean },
): Promise<{ link: SetupLink; order: Order } | null> {
  if (!token.startsWith(TOKEN_PREFIX.setupLink)) return null;
  const [row] = await m.query(
    `SELECT l.id AS l_id, l.revoked_at AS l_revoked_at, ${ORDER_COLUMNS_OF_O}
       FROM setup_link l JOIN orders o ON o.id = l.order_id
      WHERE l.token_hash = $1${lock ? ' FOR UPDATE OF o' : ''}`,
    [hashToken(token)],
  );
  if (!row) return null;
  const order = orderOfRow(row);
  return { link: Object.assign(new SetupLink(), { id: row.l_id, orderId: order.id, revokedAt: row.l_revoked_at }), order };
}

const LOCK_SESSION = `SELECT ${SESSION_COLUMNS} FROM provisioning_session WHERE id = $1 FOR UPDATE`;

/** The session, its row locked until the transaction ends. */
export async function lockSession(m: EntityManager, id: string): Promise<ProvisioningSession> {
  const [row] = await m.query(LOCK_SESSION, [id]);
  if (!row) throw new EntityNotFoundError(ProvisioningSession, { id });
  return sessionFromRow(row);
}

const WRITE_ANSWER = `WITH answered AS (
    UPDATE provisioning_session
       SET draft = $2, current_step = $3, furthest_step = $4, last_activity_at = $5, version = $6 WHERE id = $1
    RETURNING id, order_id)
  INSERT INTO provisioning_event (session_id, order_id, kind, step, occurred_at) SELECT id, order_id, 'STEP_ANSWERED', $7, $5 FROM answered`;

/**
 * Writes the draft with a step's answer to the locked session and records the step answered, in one statement;
 * returns the session as its row now is.
 */
export async function writeAnswer(
  m: EntityManager,
  session: ProvisioningSession,
  step: WizardStep,
  draft: Draft,
  now: Date,
): Promise<ProvisioningSession> {
  const current = currentStep(draft);
  const answered = {
    draft,
    currentStep: current,
    furthestStep: furthestOf(session.furthestStep, current),
    lastActivityAt: now,
    version: session.version + 1,
  };
  await m.query(WRITE_ANSWER, [
    session.id,
    JSON.stringify(draft),
    answered.currentStep,
    answered.furthestStep,
    now,
    answered.version,
    step,
  ]);
  return Object.assign(session, answered);
}

const COMPLETE_SESSION = `WITH completed AS (
    UPDATE provisioning_session
       SET status = 'COMPLETED', current_step = 'DONE', furthest_step = 'DONE', last_activity_at = $2, finished_at = $2, version = $3
     WHERE id = $1
    RETURNING id, order_id)
  INSERT INTO provisioning_event (session_id, order_id, kind, step, occurred_at) SELECT id, order_id, 'COMPLETED', 'DONE', $2 FROM completed`;

/** Completes the locked session once its order is mapped, with its COMPLETED event; returns the session as its row now is. */
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

const END_SESSIONS_OF_OPENED_ORDER = `WITH ended AS (
    UPDATE provisioning_session
       SET status = CASE WHEN last_activity_at <= $3 THEN 'EXPIRED' ELSE 'SUPERSEDED' END, draft = '{}', finished_at = $2,
           version = version + 1
     WHERE status = 'ACTIVE' AND order_id = $1
    RETURNING id, order_id, status)
  INSERT INTO provisioning_event (session_id, order_id, kind, occurred_at) SELECT id, order_id, status, $2 FROM ended`;

/**
 * Opening a link ends the order's active sessions in one statement: one idle for IDLE_MINUTES EXPIRED, as the sweep
 * would have ended it, any other SUPERSEDED.
 */
export async function endSessionsOfOpenedOrder(m: EntityManager, orderId: string, now: Date): Promise<void> {
  await m.query(END_SESSIONS_OF_OPENED_ORDER, [orderId, now, new Date(now.getTime() - IDLE_MINUTES * 60_000)]);
}

/** Ends the locked, ACTIVE session; returns it as its row now is. */
export async function endSession(m: EntityManager, session: ProvisioningSession, status: Ending, now: Date): Promise<ProvisioningSession> {
  await endSessions(m, { sessionId: session.id }, status, now);
  return Object.assign(session, { status, draft: {}, finishedAt: now, version: session.version + 1 });
}
