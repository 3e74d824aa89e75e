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
 * The TypeORM-generated SELECTs are rebuilt below with columns(), which writes the select list
 * exactly as TypeORM does ("Alias"."column" AS "Alias_column").
 *
 * Statements per step, as captured (server/provisioning/provisioning.service.ts and, for the
 * first SELECT of every step after Start, StaffService.authenticate resolving the session token,
 * outside the step's transaction):
 *
 *   Start (10)              START TRANSACTION; SELECT setup_link by token_hash (findLink);
 *                           SELECT orders FOR UPDATE; WITH ended AS (UPDATE provisioning_session ..
 *                           idle ..) INSERT provisioning_event (endSessions EXPIRED);
 *                           the same for SUPERSEDED; INSERT provisioning_session RETURNING;
 *                           UPDATE setup_link open_count; INSERT provisioning_event (STARTED);
 *                           SELECT provisioning_session; COMMIT
 *   ChooseRole (8)          SELECT provisioning_session.id by token_hash (authenticate);
 *                           START TRANSACTION; SELECT provisioning_session FOR UPDATE;
 *                           SELECT orders; UPDATE provisioning_session (draft ...);
 *                           INSERT provisioning_event (STEP_ANSWERED); SELECT provisioning_session; COMMIT
 *   ChooseSetupPerformer (8) as ChooseRole
 *   SetPartnerOrg (10)      as ChooseRole, plus two membership SELECTs (the contact, the new
 *                           partner admin) before the UPDATE
 *   SetCustomerAdmin (9)    as ChooseRole, plus one membership SELECT (the customer admin)
 *   SetCustomerCompany (9)  as ChooseRole, plus SELECT supported_country
 *   ChooseCustomerOrg (9)   as ChooseRole, plus one membership SELECT (the customer admin)
 *   Confirm (24 + 4)        authenticate; START TRANSACTION; SELECT provisioning_session.order_id;
 *                           SELECT orders FOR UPDATE; SELECT provisioning_session FOR UPDATE;
 *                           3 membership SELECTs (contact, partner admin, customer admin);
 *                           SELECT supported_country; INSERT partner_org; INSERT webex_user;
 *                           INSERT customer_org; INSERT webex_user; UPDATE orders (MAPPED);
 *                           UPDATE setup_link (revoke); UPDATE provisioning_session (COMPLETED);
 *                           INSERT provisioning_event (COMPLETED); INSERT audit_event;
 *                           SELECT provisioning_session; SELECT orders; SELECT partner_org;
 *                           SELECT customer_org; INSERT outbox_email (the WELCOME email to the
 *                           customer admin, enqueueEmail in server/mail/outbox.ts); COMMIT;
 *                           then, after the commit and not awaited by the request (mailQueued ->
 *                           MailDelivery.deliverDue without SMTP_URL, i.e. logUndeliverable), its
 *                           own transaction on the same pool: START TRANSACTION; SELECT outbox_email
 *                           PENDING AND logged_at IS NULL FOR UPDATE SKIP LOCKED; UPDATE outbox_email
 *                           SET logged_at (one row: "id" = $2; several: "id" IN (...)); COMMIT
 *
 * 91 statements per pass, 9 transactions, 7 statements outside them. The capture settles the
 * database before each marker (env.ts), so the after-commit delivery counts with Confirm. Under
 * load the delivery runs coalesce as the server's do (one run at a time, one more run for the
 * calls made during it, claiming every email not logged yet), so a pass then costs fewer than 4
 * delivery statements on both sides alike. pg-boss's own statements (job polling, maintenance:
 * application_name pgboss, schema pgboss) are left out of the capture, and the server's once a
 * minute sweep is told apart by capturing again (wizard.bench.ts).
 */
import type { Pool, PoolClient } from 'pg';
import { welcomeEmail } from '../../server/mail/templates';
import type { Order } from '../../server/orders/order.entity';
import type { CustomerOrg } from '../../server/orgs/customer-org.entity';
import type { PartnerOrg } from '../../server/orgs/partner-org.entity';
import { hashToken, newToken, TOKEN_PREFIX } from '../../server/platform/tokens';
import { PassHooks, StepName, STEPS } from './api-wizard';
import type { SeededOrder } from './env';

/** TypeORM's select list: "Alias"."column" AS "Alias_column", ... */
function columns(alias: string, names: string[]): string {
  return names.map((name) => `"${alias}"."${name}" AS "${alias}_${name}"`).join(', ');
}

