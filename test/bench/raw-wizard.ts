/**
 * The same wizard pass as api-wizard.ts, written by hand against a pg.Pool: the statements the
 * server issues for each step, in the same order, in the same transactions, one round trip each,
 * with the same kind of bind parameters, and nothing else (no HTTP, GraphQL or TypeORM; the
 * welcome email is rendered with the server's own template, server/mail/templates.ts).
 *
 * How the statements were captured: the benchmark runs one API pass with log_statement = 'all'
 * (ALTER SYSTEM + pg_reload_conf on the embedded PostgreSQL) and reads the statements from the
 * PostgreSQL log, grouped by step with marker statements in between (captureStatements in env.ts).
 * Every run of the benchmark captures one API pass and one raw pass that way and compares the two
 * statement lists step by step (whitespace collapsed): it reports any difference and exits 1, so
 * this file cannot silently drift from the server. BENCH_SHOW_SQL=1 prints both lists with their parameters.
 * Most statements are the server's fixed SQL (server/provisioning/sessions.ts, membershipOf and
 * membershipsOf, countriesByCode, the org store, recordAudits, enqueueEmail, the email logged without a relay);
 * revokeLinks, still TypeORM's update, is written below as TypeORM writes it.
 *
 * Statements per step, as captured (ProvisioningService in server/provisioning/provisioning.service.ts
 * and the steps after Start, whose statement locking the session finds it by the token's hash: that
 * authenticates the caller, with no statement of its own). No step reads back what it wrote: a session or
 * order it returns is the locked row as read plus what it wrote, or a new row from its INSERT's
 * RETURNING. The contact's language is written to the order only when the order has another
 * (never here: a bench order is English, as its requests are).
 *
 *   Start (5)               START TRANSACTION; SELECT setup_link by token_hash joined with its order,
 *                           FOR UPDATE OF the order (lockOrderOfLink); WITH ended AS (UPDATE
 *                           provisioning_session: idle ones EXPIRED, others SUPERSEDED) INSERT
 *                           provisioning_event (endSessionsOfOpenedOrder); WITH opened AS (INSERT
 *                           provisioning_session), UPDATE setup_link open_count, INSERT provisioning_event
 *                           (STARTED) SELECT its columns (openSession); COMMIT
 *   ChooseRole (4)          START TRANSACTION; SELECT provisioning_session by token_hash joined with its order
 *                           FOR UPDATE OF the session (lockSessionWithOrder); WITH answered AS (UPDATE
 *                           provisioning_session) INSERT provisioning_event (STEP_ANSWERED) (writeAnswer); COMMIT
 *   ChooseSetupPerformer (4) as ChooseRole
 *   SetPartnerOrg (6)       as ChooseRole, plus one membershipsOf SELECT (the contact, the new partner admin)
 *                           and SELECT supported_country (the partner's own country) before the UPDATE
 *   SetCustomerAdmin (5)    as ChooseRole, plus one membership SELECT (the customer admin)
 *   SetCustomerCompany (5)  as ChooseRole, plus SELECT supported_country (countryByCode)
 *   ChooseCustomerOrg (5)   as ChooseRole, plus one membership SELECT (the customer admin)
 *   Confirm (13 + 1)        START TRANSACTION; SELECT orders FOR UPDATE by the order_id of the token's session,
 *                           then that session FOR UPDATE in a LATERAL subquery (lockOrderThenSession);
 *                           one membershipsOf SELECT (contact, partner admin, customer admin); one
 *                           countriesByCode SELECT (the partner's and the customer's countries);
 *                           INSERT partner_org RETURNING its columns with its admin's webex_user row in a CTE;
 *                           the same for customer_org (createPartnerOrg, createCustomerOrg in
 *                           server/orgs/org.store.ts); UPDATE orders (MAPPED, writeMapping);
 *                           UPDATE setup_link (revokeLinks); WITH completed AS (UPDATE provisioning_session)
 *                           INSERT provisioning_event (COMPLETED) (completeSession); INSERT audit_event (the
 *                           four creations and the mapping, recordAudits); INSERT integration_event with its
 *                           event_delivery rows (order.mapped, recordEvents in server/events/events.ts, one
 *                           statement); INSERT outbox_email (the WELCOME email to the customer admin,
 *                           enqueueEmail in server/mail/outbox.ts); COMMIT;
 *                           then, after the commit and not awaited by the request (mailQueued ->
 *                           MailDelivery.deliverDue without SMTP_URL, i.e. logUndeliverable), its
 *                           own statement on the same pool: UPDATE outbox_email SET logged_at of those
 *                           PENDING and not logged yet (a batch, FOR UPDATE SKIP LOCKED) RETURNING them (no
 *                           webhook endpoint wants order.mapped, so no look for webhook deliveries due follows)
 *
 * 48 statements per pass, 8 transactions, 1 statement outside them. The capture settles the
 * database before each marker (env.ts), so the after-commit delivery counts with Confirm. Under
 * load the delivery runs coalesce as the server's do (one run at a time, one more run for the
 * calls made during it, claiming every email not logged yet), so a pass then costs less than 1
 * delivery statement on both sides alike. pg-boss's own statements (job polling, maintenance:
 * application_name pgboss, schema pgboss) are left out of the capture, and the server's once a
 * minute sweep is told apart by capturing again (wizard.bench.ts).
 */
