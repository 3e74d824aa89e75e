/**
 * The data generator: a small run in a test's own schema holds only rows the server could have
 * written (every key and check, statuses that follow from the clock, sessions and the events that
 * tell them, orgs, users, trials and cases); the API and the metrics read them like their own; the
 * same seed gives the same rows; and `npm run seed` refuses what it cannot do.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createDataSource, migrate } from '../../server/db/data-source';
import { freePort } from '../../server/db/embedded';
import { generateData, GenerationSummary, SeedTaken } from '../../server/db/seed/generator';
import { setupWindowDays } from '../../server/orders/order.entity';
import { Harness, startHarness } from '../support/harness';

const ORDERS = 3000;
const SEED = 7;
const HOUR = 3_600_000;

let h: Harness;
let db: Client;
let now: Date;
let summary: GenerationSummary;
let indexesBefore: string[];

/** A client whose unqualified names are the tables of `schema`. */
async function clientIn(schema: string): Promise<Client> {
  const client = new Client({ connectionString: process.env.DATABASE_URL, options: `-c search_path=${schema}` });
  await client.connect();
  return client;
}

async function rows<T = Record<string, any>>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await db.query(sql, params)).rows;
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  return Number((await db.query(`SELECT count(*) AS n FROM (${sql}) q`, params)).rows[0].n);
}

async function indexesOf(client: Client): Promise<string[]> {
  const { rows: found } = await client.query(
    `SELECT indexname || ': ' || regexp_replace(indexdef, ' ON \\S+ ', ' ON ') AS index FROM pg_indexes
      WHERE schemaname = current_schema() ORDER BY 1`,
  );
  return found.map((row) => row.index);
}

beforeAll(async () => {
  h = await startHarness();
  now = h.clock.now();
  db = await clientIn(h.schema);
  indexesBefore = await indexesOf(db);
  summary = await generateData(db, { orders: ORDERS, seed: SEED, now });
}, 120_000);
afterAll(async () => {
  await db.end();
  await h.close();
});