function findOne(alias: string, table: string, names: string[], key: string, forUpdate = false): string {
  return `SELECT ${columns(alias, names)} FROM "${table}" "${alias}" WHERE (("${alias}"."${key}" = $1)) LIMIT 1${forUpdate ? ' FOR UPDATE' : ''}`;
}

const LINK_COLUMNS = ['id', 'order_id', 'token_hash', 'recipient_email', 'created_at', 'revoked_at', 'first_opened_at', 'open_count'];
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
  'version',
  'created_at',
  'updated_at',
];
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
const OUTBOX_EMAIL_COLUMNS = [
  'id',
  'kind',
  'order_id',
  'setup_link_id',
  'recipient',
  'subject',
  'text_body',
  'html_body',
  'status',
  'attempts',
  'next_attempt_at',
  'last_error',
  'logged_at',
  'sent_at',
  'created_at',
];
const COUNTRY_COLUMNS = ['code', 'name', 'region', 'contact_center_sold', 'version'];
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
  'version',
  'created_at',
  'updated_at',
];

export const SQL = {
  begin: 'START TRANSACTION',
  commit: 'COMMIT',
  rollback: 'ROLLBACK',
  // StaffService.authenticate
  authenticate: `SELECT "ProvisioningSession"."id" AS "ProvisioningSession_id" FROM "provisioning_session" "ProvisioningSession" WHERE (("ProvisioningSession"."token_hash" = $1)) LIMIT 1`,
  // findLink (server/orders/setup-links.ts)
  linkByToken: findOne('SetupLink', 'setup_link', LINK_COLUMNS, 'token_hash'),
  order: findOne('Order', 'orders', ORDER_COLUMNS, 'id'),
  orderForUpdate: findOne('Order', 'orders', ORDER_COLUMNS, 'id', true),
  session: findOne('ProvisioningSession', 'provisioning_session', SESSION_COLUMNS, 'id'),
  sessionForUpdate: findOne('ProvisioningSession', 'provisioning_session', SESSION_COLUMNS, 'id', true),
  sessionOrderId: `SELECT "ProvisioningSession"."order_id" AS "ProvisioningSession_order_id", "ProvisioningSession"."id" AS "ProvisioningSession_id" FROM "provisioning_session" "ProvisioningSession" WHERE (("ProvisioningSession"."id" = $1)) LIMIT 1`,
  country: findOne('SupportedCountry', 'supported_country', COUNTRY_COLUMNS, 'code'),
  partnerOrg: findOne('PartnerOrg', 'partner_org', PARTNER_ORG_COLUMNS, 'id'),
  customerOrg: findOne('CustomerOrg', 'customer_org', CUSTOMER_ORG_COLUMNS, 'id'),
  // ProvisioningService.endSessions, for { idleOrderId } and { orderId }
  endIdleSessionsOfOrder: `WITH ended AS (
         UPDATE provisioning_session
            SET status = $1, draft = '{}', finished_at = $2, version = version + 1
          WHERE status = 'ACTIVE' AND last_activity_at <= $4 AND ($3::uuid IS NULL OR order_id = $3)
          RETURNING id, order_id)
       INSERT INTO provisioning_event (session_id, order_id, kind, occurred_at)
       SELECT id, order_id, $1, $2 FROM ended
       RETURNING session_id`,
  endSessionsOfOrder: `WITH ended AS (
         UPDATE provisioning_session
            SET status = $1, draft = '{}', finished_at = $2, version = version + 1
          WHERE status = 'ACTIVE' AND order_id = $3
          RETURNING id, order_id)
       INSERT INTO provisioning_event (session_id, order_id, kind, occurred_at)
       SELECT id, order_id, $1, $2 FROM ended
       RETURNING session_id`,
  insertSession: `INSERT INTO "provisioning_session"("id", "order_id", "setup_link_id", "token_hash", "contact_email", "status", "current_step", "furthest_step", "draft", "started_at", "last_activity_at", "finished_at", "version") VALUES (DEFAULT, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, DEFAULT, DEFAULT) RETURNING "id", "version"`,
  linkOpened: `UPDATE "setup_link" SET "open_count" = "open_count" + 1, "first_opened_at" = coalesce("first_opened_at", $1) WHERE "id" = $2`,
  insertEvent: `INSERT INTO "provisioning_event"("id", "session_id", "order_id", "kind", "step", "occurred_at") VALUES (DEFAULT, $1, $2, $3, $4, $5) RETURNING "id"`,
  answer: `UPDATE "provisioning_session" SET "draft" = $1, "current_step" = $2, "furthest_step" = $3, "last_activity_at" = $4, "version" = $5 WHERE "id" = $6`,
  // membershipOf (server/orgs/memberships.ts)
  membership: `SELECT u.partner_org_id, u.customer_org_id, coalesce(p.name, c.name) AS org_name
       FROM webex_user u
       LEFT JOIN partner_org p ON p.id = u.partner_org_id
       LEFT JOIN customer_org c ON c.id = u.customer_org_id
      WHERE lower(u.email) = lower($1)`,
  insertPartnerOrg: `INSERT INTO "partner_org"("id", "name", "admin_email", "country_code", "version", "created_at", "updated_at") VALUES (DEFAULT, $1, $2, $3, DEFAULT, $4, $5) RETURNING "id", "version"`,
  insertWebexUser: `INSERT INTO "webex_user"("id", "email", "partner_org_id", "customer_org_id", "created_at") VALUES (DEFAULT, $1, $2, $3, $4) RETURNING "id"`,
  insertCustomerOrg: `INSERT INTO "customer_org"("id", "name", "admin_email", "country_code", "data_residency_region", "contact_center_data_location", "partner_org_id", "trial_status", "trial_admin_email", "trial_started_at", "trial_expires_at", "trial_converted_at", "version", "created_at", "updated_at") VALUES (DEFAULT, $1, $2, $3, $4, $5, $6, $7, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, $8, $9) RETURNING "id", "trial_status", "version"`,
  mapOrder: `UPDATE "orders" SET "status" = $1, "mapped_at" = $2, "partner_org_id" = $3, "customer_org_id" = $4, "mapped_by_session_id" = $5, "updated_at" = $6, "version" = $7 WHERE "id" = $8`,
  revokeLinks: `UPDATE "setup_link" SET "revoked_at" = $1 WHERE ("order_id" = $2 AND "revoked_at" IS NULL)`,
  completeSession: `UPDATE "provisioning_session" SET "status" = $1, "current_step" = $2, "furthest_step" = $3, "last_activity_at" = $4, "finished_at" = $5, "version" = $6 WHERE "id" = $7`,
  insertAudit: `INSERT INTO "audit_event"("id", "occurred_at", "actor_kind", "actor_id", "action", "entity_type", "entity_id", "before", "after") VALUES (DEFAULT, $1, $2, $3, $4, $5, $6, $7, $8) RETURNING "id"`,
  // enqueueEmail (server/mail/outbox.ts)
  insertEmail: `INSERT INTO "outbox_email"("id", "kind", "order_id", "setup_link_id", "recipient", "subject", "text_body", "html_body", "status", "attempts", "next_attempt_at", "last_error", "logged_at", "sent_at", "created_at") VALUES (DEFAULT, $1, $2, $3, $4, $5, $6, $7, $8, DEFAULT, $9, DEFAULT, DEFAULT, DEFAULT, $10) RETURNING "id", "attempts"`,
  // MailDelivery.logUndeliverable (server/mail/outbox.ts), the delivery without SMTP_URL
  unloggedEmails: `SELECT ${columns('e', OUTBOX_EMAIL_COLUMNS)} FROM "outbox_email" "e" WHERE "e"."status" = $1 AND "e"."logged_at" IS NULL FOR UPDATE SKIP LOCKED`,
} as const;