import type { Pool, PoolClient } from 'pg';
import { EVENT_API_VERSION } from '../../server/events/event-types';
import { welcomeEmail } from '../../server/mail/templates';
import type { Order } from '../../server/orders/order.entity';
import type { CustomerOrg } from '../../server/orgs/customer-org.entity';
import type { PartnerOrg } from '../../server/orgs/partner-org.entity';
import { hashToken, newToken, TOKEN_PREFIX } from '../../server/platform/tokens';
import { PassHooks, StepName, STEPS } from './api-wizard';
import type { SeededOrder } from './env';

/** The orders columns as the store reads them (order.store.ts). */
const ORDER_COLUMNS = [
  'id',
  'subscription_id',
  'commerce_order_number',
  'purchase_order_number',
  'offer_code',
  'seats',
  'requested_start_date',
  'provisioning_contact_email',
  'status',
  'setup_window_days',
  'setup_email_sent_at',
  'window_closes_at',
  'mapped_at',
  'partner_org_id',
  'customer_org_id',
  'trial_customer_org_id',
  'mapped_by_session_id',
  'language',
  'reminded_through',
  'version',
  'created_at',
  'updated_at',
];
/** The order's columns as read beside a session or a link (sessions.ts: order.store.ts's, qualified by `o`). */
const ORDER_OF = ORDER_COLUMNS.map((name) => `o.${name}`).join(', ');
const SESSION_COLUMNS = [
  'id',
  'order_id',
  'setup_link_id',
  'contact_email',
  'status',
  'current_step',
  'furthest_step',
  'draft',
  'started_at',
  'last_activity_at',
  'finished_at',
  'version',
];
const PARTNER_ORG_COLUMNS = ['id', 'name', 'admin_email', 'country_code', 'version', 'created_at', 'updated_at'];
const CUSTOMER_ORG_COLUMNS = [
  'id',
  'name',
  'admin_email',
  'country_code',
  'data_residency_region',
  'contact_center_data_location',
  'partner_org_id',
  'trial_status',
  'trial_admin_email',
  'trial_started_at',
  'trial_expires_at',
  'trial_converted_at',
  'trial_extension_count',
  'trial_expired_at',
  'version',
  'created_at',
  'updated_at',
];

const LINK_WITH_ORDER = `SELECT l.id AS l_id, l.revoked_at AS l_revoked_at, ${ORDER_OF}
       FROM setup_link l JOIN orders o ON o.id = l.order_id
      WHERE l.token_hash = $1`;