describe('a generated data set', () => {
  test('counts in its summary what is in the tables, spread as docs/demo-data.md says', async () => {
    const tables = {
      orders: summary.orders,
      partner_org: summary.partnerOrgs,
      customer_org: summary.customerOrgs,
      webex_user: summary.webexUsers,
      setup_link: summary.setupLinks,
      provisioning_session: summary.sessions,
      provisioning_event: summary.events,
      support_case: summary.cases,
    };
    for (const [table, expected] of Object.entries(tables))
      expect([table, await count(`SELECT 1 FROM ${table}`)]).toEqual([table, expected]);
    expect(summary.orders).toBe(ORDERS);
    // One partner per five orders in a small data set (the market's 2,000 from 10,000 orders on).
    expect(summary.partnerOrgs).toBe(ORDERS / 5);

    const statuses = Object.fromEntries(
      (await rows<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM orders GROUP BY status')).map((r) => [
        r.status,
        r.n,
      ]),
    );
    expect(statuses).toEqual(summary.ordersByStatus);
    expect(Object.keys(statuses).sort()).toEqual(['AWAITING_PROVISIONING_DETAILS', 'BOOKED', 'CANCELLED', 'CLOSED', 'MAPPED']);
    const emailed = await count('SELECT 1 FROM orders WHERE setup_email_sent_at IS NOT NULL');
    expect(statuses.MAPPED / emailed).toBeGreaterThan(0.65);
    expect(statuses.MAPPED / emailed).toBeLessThan(0.78);
    const opened = await count('SELECT DISTINCT order_id FROM setup_link WHERE first_opened_at IS NOT NULL');
    expect(opened / emailed).toBeGreaterThan(0.8);
    expect(summary.events / summary.orders).toBeGreaterThan(8.5);
    expect(summary.events / summary.orders).toBeLessThan(11.5);
    expect(summary.trials / summary.customerOrgs).toBeGreaterThan(0.05);
    expect(summary.trials / summary.customerOrgs).toBeLessThan(0.12);
    expect(summary.cases / summary.orders).toBeGreaterThan(0.02);
    expect(summary.cases / summary.orders).toBeLessThan(0.05);

    // The big markets lead, and customers sit only where Webex Contact Center is sold.
    const countries = await rows('SELECT country_code, count(*)::int AS n FROM customer_org GROUP BY 1 ORDER BY 2 DESC, 1');
    expect(countries[0].country_code).toBe('US');
    expect(
      countries
        .slice(0, 8)
        .map((c) => c.country_code)
        .sort(),
    ).toEqual(['AU', 'CA', 'DE', 'FR', 'GB', 'IN', 'JP', 'US']);
    expect(countries.length).toBeGreaterThan(30);
    // A few large partners carry many orders.
    const [largest] = await rows(
      'SELECT partner_org_id, count(*)::int AS n FROM orders WHERE partner_org_id IS NOT NULL GROUP BY 1 ORDER BY 2 DESC',
    );
    // Partner k is drawn with probability ln((k + 1) / k) / ln(601): the largest of 600 has about 11% of the orders,
    // sixty times its share were they spread evenly.
    const withPartner = await count('SELECT 1 FROM orders WHERE partner_org_id IS NOT NULL');
    expect(largest.n / withPartner).toBeGreaterThan(0.07);
    // Every stop of the wizard has its drop-outs.
    const furthest = await rows(
      "SELECT DISTINCT furthest_step FROM provisioning_session WHERE status IN ('ABANDONED', 'EXPIRED') ORDER BY 1",
    );
    expect(furthest.map((r) => r.furthest_step)).toEqual([
      'CONFIRM',
      'CUSTOMER_ADMIN',
      'CUSTOMER_COMPANY',
      'CUSTOMER_ORG',
      'PARTNER_ORG',
      'ROLE',
      'SETUP_PERFORMER',
    ]);
  });

  test("keeps the order tally that its triggers-off load skipped: each status's sum is its count(*)", async () => {
    const tally = await rows(
      `SELECT status, sum(orders)::int AS n FROM order_status_tally GROUP BY status HAVING sum(orders) <> 0 ORDER BY status`,
    );
    const counted = await rows(`SELECT status, count(*)::int AS n FROM orders GROUP BY status ORDER BY status`);
    expect(counted.length).toBeGreaterThanOrEqual(4);
    expect(tally).toEqual(counted);
  });

  test('keeps every index of the schema, every check, and every foreign key, declared or not', async () => {
    // The load rebuilds the indexes it dropped; the unique ones check their keys as they are built.
    expect(await indexesOf(db)).toEqual(indexesBefore);

    const checks = await rows<{ relation: string; definition: string }>(
      `SELECT conrelid::regclass::text AS relation, pg_get_constraintdef(oid) AS definition FROM pg_constraint
        WHERE contype = 'c' AND connamespace = current_schema()::regnamespace`,
    );
    expect(checks.length).toBeGreaterThan(10);
    for (const { relation, definition } of checks) {
      const violations = await count(`SELECT 1 FROM ${relation} WHERE NOT ${definition.replace(/^CHECK /, '')}`);
      expect([relation, definition, violations]).toEqual([relation, definition, 0]);
    }

    const keys = await rows<{ child: string; columns: string[]; parent: string; referenced: string[] }>(
      `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
              array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(attnum, i)
                      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.i) AS columns,
              array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(attnum, i)
                      JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.i) AS referenced
         FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace`,
    );
    // References the schema leaves undeclared.
    keys.push(
      { child: 'orders', columns: ['mapped_by_session_id'], parent: 'provisioning_session', referenced: ['id'] },
      { child: 'support_case', columns: ['resolved_by_staff_id'], parent: 'staff', referenced: ['id'] },
    );
    expect(keys.length).toBeGreaterThan(15);
    for (const { child, columns, parent, referenced } of keys) {
      const dangling = await count(
        `SELECT 1 FROM ${child} x WHERE ${columns.map((c) => `x.${c} IS NOT NULL`).join(' AND ')}
           AND NOT EXISTS (SELECT 1 FROM ${parent} p WHERE ${columns.map((c, i) => `p.${referenced[i]} = x.${c}`).join(' AND ')})`,
      );
      expect([child, columns, parent, dangling]).toEqual([child, columns, parent, 0]);
    }
    // What belongs to a session belongs to its order too.
    expect(
      await count('SELECT 1 FROM provisioning_event e JOIN provisioning_session s ON s.id = e.session_id WHERE e.order_id <> s.order_id'),
    ).toBe(0);
    expect(
      await count('SELECT 1 FROM provisioning_session s JOIN setup_link l ON l.id = s.setup_link_id WHERE l.order_id <> s.order_id'),
    ).toBe(0);
    expect(
      await count('SELECT 1 FROM support_case c JOIN provisioning_session s ON s.id = c.session_id WHERE s.order_id <> c.order_id'),
    ).toBe(0);
  });

  test("gives each order the status its timestamps and the clock say, and the offer's setup window", async () => {
    const offers = await rows<{ offer_code: string; setup_window_days: number }>(
      'SELECT DISTINCT offer_code, setup_window_days FROM orders',
    );
    expect(offers.some((o) => o.setup_window_days === 7)).toBe(true);
    for (const offer of offers) expect(offer.setup_window_days).toBe(setupWindowDays(offer.offer_code));

    // Booked orders await their start date: no email, no link, no session yet.
    expect(
      await count(
        `SELECT 1 FROM orders o WHERE status = 'BOOKED' AND (requested_start_date <= ($1::timestamptz AT TIME ZONE 'UTC')::date
           OR setup_email_sent_at IS NOT NULL OR window_closes_at IS NOT NULL
           OR EXISTS (SELECT 1 FROM setup_link l WHERE l.order_id = o.id))`,
        [now],
      ),
    ).toBe(0);
    // The email went at booking when the start date had come, else on the start date (UTC); the window runs from it.
    expect(
      await count(
        `SELECT 1 FROM orders WHERE setup_email_sent_at IS NOT NULL AND NOT (
           ((setup_email_sent_at AT TIME ZONE 'UTC')::date = requested_start_date
             OR (setup_email_sent_at = created_at AND requested_start_date <= (created_at AT TIME ZONE 'UTC')::date))
           AND window_closes_at = setup_email_sent_at + setup_window_days * interval '1 day'
           AND setup_email_sent_at <= $1)`,
        [now],
      ),
    ).toBe(0);
    expect(await count("SELECT 1 FROM orders WHERE status = 'AWAITING_PROVISIONING_DETAILS' AND NOT window_closes_at > $1", [now])).toBe(0);
    expect(
      await count(
        `SELECT 1 FROM orders o WHERE status = 'CLOSED' AND (NOT window_closes_at <= $1 OR mapped_at IS NOT NULL
           OR EXISTS (SELECT 1 FROM provisioning_session s WHERE s.order_id = o.id AND s.status = 'COMPLETED'))`,
        [now],
      ),
    ).toBe(0);
    // Cancelled orders had no session, and their links were revoked.
    expect(
      await count(
        `SELECT 1 FROM orders o WHERE status = 'CANCELLED' AND (EXISTS (SELECT 1 FROM provisioning_session s WHERE s.order_id = o.id)
           OR EXISTS (SELECT 1 FROM setup_link l WHERE l.order_id = o.id AND l.revoked_at IS NULL))`,
      ),
    ).toBe(0);
    // Only mapped orders have orgs (but for the trial org they must land on) and a mapping time.
    expect(
      await count(
        "SELECT 1 FROM orders WHERE status <> 'MAPPED' AND (mapped_at IS NOT NULL OR customer_org_id IS NOT NULL OR partner_org_id IS NOT NULL OR mapped_by_session_id IS NOT NULL)",
      ),
    ).toBe(0);
  });

  test('maps an order by its completed session, within its window, onto the orgs of that session', async () => {
    const mapped = await rows(
      `SELECT o.id, o.mapped_at, o.setup_email_sent_at, o.window_closes_at, o.partner_org_id, o.customer_org_id, o.trial_customer_org_id,
              s.id AS session_id, s.status, s.finished_at, s.draft, s.contact_email, c.admin_email, c.partner_org_id AS org_partner,
              c.created_at AS org_created_at, u.partner_org_id AS contact_partner,
              (SELECT count(*)::int FROM setup_link l WHERE l.order_id = o.id AND l.revoked_at IS NULL) AS live_links
         FROM orders o
         JOIN provisioning_session s ON s.id = o.mapped_by_session_id
         JOIN customer_org c ON c.id = o.customer_org_id
         LEFT JOIN webex_user u ON lower(u.email) = lower(s.contact_email)
        WHERE o.status = 'MAPPED'`,
    );
    expect(mapped.length).toBe(summary.ordersByStatus.MAPPED);
    let partners = 0;
    let customers = 0;
    let existing = 0;
    for (const o of mapped) {
      expect(o.status).toBe('COMPLETED');
      expect(o.finished_at).toEqual(o.mapped_at);
      expect(o.mapped_at > o.setup_email_sent_at && o.mapped_at <= o.window_closes_at && o.mapped_at <= now).toBe(true);
      expect(o.org_created_at <= o.mapped_at).toBe(true);
      expect(o.live_links).toBe(0);
      expect(o.draft.customerAdminEmail).toBe(o.admin_email);
      if (o.trial_customer_org_id) expect(o.customer_org_id).toBe(o.trial_customer_org_id);
      if (o.draft.role === 'PARTNER') {
        partners++;
        // A partner's contact belongs to the partner org the order maps to, which manages the customer org.
        expect([o.partner_org_id, o.org_partner, o.draft.partnerOrg]).toEqual([
          o.contact_partner,
          o.contact_partner,
          { useExisting: true, partnerOrgId: o.contact_partner },
        ]);
        expect(o.draft.performer).toBe('SELF');
      } else {
        customers++;
        // A customer is their own admin; no partner org comes into it.
        expect([o.draft.role, o.contact_email, o.partner_org_id, o.org_partner]).toEqual(['CUSTOMER', o.admin_email, null, null]);
      }
      const choice = o.draft.customerOrg;
      if (choice.choice === 'EXISTING') {
        existing++;
        expect(choice.customerOrgId).toBe(o.customer_org_id);
        expect(o.org_created_at < o.mapped_at).toBe(true);
      } else {
        expect([choice, o.org_created_at]).toEqual([{ choice: 'NEW' }, o.mapped_at]);
      }
    }
    expect(partners).toBeGreaterThan(customers);
    expect(customers).toBeGreaterThan(0);
    // Some customers have several orders on one org.
    expect(existing).toBeGreaterThan(0);
    expect(
      await count('SELECT customer_org_id FROM orders WHERE customer_org_id IS NOT NULL GROUP BY 1 HAVING count(*) > 1'),
    ).toBeGreaterThan(0);
  });

  test('has at most one active session per order, recent, and erases the answers of ended ones', async () => {
    expect(await count("SELECT order_id FROM provisioning_session WHERE status = 'ACTIVE' GROUP BY 1 HAVING count(*) > 1")).toBe(0);
    expect(
      await count(
        "SELECT 1 FROM provisioning_session WHERE status = 'ACTIVE' AND (finished_at IS NOT NULL OR last_activity_at <= $1::timestamptz - interval '1 hour')",
        [now],
      ),
    ).toBe(0);
    expect(
      await count(
        "SELECT 1 FROM provisioning_session WHERE status NOT IN ('ACTIVE', 'COMPLETED') AND (draft <> '{}' OR finished_at IS NULL)",
      ),
    ).toBe(0);
    expect(
      await count(
        `SELECT 1 FROM provisioning_session WHERE status = 'COMPLETED'
           AND NOT (current_step = 'DONE' AND furthest_step = 'DONE' AND draft ?& ARRAY['role', 'customerAdminEmail', 'customerCompany', 'customerOrg'])`,
      ),
    ).toBe(0);
    // Timestamps in order: nothing after now; an answer moves the last activity past the start.
    expect(
      await count(
        `SELECT 1 FROM provisioning_session WHERE NOT (started_at <= last_activity_at AND last_activity_at <= coalesce(finished_at, $1)
           AND coalesce(finished_at, started_at) <= $1 AND (furthest_step = 'ROLE' OR started_at < last_activity_at))`,
        [now],
      ),
    ).toBe(0);
    // An order's sessions follow one another, each from a link of the order opened after it was sent and before the window closed.
    expect(
      await count(
        `SELECT 1 FROM (SELECT s.*, lag(finished_at) OVER (PARTITION BY order_id ORDER BY started_at) AS previous_end FROM provisioning_session s) s
           JOIN setup_link l ON l.id = s.setup_link_id JOIN orders o ON o.id = s.order_id
          WHERE s.started_at < s.previous_end OR s.started_at < l.created_at OR s.started_at >= o.window_closes_at
             OR s.contact_email <> l.recipient_email`,
      ),
    ).toBe(0);
    // Each link counts the sessions opened from it.
    expect(
      await count(
        `SELECT 1 FROM setup_link l LEFT JOIN (SELECT setup_link_id, min(started_at) AS first, count(*)::int AS opens FROM provisioning_session GROUP BY 1) s
           ON s.setup_link_id = l.id
          WHERE l.first_opened_at IS DISTINCT FROM s.first OR l.open_count <> coalesce(s.opens, 0)`,
      ),
    ).toBe(0);
    // A delegation hands the order to a colleague at the same company, with a new link; the old one is revoked.
    const delegations = await rows(
      `SELECT s.contact_email, s.finished_at, o.provisioning_contact_email, l.revoked_at,
              (SELECT count(*)::int FROM setup_link n WHERE n.order_id = o.id AND n.created_at = s.finished_at) AS new_links
         FROM provisioning_session s JOIN orders o ON o.id = s.order_id JOIN setup_link l ON l.id = s.setup_link_id
        WHERE s.status = 'DELEGATED'`,
    );
    expect(delegations.length).toBeGreaterThan(0);
    for (const d of delegations) {
      expect(d.provisioning_contact_email).not.toBe(d.contact_email);
      expect(d.provisioning_contact_email.split('@')[1]).toBe(d.contact_email.split('@')[1]);
      expect([d.revoked_at, d.new_links]).toEqual([d.finished_at, 1]);
    }
  });

  test("tells each session's story in its events: started, each answer in the path's order, then how it ended", async () => {
    const partnerPath = ['ROLE', 'SETUP_PERFORMER', 'PARTNER_ORG', 'CUSTOMER_ADMIN', 'CUSTOMER_COMPANY', 'CUSTOMER_ORG', 'CONFIRM'];
    // A customer's role answer also names them the customer admin.
    const customerPath = ['ROLE', 'CUSTOMER_COMPANY', 'CUSTOMER_ORG', 'CONFIRM'];
    const sessions = await rows(
      `SELECT s.id, s.status, s.furthest_step, s.started_at, s.finished_at, u.partner_org_id IS NOT NULL AS partner,
              array_agg(e.kind || ':' || coalesce(e.step, '') ORDER BY e.id) AS story,
              array_agg(e.occurred_at ORDER BY e.id) AS times
         FROM provisioning_session s
         JOIN provisioning_event e ON e.session_id = s.id
         LEFT JOIN webex_user u ON lower(u.email) = lower(s.contact_email)
        GROUP BY s.id, u.partner_org_id`,
    );
    expect(sessions.length).toBe(summary.sessions);
    for (const s of sessions) {
      const path = s.partner ? partnerPath : customerPath;
      const reached = s.status === 'COMPLETED' ? path.length - 1 : path.indexOf(s.furthest_step);
      expect(reached).toBeGreaterThanOrEqual(0);
      const expected = ['STARTED:', ...path.slice(0, reached).map((step) => `STEP_ANSWERED:${step}`)];
      if (s.status === 'DELEGATED') expected.push('STEP_ANSWERED:SETUP_PERFORMER');
      if (s.status === 'COMPLETED') expected.push('COMPLETED:DONE');
      else if (s.status !== 'ACTIVE') expected.push(`${s.status}:`);
      expect(s.story).toEqual(expected);
      expect(s.times[0]).toEqual(s.started_at);
      if (s.finished_at) expect(s.times[s.times.length - 1]).toEqual(s.finished_at);
      for (let i = 1; i < s.times.length; i++) expect(s.times[i] >= s.times[i - 1]).toBe(true);
    }
  });

  test('gives every org its admin user, and every user one org by a unique lowercase email', async () => {
    expect(await count('SELECT lower(email) FROM webex_user GROUP BY 1 HAVING count(*) > 1')).toBe(0);
    expect(await count('SELECT 1 FROM webex_user WHERE email <> lower(email)')).toBe(0);
    expect(
      await count(
        'SELECT 1 FROM partner_org p WHERE NOT EXISTS (SELECT 1 FROM webex_user u WHERE u.email = p.admin_email AND u.partner_org_id = p.id)',
      ),
    ).toBe(0);
    expect(
      await count(
        'SELECT 1 FROM customer_org c WHERE NOT EXISTS (SELECT 1 FROM webex_user u WHERE u.email = c.admin_email AND u.customer_org_id = c.id AND u.created_at = c.created_at)',
      ),
    ).toBe(0);
    // A customer org's region is its country's; its contact center data stays in that region; the country is sold.
    expect(
      await count(
        `SELECT 1 FROM customer_org c JOIN supported_country s ON s.code = c.country_code
          WHERE NOT (c.data_residency_region = s.region AND c.contact_center_data_location = s.region AND s.contact_center_sold)`,
      ),
    ).toBe(0);
  });

  test('starts trials before their order, and converts, lapses, or extends them as the wizard and the sweep would', async () => {
    const trials = await rows(
      `SELECT c.*, o.created_at AS booked_at, o.mapped_at, o.customer_org_id AS mapped_onto
         FROM customer_org c LEFT JOIN orders o ON o.trial_customer_org_id = c.id WHERE c.trial_status <> 'NONE'`,
    );
    expect(trials.length).toBe(summary.trials);
    const outcomes: Record<string, number> = {};
    for (const t of trials) {
      expect(t.trial_admin_email).toBe(t.admin_email);
      expect(t.created_at).toEqual(t.trial_started_at);
      if (t.booked_at) expect(t.trial_started_at < t.booked_at).toBe(true);
      if (t.trial_extension_count === 0) expect(t.trial_expires_at - t.trial_started_at).toBeLessThanOrEqual(90 * 24 * HOUR);
      // An extension comes after the lapse, which is kept, and runs 30 days.
      else expect([t.trial_expired_at !== null, t.trial_expires_at - t.trial_expired_at > 30 * 24 * HOUR]).toEqual([true, true]);
      if (t.trial_expired_at) expect(t.trial_expired_at <= now && t.trial_expired_at > t.trial_started_at).toBe(true);
      if (t.trial_status === 'CONVERTED') {
        // Converted by its order, mapped onto it while the trial ran.
        expect([t.mapped_onto, t.trial_converted_at]).toEqual([t.id, t.mapped_at]);
        expect(t.trial_expires_at > t.trial_converted_at).toBe(true);
      } else {
        expect([t.mapped_at ?? null, t.trial_converted_at]).toEqual([null, null]);
        // The sweep marks a lapsed trial EXPIRED within the minute.
        expect(t.trial_status).toBe(t.trial_expires_at > now ? 'ACTIVE' : 'EXPIRED');
        if (t.trial_status === 'EXPIRED') expect(t.trial_expired_at).not.toBeNull();
      }
      const outcome = `${t.trial_status}${t.trial_extension_count > 0 ? ' extended' : ''}${t.booked_at ? '' : ' without an order'}`;
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }
    for (const outcome of [
      'CONVERTED',
      'CONVERTED extended',
      'EXPIRED',
      'EXPIRED extended',
      'EXPIRED without an order',
      'ACTIVE without an order',
    ]) {
      expect([outcome, outcomes[outcome] > 0]).toEqual([outcome, true]);
    }
    // While a trial had lapsed and was not extended, the wizard refused its org: no session chose it then.
    expect(
      await count(
        `SELECT 1 FROM provisioning_event e JOIN orders o ON o.id = e.order_id JOIN customer_org c ON c.id = o.trial_customer_org_id
          WHERE e.kind = 'STEP_ANSWERED' AND e.step = 'CUSTOMER_ORG' AND e.occurred_at >= c.trial_expired_at
            AND (c.trial_extension_count = 0 OR e.occurred_at < c.trial_expires_at - interval '30 days')`,
      ),
    ).toBe(0);
  });

  test('raises cases from sessions, about the org concerned, resolved by a representative after a while', async () => {
    const cases = await rows(
      `SELECT c.*, s.contact_email, s.started_at, u.partner_org_id AS contact_partner, o.trial_customer_org_id, t.trial_expired_at,
              st.email AS resolver
         FROM support_case c JOIN provisioning_session s ON s.id = c.session_id JOIN orders o ON o.id = c.order_id
         LEFT JOIN webex_user u ON lower(u.email) = lower(s.contact_email)
         LEFT JOIN customer_org t ON t.id = o.trial_customer_org_id
         LEFT JOIN staff st ON st.id = c.resolved_by_staff_id`,
    );
    expect(cases.length).toBe(summary.cases);
    const kinds = new Set<string>();
    for (const c of cases) {
      kinds.add(c.kind);
      expect(c.reporter_email).toBe(c.contact_email);
      expect(c.created_at >= c.started_at && c.created_at <= now).toBe(true);
      if (c.status === 'RESOLVED') {
        expect(c.resolved_at > c.created_at && c.resolved_at <= now).toBe(true);
        expect([c.resolver, c.version, typeof c.resolution]).toEqual(['rep@demo.invalid', 2, 'string']);
      } else {
        expect([c.resolution, c.resolved_at, c.resolved_by_staff_id]).toEqual([null, null, null]);
      }
      if (c.kind === 'PARTNER_ORG_INCORRECT') expect(c.partner_org_id).toBe(c.contact_partner);
      if (c.kind === 'TRIAL_EXPIRED') {
        expect(c.customer_org_id).toBe(c.trial_customer_org_id);
        expect(c.started_at >= c.trial_expired_at).toBe(true);
      }
    }
    expect([...kinds].sort()).toEqual(['CUSTOMER_ORG_INCORRECT', 'OTHER', 'PARTNER_ORG_INCORRECT', 'TRIAL_EXPIRED']);
    // Cases older than a few weeks have all been resolved.
    expect(
      await count("SELECT 1 FROM support_case WHERE status = 'OPEN' AND created_at < $1::timestamptz - interval '30 days'", [now]),
    ).toBe(0);
  });
});