/** TypeORM's update by ids (whereInIds): "id" = $2 for one, "id" IN ($2, $3, ...) for more. */
function emailsLogged(count: number): string {
  const ids = Array.from({ length: count }, (_, i) => `$${i + 2}`);
  return `UPDATE "outbox_email" SET "logged_at" = $1 WHERE "id" ${count === 1 ? `= ${ids[0]}` : `IN (${ids.join(', ')})`}`;
}

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
 * LOG_LEVEL warn leaves out, and stamp logged_at), in a transaction of its own on the same pool.
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

  private logUndeliverable(): Promise<void> {
    return transaction(this.pool, async (c) => {
      const emails = await q(c, SQL.unloggedEmails, ['PENDING']);
      if (emails.length > 0) await q(c, emailsLogged(emails.length), [new Date(), ...emails.map((e) => e.e_id)]);
    });
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

/** The welcome email of mapOrder, rendered by the server's template from the rows Confirm read back. */
function welcomeOf(order: Row, customerOrg: Row, partnerOrg: Row) {
  return welcomeEmail(
    {
      subscriptionId: order.Order_subscription_id,
      commerceOrderNumber: order.Order_commerce_order_number,
      purchaseOrderNumber: order.Order_purchase_order_number,
      offerCode: order.Order_offer_code,
      seats: order.Order_seats,
      requestedStartDate: dateString(order.Order_requested_start_date),
    } as Order,
    { name: customerOrg.CustomerOrg_name, dataResidencyRegion: customerOrg.CustomerOrg_data_residency_region } as CustomerOrg,
    { name: partnerOrg.PartnerOrg_name } as PartnerOrg,
  );
}

/** StaffService.authenticate for a wizard session token: one SELECT on the pool, outside any transaction. */
async function authenticate(pool: Pool, token: string): Promise<string> {
  const row = await one(pool, SQL.authenticate, [hashToken(token)], 'session for the token');
  return row.ProvisioningSession_id as string;
}

function membership(c: PoolClient, email: string): Promise<Row[]> {
  return q(c, SQL.membership, [email.trim()]);
}

function usable(order: Row, now: Date): void {
  if (order.Order_status !== 'AWAITING_PROVISIONING_DETAILS' || order.Order_window_closes_at <= now) {
    throw new Error(`raw pass: order ${order.Order_id} is ${order.Order_status}`);
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

/** ProvisioningService.answer inside inActiveSession: lock the session, read the order, decide, write. */
async function answer(
  pool: Pool,
  token: string,
  step: string,
  decide: (c: PoolClient, session: Row, draft: Draft) => Promise<Draft>,
): Promise<void> {
  const sessionId = await authenticate(pool, token);
  const now = new Date();
  await transaction(pool, async (c) => {
    const session = await one(c, SQL.sessionForUpdate, [sessionId], 'session');
    const order = await one(c, SQL.order, [session.ProvisioningSession_order_id], 'order');
    usable(order, now);
    if (session.ProvisioningSession_status !== 'ACTIVE') throw new Error('raw pass: session ended');
    if (session.ProvisioningSession_current_step !== step) throw new Error(`raw pass: ${step} out of order`);
    const draft = await decide(c, session, session.ProvisioningSession_draft as Draft);
    const current = NEXT[step];
    await q(c, SQL.answer, [JSON.stringify(draft), current, current, now, session.ProvisioningSession_version + 1, sessionId]);
    await q(c, SQL.insertEvent, [sessionId, order.Order_id, 'STEP_ANSWERED', step, now]);
    await q(c, SQL.session, [sessionId]);
  });
}

type StepFn = (raw: RawSide, order: SeededOrder, token: string) => Promise<string | void>;

const RAW_STEPS: Record<StepName, StepFn> = {
  // ProvisioningService.start
  Start: async ({ pool }, seeded) => {
    const now = new Date();
    return transaction(pool, async (c) => {
      const link = await one(c, SQL.linkByToken, [hashToken(seeded.linkToken)], 'link');
      const order = await one(c, SQL.orderForUpdate, [link.SetupLink_order_id], 'order');
      usable(order, now);
      if (link.SetupLink_revoked_at) throw new Error('raw pass: link revoked');
      await q(c, SQL.endIdleSessionsOfOrder, ['EXPIRED', now, order.Order_id, new Date(now.getTime() - IDLE_MS)]);
      await q(c, SQL.endSessionsOfOrder, ['SUPERSEDED', now, order.Order_id]);
      const sessionToken = newToken(TOKEN_PREFIX.wizardSession);
      const [{ id: sessionId }] = await q(c, SQL.insertSession, [
        order.Order_id,
        link.SetupLink_id,
        hashToken(sessionToken),
        order.Order_provisioning_contact_email,
        'ACTIVE',
        'ROLE',
        'ROLE',
        JSON.stringify({}),
        now,
        now,
      ]);
      await q(c, SQL.linkOpened, [now, link.SetupLink_id]);
      await q(c, SQL.insertEvent, [sessionId, order.Order_id, 'STARTED', null, now]);
      await one(c, SQL.session, [sessionId], 'new session');
      return sessionToken;
    });
  },
  ChooseRole: ({ pool }, _seeded, token) => answer(pool, token, 'ROLE', async (_c, _s, draft) => ({ ...draft, role: 'PARTNER' })),
  ChooseSetupPerformer: ({ pool }, _seeded, token) =>
    answer(pool, token, 'SETUP_PERFORMER', async (_c, _s, draft) => ({ ...draft, performer: 'SELF' })),
  SetPartnerOrg: ({ pool }, seeded, token) =>
    answer(pool, token, 'PARTNER_ORG', async (c, session, draft) => {
      free(await membership(c, session.ProvisioningSession_contact_email), 'the contact');
      free(await membership(c, seeded.partnerAdminEmail), seeded.partnerAdminEmail);
      return {
        ...draft,
        partnerOrg: { useExisting: false, adminEmail: seeded.partnerAdminEmail, companyName: 'Northwind Partners', countryCode: null },
      };
    }),
  SetCustomerAdmin: ({ pool }, seeded, token) =>
    answer(pool, token, 'CUSTOMER_ADMIN', async (c, _s, draft) => {
      free(await membership(c, seeded.customerAdminEmail), seeded.customerAdminEmail);
      return { ...draft, customerAdminEmail: seeded.customerAdminEmail };
    }),
  SetCustomerCompany: ({ pool }, _seeded, token) =>
    answer(pool, token, 'CUSTOMER_COMPANY', async (c, _s, draft) => {
      const country = await one(c, SQL.country, ['DE'], 'country');
      if (!country.SupportedCountry_contact_center_sold) throw new Error('raw pass: DE not sold');
      return {
        ...draft,
        customerCompany: { name: 'Contoso GmbH', countryCode: country.SupportedCountry_code, region: country.SupportedCountry_region },
      };
    }),
  ChooseCustomerOrg: ({ pool }, _seeded, token) =>
    answer(pool, token, 'CUSTOMER_ORG', async (c, _s, draft) => {
      free(await membership(c, draft.customerAdminEmail as string), 'the customer admin');
      return { ...draft, customerOrg: { choice: 'NEW' } };
    }),
  // ProvisioningService.confirm: inActiveSession with lockOrder, then mapOrder and confirmationOf
  Confirm: async ({ pool, mail }, _seeded, token) => {
    const sessionId = await authenticate(pool, token);
    const now = new Date();
    await transaction(pool, async (c) => {
      const { ProvisioningSession_order_id: orderId } = await one(c, SQL.sessionOrderId, [sessionId], 'session');
      const order = await one(c, SQL.orderForUpdate, [orderId], 'order');
      const session = await one(c, SQL.sessionForUpdate, [sessionId], 'session');
      usable(order, now);
      if (session.ProvisioningSession_status !== 'ACTIVE' || session.ProvisioningSession_current_step !== 'CONFIRM') {
        throw new Error('raw pass: not ready to confirm');
      }
      const draft = session.ProvisioningSession_draft as Record<string, any>;
      const partner = draft.partnerOrg as { adminEmail: string; companyName: string; countryCode: string | null };
      const company = draft.customerCompany as { name: string; countryCode: string; region: string };
      const adminEmail = draft.customerAdminEmail as string;
      free(await membership(c, session.ProvisioningSession_contact_email), 'the contact');
      free(await membership(c, partner.adminEmail), partner.adminEmail);
      free(await membership(c, adminEmail), adminEmail);
      await one(c, SQL.country, [company.countryCode], 'country');

      const [{ id: partnerOrgId }] = await q(c, SQL.insertPartnerOrg, [
        partner.companyName,
        partner.adminEmail,
        partner.countryCode ?? company.countryCode,
        now,
        now,
      ]);
      await q(c, SQL.insertWebexUser, [partner.adminEmail.trim(), partnerOrgId, null, now]);
      const [{ id: customerOrgId }] = await q(c, SQL.insertCustomerOrg, [
        company.name,
        adminEmail,
        company.countryCode,
        company.region,
        company.region,
        partnerOrgId,
        'NONE',
        now,
        now,
      ]);
      await q(c, SQL.insertWebexUser, [adminEmail.trim(), null, customerOrgId, now]);
      await q(c, SQL.mapOrder, ['MAPPED', now, partnerOrgId, customerOrgId, sessionId, now, order.Order_version + 1, orderId]);
      await q(c, SQL.revokeLinks, [now, orderId]);
      await q(c, SQL.completeSession, ['COMPLETED', 'DONE', 'DONE', now, now, session.ProvisioningSession_version + 1, sessionId]);
      await q(c, SQL.insertEvent, [sessionId, orderId, 'COMPLETED', 'DONE', now]);
      await q(c, SQL.insertAudit, [
        now,
        'WIZARD',
        sessionId,
        'order.map',
        'Order',
        orderId,
        JSON.stringify({ status: order.Order_status }),
        JSON.stringify({ status: 'MAPPED', partnerOrgId, customerOrgId }),
      ]);
      await one(c, SQL.session, [sessionId], 'completed session');
      const mapped = await one(c, SQL.order, [orderId], 'mapped order');
      if (mapped.Order_status !== 'MAPPED') throw new Error('raw pass: order not mapped');
      const partnerOrg = await one(c, SQL.partnerOrg, [partnerOrgId], 'partner org');
      const customerOrg = await one(c, SQL.customerOrg, [customerOrgId], 'customer org');
      const email = welcomeOf(mapped, customerOrg, partnerOrg);
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