export const SQL = {
  begin: 'START TRANSACTION',
  commit: 'COMMIT',
  rollback: 'ROLLBACK',
  // orderOfLink (server/provisioning/sessions.ts): ProvisioningService.linkInfo (the setupLink query) without a lock,
  // opening a link with its order locked
  linkWithOrder: LINK_WITH_ORDER,
  linkWithOrderForUpdate: `${LINK_WITH_ORDER} FOR UPDATE OF o`,
  // lockSessionWithOrder, lockOrderThenSession (sessions.ts) by the token's hash: the lock authenticates the caller
  sessionWithOrderForUpdate: `SELECT ${SESSION_COLUMNS.map((name) => `s.${name} AS s_${name}`).join(', ')}, ${ORDER_OF}
       FROM provisioning_session s JOIN orders o ON o.id = s.order_id
      WHERE s.token_hash = $1 FOR UPDATE OF s`,
  orderThenSessionForUpdate: `WITH o AS MATERIALIZED (
       SELECT ${ORDER_OF} FROM orders o WHERE o.id = (SELECT order_id FROM provisioning_session WHERE token_hash = $1) FOR UPDATE)
     SELECT ${SESSION_COLUMNS.map((name) => `s.${name} AS s_${name}`).join(', ')}, ${ORDER_OF}
       FROM o CROSS JOIN LATERAL (SELECT ${SESSION_COLUMNS.join(', ')} FROM provisioning_session WHERE token_hash = $1 AND order_id = o.id FOR UPDATE) s`,
  // countriesByCode (server/countries/country.service.ts)
  countries: 'SELECT code, name, region, contact_center_sold, version FROM supported_country WHERE code = ANY ($1::bpchar[])',
  // endSessionsOfOpenedOrder, openSession, writeAnswer (sessions.ts)
  endSessionsOfOpenedOrder: `WITH ended AS (
    UPDATE provisioning_session
       SET status = CASE WHEN last_activity_at <= $3 THEN 'EXPIRED' ELSE 'SUPERSEDED' END, draft = '{}', finished_at = $2,
           version = version + 1
     WHERE status = 'ACTIVE' AND order_id = $1
    RETURNING id, order_id, status)
  INSERT INTO provisioning_event (session_id, order_id, kind, occurred_at) SELECT id, order_id, status, $2 FROM ended`,
  openSession: `WITH opened AS (
    INSERT INTO provisioning_session
      (order_id, setup_link_id, token_hash, contact_email, status, current_step, furthest_step, draft, started_at, last_activity_at)
    VALUES ($1, $2, $3, $4, 'ACTIVE', 'ROLE', 'ROLE', '{}', $5, $5)
    RETURNING ${SESSION_COLUMNS.join(', ')}),
  link AS (UPDATE setup_link SET open_count = open_count + 1, first_opened_at = coalesce(first_opened_at, $5) WHERE id = $2),
  started AS (INSERT INTO provisioning_event (session_id, order_id, kind, occurred_at) SELECT id, order_id, 'STARTED', $5 FROM opened)
  SELECT ${SESSION_COLUMNS.join(', ')} FROM opened`,
  answer: `WITH answered AS (
    UPDATE provisioning_session
       SET draft = $2, current_step = $3, furthest_step = $4, last_activity_at = $5, version = $6 WHERE id = $1
    RETURNING id, order_id)
  INSERT INTO provisioning_event (session_id, order_id, kind, step, occurred_at) SELECT id, order_id, 'STEP_ANSWERED', $7, $5 FROM answered`,
  // membershipsOf (server/orgs/memberships.ts)
  memberships: `SELECT k.email, u.partner_org_id, u.customer_org_id, coalesce(p.name, c.name) AS org_name
           FROM unnest($1::text[]) AS k(email)
           JOIN webex_user u ON lower(u.email) = lower(k.email)
           LEFT JOIN partner_org p ON p.id = u.partner_org_id
           LEFT JOIN customer_org c ON c.id = u.customer_org_id`,
  // membershipOf (server/orgs/memberships.ts)
  membership: `SELECT u.partner_org_id, u.customer_org_id, coalesce(p.name, c.name) AS org_name
       FROM webex_user u
       LEFT JOIN partner_org p ON p.id = u.partner_org_id
       LEFT JOIN customer_org c ON c.id = u.customer_org_id
      WHERE lower(u.email) = lower($1)`,
  // insertPartnerOrg, insertCustomerOrg, writeMapping (provisioning.service.ts), revokeLinks (setup-links.ts),
  // completeSession (sessions.ts): ProvisioningService.mapOrder
  // createPartnerOrg (server/orgs/org.store.ts): the org and its administrator's webex_user row
  insertPartnerOrg: `WITH org AS (
      INSERT INTO partner_org (name, admin_email, country_code, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)
      RETURNING ${PARTNER_ORG_COLUMNS.join(', ')}),
    admin AS (INSERT INTO webex_user (email, partner_org_id, created_at) SELECT $5, id, $4 FROM org)
    SELECT ${PARTNER_ORG_COLUMNS.join(', ')} FROM org`,
  // createCustomerOrg (server/orgs/org.store.ts), without a trial: the org and its administrator's webex_user row
  insertCustomerOrg: `WITH org AS (
      INSERT INTO customer_org
        (name, admin_email, country_code, data_residency_region, contact_center_data_location, partner_org_id,
         trial_status, trial_admin_email, trial_started_at, trial_expires_at, created_at, updated_at)
      VALUES ($1, $2, $3, $4, $4, $5, $6, $7, $8, $9, $10, $10)
      RETURNING ${CUSTOMER_ORG_COLUMNS.join(', ')}),
    admin AS (INSERT INTO webex_user (email, customer_org_id, created_at) SELECT $11, id, $10 FROM org)
    SELECT ${CUSTOMER_ORG_COLUMNS.join(', ')} FROM org`,
  // recordContactLanguage (server/orders/order.store.ts)
  contactLanguage: 'UPDATE orders SET language = $2 WHERE id = $1 AND language <> $2',
  mapOrder: `UPDATE orders
    SET status = 'MAPPED', mapped_at = $2, partner_org_id = $3, customer_org_id = $4, mapped_by_session_id = $5, updated_at = $2, version = $6
    WHERE id = $1`,
  revokeLinks: `UPDATE "setup_link" SET "revoked_at" = $1 WHERE ("order_id" = $2 AND "revoked_at" IS NULL)`,
  completeSession: `WITH completed AS (
    UPDATE provisioning_session
       SET status = 'COMPLETED', current_step = 'DONE', furthest_step = 'DONE', last_activity_at = $2, finished_at = $2, version = $3
     WHERE id = $1
    RETURNING id, order_id)
  INSERT INTO provisioning_event (session_id, order_id, kind, step, occurred_at) SELECT id, order_id, 'COMPLETED', 'DONE', $2 FROM completed`,
  // recordAudits (server/audit/audit.ts): the mapping's four creations (each org and its administrator) and the mapping in one statement
  insertMappingAudits: `INSERT INTO audit_event (occurred_at, actor_kind, actor_id, action, entity_type, entity_id, before, after) VALUES ${[
    0, 1, 2, 3, 4,
  ]
    .map((i) => `($1, $2, $3, $${4 + i * 5}, $${5 + i * 5}, $${6 + i * 5}, $${7 + i * 5}, $${8 + i * 5})`)
    .join(', ')}`,
  // recordEvents (server/events/events.ts): the order.mapped event and its deliveries to the endpoints that asked for it
  insertIntegrationEvent: `WITH recorded AS (
    INSERT INTO integration_event (type, order_id, created_at, api_version, data)
    SELECT e.type, e.order_id, $1, $2, e.data
      FROM unnest($3::text[], $4::uuid[], $5::jsonb[]) WITH ORDINALITY AS e(type, order_id, data, n)
     ORDER BY e.n
    RETURNING id, seq, type, order_id
  )
  INSERT INTO event_delivery (event_id, endpoint_id, event_seq, order_id, status, next_attempt_at, created_at)
  SELECT r.id, w.id, r.seq, r.order_id, 'PENDING', $1, $1
    FROM recorded r JOIN webhook_endpoint w ON w.enabled AND r.type = ANY (w.events)
  RETURNING event_id`,
  // enqueueEmail (server/mail/outbox.ts)
  insertEmail: `INSERT INTO outbox_email (kind, order_id, setup_link_id, recipient, subject, text_body, html_body, status, next_attempt_at, created_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
  // MailDelivery.logUndeliverable (server/mail/outbox.ts), the delivery without SMTP_URL: a batch claimed and stamped
  logUndeliverable: `UPDATE outbox_email SET logged_at = $2
  WHERE id IN (SELECT id FROM outbox_email WHERE status = $1 AND logged_at IS NULL ORDER BY created_at LIMIT $3 FOR UPDATE SKIP LOCKED)
  RETURNING id, kind, recipient, subject, text_body`,
} as const;

const IDLE_MS = 60 * 60_000;

type Row = Record<string, any>;
type Draft = Record<string, unknown>;

/** One statement, one round trip; returns the rows. */
async function q(c: Pool | PoolClient, text: string, values: unknown[]): Promise<Row[]> {
  return (await c.query(text, values)).rows;
}

async function one(c: Pool | PoolClient, text: string, values: unknown[], what: string): Promise<Row> {
  const [row] = await q(c, text, values);
  if (!row) throw new Error(`raw pass: no ${what}`);
  return row;
}

/** As TypeORM's DataSource.transaction: START TRANSACTION ... COMMIT on one pooled connection, ROLLBACK on error. */
async function transaction<T>(pool: Pool, work: (c: PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query(SQL.begin);
    const result = await work(c);
    await c.query(SQL.commit);
    return result;
  } catch (error) {
    await c.query(SQL.rollback).catch(() => undefined);
    throw error;
  } finally {
    c.release();
  }
}

/**
 * What the server does after a commit that queued email (jobs.ts mailQueued: one delivery run at a
 * time; calls during a run make one more run after it) with MailDelivery.deliverDue without
 * SMTP_URL (logUndeliverable: claim the emails not logged yet, log them at info level, which
 * LOG_LEVEL warn leaves out, and stamp logged_at), in a statement of its own on the same pool.
 */
export class RawMailDelivery {
  /** Failed delivery runs: the server logs them; the benchmark counts them as errors. */
  readonly errors: string[] = [];
  private delivering: Promise<void> | null = null;
  private again = false;

  constructor(private readonly pool: Pool) {}

  queued(): void {
    if (this.delivering) {
      this.again = true;
      return;
    }
    this.delivering = this.logUndeliverable()
      .catch((error) => {
        this.errors.push(`email delivery failed: ${String((error as Error)?.message ?? error).slice(0, 200)}`);
      })
      .finally(() => {
        this.delivering = null;
        if (this.again) {
          this.again = false;
          this.queued();
        }
      });
  }

  /** Resolves once no delivery run is in progress or due. */
  async idle(): Promise<void> {
    while (this.delivering) await this.delivering;
  }

  private async logUndeliverable(): Promise<void> {
    while ((await this.pool.query(SQL.logUndeliverable, ['PENDING', new Date(), 500])).rows.length === 500);
  }
}

/** The raw side of the benchmark: a pool of the server's size and the delivery Confirm sets off. */
export interface RawSide {
  pool: Pool;
  mail: RawMailDelivery;
}

export function rawSide(pool: Pool): RawSide {
  return { pool, mail: new RawMailDelivery(pool) };
}

/** pg parses a date column to local midnight; TypeORM hands the entity 'YYYY-MM-DD'. */
function dateString(value: Date | string): string {
  if (typeof value === 'string') return value;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
}

/** The welcome email of mapOrder, rendered by the server's template from the locked order and the inserted orgs' rows. */
function welcomeOf(order: Row, customerOrg: Row, partnerOrg: Row) {
  return welcomeEmail(
    {
      subscriptionId: order.subscription_id,
      commerceOrderNumber: order.commerce_order_number,
      purchaseOrderNumber: order.purchase_order_number,
      offerCode: order.offer_code,
      seats: order.seats,
      requestedStartDate: dateString(order.requested_start_date),
      language: order.language,
    } as Order,
    { name: customerOrg.name, dataResidencyRegion: customerOrg.data_residency_region } as CustomerOrg,
    { name: partnerOrg.name } as PartnerOrg,
  );
}

function membership(c: PoolClient, email: string): Promise<Row[]> {
  return q(c, SQL.membership, [email.trim()]);
}

/** membershipsOf: the memberships of several emails in one statement. */
function memberships(c: PoolClient, emails: string[]): Promise<Row[]> {
  return q(c, SQL.memberships, [[...new Set(emails.map((email) => email.trim()))]]);
}

/** The session (s_ columns) and order columns of one row, as two rows. */
function sessionAndOrder(row: Row): { session: Row; order: Row } {
  const session: Row = {};
  const order: Row = {};
  for (const [name, value] of Object.entries(row)) {
    if (name.startsWith('s_')) session[name.slice(2)] = value;
    else order[name] = value;
  }
  return { session, order };
}

function usable(order: Row, now: Date): void {
  if (order.status !== 'AWAITING_PROVISIONING_DETAILS' || order.window_closes_at <= now) {
    throw new Error(`raw pass: order ${order.id} is ${order.status}`);
  }
}

function free(rows: Row[], email: string): void {
  if (rows.length > 0) throw new Error(`raw pass: ${email} already belongs to an org`);
}

const NEXT: Record<string, string> = {
  ROLE: 'SETUP_PERFORMER',
  SETUP_PERFORMER: 'PARTNER_ORG',
  PARTNER_ORG: 'CUSTOMER_ADMIN',
  CUSTOMER_ADMIN: 'CUSTOMER_COMPANY',
  CUSTOMER_COMPANY: 'CUSTOMER_ORG',
  CUSTOMER_ORG: 'CONFIRM',
};

/**
 * The language the wizard is used in (the API side's requests carry none: English). The server notes it on the order
 * only when the order has another (inActiveSession), which a bench order never has: English is its language from the start.
 */
const LANGUAGE = 'en';

/** ProvisioningService.answer inside inActiveSession: lock the session with its order, decide, write the answer and its event. */
async function answer(
  pool: Pool,
  token: string,
  step: string,
  decide: (c: PoolClient, session: Row, draft: Draft) => Promise<Draft>,
): Promise<void> {
  const now = new Date();
  await transaction(pool, async (c) => {
    const { session, order } = sessionAndOrder(await one(c, SQL.sessionWithOrderForUpdate, [hashToken(token)], 'session'));
    const sessionId = session.id as string;
    if (order.language !== LANGUAGE) throw new Error('raw pass: the order has another language');
    usable(order, now);
    if (session.status !== 'ACTIVE') throw new Error('raw pass: session ended');
    if (session.current_step !== step) throw new Error(`raw pass: ${step} out of order`);
    const draft = await decide(c, session, session.draft as Draft);
    const current = NEXT[step];
    await q(c, SQL.answer, [sessionId, JSON.stringify(draft), current, current, now, session.version + 1, step]);
  });
}

type StepFn = (raw: RawSide, order: SeededOrder, token: string) => Promise<string | void>;

const RAW_STEPS: Record<StepName, StepFn> = {
  // ProvisioningService.start
  Start: async ({ pool }, seeded) => {
    const now = new Date();
    return transaction(pool, async (c) => {
      const order = await one(c, SQL.linkWithOrderForUpdate, [hashToken(seeded.linkToken)], 'link');
      usable(order, now);
      if (order.l_revoked_at) throw new Error('raw pass: link revoked');
      if (order.language !== LANGUAGE) await q(c, SQL.contactLanguage, [order.id, LANGUAGE]);
      await q(c, SQL.endSessionsOfOpenedOrder, [order.id, now, new Date(now.getTime() - IDLE_MS)]);
      const sessionToken = newToken(TOKEN_PREFIX.wizardSession);
      await q(c, SQL.openSession, [order.id, order.l_id, hashToken(sessionToken), order.provisioning_contact_email, now]);
      return sessionToken;
    });
  },
  ChooseRole: ({ pool }, _seeded, token) => answer(pool, token, 'ROLE', async (_c, _s, draft) => ({ ...draft, role: 'PARTNER' })),
  ChooseSetupPerformer: ({ pool }, _seeded, token) =>
    answer(pool, token, 'SETUP_PERFORMER', async (_c, _s, draft) => ({ ...draft, performer: 'SELF' })),
  SetPartnerOrg: ({ pool }, seeded, token) =>
    answer(pool, token, 'PARTNER_ORG', async (c, session, draft) => {
      free(await memberships(c, [session.contact_email, seeded.partnerAdminEmail]), 'the contact or the partner admin');
      const country = await one(c, SQL.countries, [['DE']], 'country');
      return {
        ...draft,
        partnerOrg: {
          useExisting: false,
          adminEmail: seeded.partnerAdminEmail,
          companyName: 'Northwind Partners',
          countryCode: country.code,
        },
      };
    }),
  SetCustomerAdmin: ({ pool }, seeded, token) =>
    answer(pool, token, 'CUSTOMER_ADMIN', async (c, _s, draft) => {
      free(await membership(c, seeded.customerAdminEmail), seeded.customerAdminEmail);
      return { ...draft, customerAdminEmail: seeded.customerAdminEmail };
    }),
  SetCustomerCompany: ({ pool }, _seeded, token) =>
    answer(pool, token, 'CUSTOMER_COMPANY', async (c, _s, draft) => {
      const country = await one(c, SQL.countries, [['DE']], 'country');
      if (!country.contact_center_sold) throw new Error('raw pass: DE not sold');
      return { ...draft, customerCompany: { name: 'Contoso GmbH', countryCode: country.code, region: country.region } };
    }),
  ChooseCustomerOrg: ({ pool }, _seeded, token) =>
    answer(pool, token, 'CUSTOMER_ORG', async (c, _s, draft) => {
      free(await membership(c, draft.customerAdminEmail as string), 'the customer admin');
      return { ...draft, customerOrg: { choice: 'NEW' } };
    }),
  // ProvisioningService.confirm: inActiveSession with lockOrder, then mapOrder
  Confirm: async ({ pool, mail }, _seeded, token) => {
    const now = new Date();
    await transaction(pool, async (c) => {
      const { session, order } = sessionAndOrder(await one(c, SQL.orderThenSessionForUpdate, [hashToken(token)], 'session'));
      const sessionId = session.id as string;
      const orderId = order.id as string;
      if (order.language !== LANGUAGE) throw new Error('raw pass: the order has another language');
      usable(order, now);
      if (session.status !== 'ACTIVE' || session.current_step !== 'CONFIRM') {
        throw new Error('raw pass: not ready to confirm');
      }
      const draft = session.draft as Record<string, any>;
      const partner = draft.partnerOrg as { adminEmail: string; companyName: string; countryCode: string };
      const company = draft.customerCompany as { name: string; countryCode: string; region: string };
      const adminEmail = draft.customerAdminEmail as string;
      free(await memberships(c, [session.contact_email, partner.adminEmail, adminEmail]), 'the contact or an admin');
      await one(c, SQL.countries, [[...new Set([partner.countryCode, company.countryCode])]], 'country');

      const [partnerOrg] = await q(c, SQL.insertPartnerOrg, [
        partner.companyName,
        partner.adminEmail,
        partner.countryCode,
        now,
        partner.adminEmail.trim(),
      ]);
      const partnerOrgId = partnerOrg.id as string;
      const [customerOrg] = await q(c, SQL.insertCustomerOrg, [
        company.name,
        adminEmail,
        company.countryCode,
        company.region,
        partnerOrgId,
        'NONE',
        null,
        null,
        null,
        now,
        adminEmail.trim(),
      ]);
      const customerOrgId = customerOrg.id as string;
      await q(c, SQL.mapOrder, [orderId, now, partnerOrgId, customerOrgId, sessionId, order.version + 1]);
      await q(c, SQL.revokeLinks, [now, orderId]);
      await q(c, SQL.completeSession, [sessionId, now, session.version + 1]);
      await q(c, SQL.insertMappingAudits, [
        now,
        'WIZARD',
        sessionId,
        ...['partnerOrg', 'customerOrg'].flatMap((action, i) => {
          const [entityType, org, email] =
            i === 0 ? ['PartnerOrg', partnerOrg, partner.adminEmail] : ['CustomerOrg', customerOrg, adminEmail];
          return [
            [`${action}.create`, entityType, org.id, null, JSON.stringify(org)],
            [`${action}.addAdmin`, entityType, org.id, null, JSON.stringify({ adminEmail: email })],
          ].flat();
        }),
        ...['order.map', 'Order', orderId, JSON.stringify({ status: order.status })],
        JSON.stringify({ status: 'MAPPED', partnerOrgId, customerOrgId }),
      ]);

      const mapped = {
        orderId,
        subscriptionId: order.subscription_id,
        commerceOrderNumber: order.commerce_order_number,
        status: 'MAPPED',
        provisioningContactEmail: order.provisioning_contact_email,
      };
      const region = customerOrg.data_residency_region;
      const data = { ...mapped, partnerOrgId, customerOrgId, region, dataLocation: customerOrg.contact_center_data_location };
      await q(c, SQL.insertIntegrationEvent, [now, EVENT_API_VERSION, ['order.mapped'], [orderId], [JSON.stringify(data)]]);
      // The welcome email from the order as locked and the orgs as inserted: no reads after the writes.
      const email = await welcomeOf(order, customerOrg, partnerOrg);
      await q(c, SQL.insertEmail, ['WELCOME', orderId, null, adminEmail, email.subject, email.text, email.html, 'PENDING', now, now]);
    });
    // After the commit, as ProvisioningService.confirm calls mailQueued: not awaited.
    mail.queued();
  },
};

/** One raw pass: the eight steps in order, each timed from its first statement to the release after COMMIT. */
export async function rawPass(raw: RawSide, order: SeededOrder, hooks: PassHooks = {}): Promise<void> {
  let token = '';
  for (const name of STEPS) {
    await hooks.before?.(name);
    const started = performance.now();
    const result = await RAW_STEPS[name](raw, order, token);
    hooks.timed?.(name, performance.now() - started);
    if (typeof result === 'string') token = result;
  }
}