describe('the server reads generated rows as its own', () => {
  test("a representative opens a mapped order with its orgs and its sessions' answers", async () => {
    const [order] = await rows(
      `SELECT o.id, c.admin_email FROM orders o JOIN customer_org c ON c.id = o.customer_org_id
        WHERE o.status = 'MAPPED' AND o.partner_org_id IS NOT NULL ORDER BY o.created_at DESC LIMIT 1`,
    );
    const result = await h.gql(
      `query ($id: ID!) { order(id: $id) { status partnerOrg { id } customerOrg { adminEmail }
          sessions { status furthestStep answers { role customerAdminEmail customerOrgChoice } } } }`,
      { id: order.id },
      { token: await h.staffToken('REP') },
    );
    expect(result.errors).toBeUndefined();
    const { status, customerOrg, sessions } = result.data.order;
    expect([status, customerOrg.adminEmail]).toEqual(['MAPPED', order.admin_email]);
    expect(sessions[0]).toMatchObject({
      status: 'COMPLETED',
      furthestStep: 'DONE',
      answers: { role: 'PARTNER', customerAdminEmail: order.admin_email },
    });
  });

  test('the trial metrics count the generated trials', async () => {
    const result = await h.gql(
      `query ($range: MetricRange!) { trialMetrics(groupBy: REGION, range: $range) { started expired extended converted } }`,
      // A range may span at most 5 years; every generated trial started within the last few.
      { range: { from: `${now.getUTCFullYear() - 4}-01-01`, to: now.toISOString().slice(0, 10) } },
      { token: await h.staffToken('ANALYST') },
    );
    expect(result.errors).toBeUndefined();
    const total = (field: string) => result.data.trialMetrics.reduce((sum: number, group: Record<string, number>) => sum + group[field], 0);
    const [expected] = await rows(
      `SELECT count(*)::int AS started, count(trial_expired_at)::int AS expired, count(*) FILTER (WHERE trial_extension_count > 0)::int AS extended,
              count(*) FILTER (WHERE trial_status = 'CONVERTED')::int AS converted
         FROM customer_org WHERE trial_status <> 'NONE'`,
    );
    expect({ started: total('started'), expired: total('expired'), extended: total('extended'), converted: total('converted') }).toEqual(
      expected,
    );
  });
});

describe('a seed', () => {
  /** A fresh schema, migrated, and a client in it. */
  async function freshSchema(): Promise<{ client: Client; schema: string }> {
    const schema = `seed_${randomBytes(6).toString('hex')}`;
    await db.query(`CREATE SCHEMA ${schema}`);
    const source = createDataSource({ url: process.env.DATABASE_URL!, schema });
    await source.initialize();
    await migrate(source);
    await source.destroy();
    return { client: await clientIn(schema), schema };
  }

  const GENERATED = [
    'partner_org',
    'customer_org',
    'webex_user',
    'orders',
    'setup_link',
    'provisioning_session',
    'provisioning_event',
    'support_case',
  ];

  /** A digest of every generated row, table by table, and of the representative who resolved the cases. */
  async function digest(client: Client): Promise<Record<string, string>> {
    const digests: Record<string, string> = {};
    for (const table of [...GENERATED, "(SELECT * FROM staff WHERE email = 'rep@demo.invalid')"]) {
      const { rows: found } = await client.query(`SELECT md5(string_agg(t::text, E'\\n' ORDER BY t::text)) AS digest FROM ${table} t`);
      digests[table.startsWith('(') ? 'staff' : table] = found[0].digest;
    }
    return digests;
  }

  test('gives the same rows for the same clock, other rows for another seed, and is refused a second time', async () => {
    const same = await freshSchema();
    const other = await freshSchema();
    try {
      await generateData(same.client, { orders: ORDERS, seed: SEED, now });
      await generateData(other.client, { orders: ORDERS, seed: SEED + 1, now });
      const original = await digest(db);
      expect(await digest(same.client)).toEqual(original);
      const another = await digest(other.client);
      expect(GENERATED.filter((table) => another[table] === original[table])).toEqual([]);

      await expect(generateData(db, { orders: 10, seed: SEED, now })).rejects.toThrow(SeedTaken);
      expect(await digest(db)).toEqual(original);
    } finally {
      for (const { client, schema } of [same, other]) {
        await client.end();
        await db.query(`DROP SCHEMA ${schema} CASCADE`);
      }
    }
  }, 120_000);
});

const root = join(__dirname, '..', '..');

/** Builds the server once for the tests that run it as a process. */
function build(): void {
  // The build emits even when another file of the tree fails to type-check; what matters here is the command.
  spawnSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json'], { cwd: root });
  expect(existsSync(join(root, 'dist', 'server', 'main.js'))).toBe(true);
}

describe('npm run seed', () => {
  const cli = join(root, 'dist', 'server', 'db', 'seed', 'seed-cli.js');
  beforeAll(build);

  function seed(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; out: string; err: string }> {
    return new Promise((done) => {
      const child = spawn(process.execPath, [cli, ...args], { cwd: root, env: { ...process.env, ...env } });
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk) => (out += chunk));
      child.stderr.on('data', (chunk) => (err += chunk));
      child.on('exit', (code) => done({ code, out, err }));
    });
  }

  test.each([
    [[], '--orders is required'],
    [['--orders'], '--orders needs a value'],
    [['--orders', 'many'], '--orders must be a whole number from 1 to 10,000,000, not many'],
    [['--orders', '0'], '--orders must be a whole number from 1 to 10,000,000, not 0'],
    [['--orders', '10000001'], '--orders must be a whole number from 1 to 10,000,000, not 10000001'],
    [['--orders', '2.5'], '--orders must be a whole number from 1 to 10,000,000, not 2.5'],
    [['--orders', '10', '--seed', '-1'], '--seed must be a whole number from 0 to 2147483647, not -1'],
    [['--orders', '10', '--orders', '20'], '--orders is given twice'],
    [['--orders=10', '--size', '3'], 'unknown argument --size'],
  ])('refuses %j with exit code 2 and says why', async (args, reason) => {
    const { code, out, err } = await seed(args);
    expect({ code, out, err }).toEqual({ code: 2, out: '', err: `seed: ${reason}\nusage: npm run seed -- --orders N [--seed S]\n` });
  });

  test("loads DATABASE_URL's database as a first start would, prints what it made, and refuses the same seed twice", async () => {
    const database = `seed_cli_${randomBytes(6).toString('hex')}`;
    await db.query(`CREATE DATABASE ${database}`);
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${database}`;
    const env = { DATABASE_URL: url.toString(), ADMIN_EMAIL: 'first@admin.test', ADMIN_PASSWORD: 'a first password for the test' };
    try {
      const loaded = await seed(['--orders', '250', '--seed', '3'], env);
      expect([loaded.code, loaded.err]).toEqual([0, '']);
      expect(loaded.out).toMatch(
        /^First administrator: first@admin\.test\nGenerated 250 orders with seed 3 in \d+\.\d s:\n {2}orders +250 {2}\(/,
      );
      expect(loaded.out).toMatch(/\n {2}provisioning events +[\d,]+\n/);

      const again = await seed(['--orders=250', '--seed=3'], env);
      expect([again.code, again.out]).toEqual([2, '']);
      expect(again.err).toBe(
        'seed: seed 3 was already loaded into this database: choose another seed\nusage: npm run seed -- --orders N [--seed S]\n',
      );
    } finally {
      await db.query(`DROP DATABASE ${database} WITH (FORCE)`);
    }
  }, 120_000);
});

describe('npm start on a fresh embedded database', () => {
  beforeAll(build);

  /** Starts the server on the embedded database under `dataDir`, and stops it once it serves; returns what it printed. */
  function startAndStop(dataDir: string, port: number): Promise<string> {
    // As a newcomer runs it: no DATABASE_URL, no NODE_ENV (jest's "test" would switch the demo off).
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' };
    for (const name of ['DATABASE_URL', 'NODE_ENV', 'ADMIN_EMAIL', 'ADMIN_PASSWORD']) delete env[name];
    return new Promise((done, failed) => {
      const child = spawn(process.execPath, ['dist/server/main.js'], { cwd: root, env });
      let output = '';
      const read = (chunk: Buffer) => {
        output += chunk;
        if (output.includes('GraphQL API:') && child.exitCode === null && !child.killed) child.kill('SIGTERM');
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
      child.on('exit', (code) => (code === 0 ? done(output) : failed(new Error(`the server exited with ${code}: ${output}`))));
    });
  }

  test('loads the demo set the first time only, and says so in one line', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'wxcc-demo-'));
    // Run as root, the embedded PostgreSQL drops to a postgres user, who must be able to reach the data dir.
    chmodSync(dataDir, 0o755);
    try {
      const first = await startAndStop(dataDir, await freePort());
      expect(first.split('\n').filter((line) => line.includes('Demo data'))).toEqual(['Demo data loaded: 2000 generated orders']);
      const second = await startAndStop(dataDir, await freePort());
      expect(second).toContain('GraphQL API:');
      expect(second).not.toContain('Demo data');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
