/**
 * The metrics' rollups: how each family's rows for a set of days are computed from the facts and summed into weeks
 * and months, the refresh
 * that recomputes the days the triggers marked stale, and the full rebuild. Every definition an analyst relies on
 * is in the SQL below; server/metrics/metric-sql.ts asks the same questions of the raw tables, for the tests and
 * the benchmark to compare.
 */
import type { ClientBase } from 'pg';
import type { DataSource } from 'typeorm';
import { STEPS, WizardStep } from '../provisioning/steps';

export const FAMILIES = ['FUNNEL', 'DROP_OFF', 'DURATION', 'TRIAL', 'CASE'] as const;
export type Family = (typeof FAMILIES)[number];

/** A step a session can stop at: every step but DONE. */
export type FunnelStep = Exclude<WizardStep, WizardStep.DONE>;

/** The steps in order but DONE, 1 (ROLE) to 7 (CONFIRM): reaching step k means the furthest step's rank is k or more. */
export const FUNNEL_STEPS: readonly FunnelStep[] = STEPS.filter((step): step is FunnelStep => step !== WizardStep.DONE);

/** A per-step count's columns, one per step by its rank: `${prefix}_1` (ROLE) to `${prefix}_7` (CONFIRM). */
export const stepColumns = (prefix: string) => FUNNEL_STEPS.map((_, i) => `${prefix}_${i + 1}`);

/** The drop-off's counts: sessions ABANDONED, then EXPIRED, by the furthest step reached. */
const DROP_OFF_COUNTS = [...stepColumns('abandoned'), ...stepColumns('expired')];

/** Counts, into a per-step count's columns, of the rows whose rank `rank` is at `step` or beyond. */
const reachedColumns = (rank: string, prefix: string) =>
  stepColumns(prefix).map((column, i) => `count(*) FILTER (WHERE ${rank} >= ${i + 1}) AS ${column}`);

/** The groups a fact counts in: all, and each dimension, with 'UNKNOWN' where the dimension is not known yet. */
const GROUPS = (offer: string, country: string, region: string, partner: string) => `CROSS JOIN LATERAL (VALUES
    ('ALL', ''), ('OFFER', coalesce(${offer}, 'UNKNOWN')), ('COUNTRY', coalesce(${country}, 'UNKNOWN')),
    ('REGION', coalesce(${region}, 'UNKNOWN')), ('PARTNER_ORG', coalesce(${partner}::text, 'UNKNOWN'))) g(dim, value)`;

/**
 * An order's dimensions: its offer, and the country, region and partner org of the customer org it was mapped to,
 * or, before that, of the trial org it must land on.
 */
const ORDER_DIMENSIONS = `
  SELECT o.*, coalesce(c.country_code, t.country_code) AS country, coalesce(c.data_residency_region, t.data_residency_region) AS region,
    coalesce(o.partner_org_id, c.partner_org_id, t.partner_org_id) AS partner
  FROM orders o
  LEFT JOIN customer_org c ON c.id = o.customer_org_id
  LEFT JOIN customer_org t ON t.id = o.trial_customer_org_id`;

const utcDay = (column: string) => `(${column} AT TIME ZONE 'UTC')::date`;

/** Cases opened on the days in $1 (all days when null), and cases resolved on them: each once per day it counts on. */
const CASES_COUNTED = `
    WITH cases AS (
      SELECT k.*, d.offer_code, d.country, d.region, d.partner FROM support_case k JOIN (${ORDER_DIMENSIONS}) d ON d.id = k.order_id
      WHERE $1::date[] IS NULL OR ${utcDay('k.created_at')} = ANY ($1::date[]) OR ${utcDay('k.resolved_at')} = ANY ($1::date[])
    ),
    counted AS (
      SELECT ${utcDay('k.created_at')} AS day, k.*, 1 AS opened, 0 AS resolved FROM cases k
      WHERE $1::date[] IS NULL OR ${utcDay('k.created_at')} = ANY ($1::date[])
      UNION ALL
      SELECT ${utcDay('k.resolved_at')}, k.*, 0, 1 FROM cases k
      WHERE k.resolved_at IS NOT NULL AND ($1::date[] IS NULL OR ${utcDay('k.resolved_at')} = ANY ($1::date[]))
    )`;

/**
 * For each rollup table, the SELECT of its DAY rows for the days in $1 (a date[]), or for every day when $1 is null:
 * dim, grain, day, value, then the table's keys and counts in their order (Rollup).
 */
const DAY_ROWS: Record<string, string> = {
  // Orders by the day they were booked: how far each got, counted once per order, and its sessions by the step each
  // reached; the reminders each was sent (SETUP_REMINDER emails) and whether it was mapped after the first.
  metric_funnel: `
    WITH booked AS (
      SELECT d.id, ${utcDay('d.created_at')} AS day, d.offer_code, d.country, d.region, d.partner,
        d.setup_email_sent_at IS NOT NULL AS emailed, d.mapped_at IS NOT NULL AS mapped,
        rm.sent AS reminders, rm.sent > 0 AND d.mapped_at > rm.first_at AS mapped_after_reminder
      FROM (${ORDER_DIMENSIONS}) d
      CROSS JOIN LATERAL (
        SELECT count(*) AS sent, min(e.created_at) AS first_at FROM outbox_email e WHERE e.order_id = d.id AND e.kind = 'SETUP_REMINDER'
      ) rm
      WHERE $1::date[] IS NULL OR ${utcDay('d.created_at')} = ANY ($1::date[])
    ),
    sessions AS (
      SELECT s.order_id, metric_step_rank(s.furthest_step) AS rank FROM provisioning_session s JOIN booked b ON b.id = s.order_id
    ),
    reached AS (
      SELECT b.*, coalesce(r.rank, 0) AS rank, o.order_id IS NOT NULL AS opened
      FROM booked b
      LEFT JOIN (SELECT order_id, max(rank) AS rank FROM sessions GROUP BY order_id) r ON r.order_id = b.id
      LEFT JOIN (SELECT DISTINCT l.order_id FROM setup_link l JOIN booked b ON b.id = l.order_id WHERE l.first_opened_at IS NOT NULL) o
        ON o.order_id = b.id
    ),
    by_order AS (
      SELECT g.dim, r.day, g.value, count(*) AS orders_booked, count(*) FILTER (WHERE r.emailed) AS setup_emails_sent,
        count(*) FILTER (WHERE r.opened) AS links_opened, ${reachedColumns('r.rank', 'orders_reached').join(', ')},
        count(*) FILTER (WHERE r.mapped) AS orders_mapped, count(*) FILTER (WHERE r.reminders > 0) AS orders_reminded,
        coalesce(sum(r.reminders), 0) AS reminders_sent, count(*) FILTER (WHERE r.mapped_after_reminder) AS orders_mapped_after_reminder
      FROM reached r ${GROUPS('r.offer_code', 'r.country', 'r.region', 'r.partner')}
      GROUP BY g.dim, r.day, g.value
    ),
    by_session AS (
      SELECT g.dim, b.day, g.value, ${reachedColumns('s.rank', 'sessions_reached').join(', ')}
      FROM sessions s JOIN booked b ON b.id = s.order_id ${GROUPS('b.offer_code', 'b.country', 'b.region', 'b.partner')}
      GROUP BY g.dim, b.day, g.value
    )
    SELECT o.dim, 'DAY', o.day, o.value, o.orders_booked, o.setup_emails_sent, o.links_opened, o.orders_mapped,
      o.orders_reminded, o.reminders_sent, o.orders_mapped_after_reminder,
      ${stepColumns('orders_reached')
        .map((c) => `o.${c}`)
        .join(', ')}, ${stepColumns('sessions_reached')
        .map((c) => `coalesce(s.${c}, 0)`)
        .join(', ')}
    FROM by_order o LEFT JOIN by_session s USING (dim, day, value)`,

  // Sessions that ended ABANDONED or EXPIRED, by the day they ended and the furthest step they reached (ROLE to CONFIRM).
  metric_drop_off: `
    SELECT g.dim, 'DAY', ${utcDay('s.finished_at')}, g.value, ${(['ABANDONED', 'EXPIRED'] as const)
      .flatMap((status) =>
        FUNNEL_STEPS.map((_, i) => `count(*) FILTER (WHERE s.status = '${status}' AND metric_step_rank(s.furthest_step) = ${i + 1})`),
      )
      .join(', ')}
    FROM provisioning_session s JOIN (${ORDER_DIMENSIONS}) d ON d.id = s.order_id
      ${GROUPS('d.offer_code', 'd.country', 'd.region', 'd.partner')}
    WHERE s.status IN ('ABANDONED', 'EXPIRED') AND metric_step_rank(s.furthest_step) <= ${FUNNEL_STEPS.length}
      AND ($1::date[] IS NULL OR ${utcDay('s.finished_at')} = ANY ($1::date[]))
    GROUP BY 1, 2, 3, 4`,

  // Mapped orders by the day they were mapped: from the latest Set up now email, and from the first opening of a link.
  metric_duration: `
    WITH mapped_orders AS (
      SELECT d.* FROM (${ORDER_DIMENSIONS}) d
      WHERE d.mapped_at IS NOT NULL AND ($1::date[] IS NULL OR ${utcDay('d.mapped_at')} = ANY ($1::date[]))
    ),
    mapped AS (
      SELECT m.*, f.first_opened_at FROM mapped_orders m
      LEFT JOIN (
        SELECT l.order_id, min(l.first_opened_at) AS first_opened_at FROM setup_link l JOIN mapped_orders m ON m.id = l.order_id GROUP BY l.order_id
      ) f ON f.order_id = m.id
    ),
    measured AS (
      SELECT m.*, x.measure, metric_duration_bucket(extract(epoch FROM m.mapped_at - x.since)) AS bucket
      FROM mapped m CROSS JOIN LATERAL (VALUES ('EMAIL_TO_MAPPING', m.setup_email_sent_at), ('FIRST_OPENING_TO_MAPPING', m.first_opened_at)) x(measure, since)
      WHERE x.since IS NOT NULL
    )
    SELECT g.dim, 'DAY', ${utcDay('m.mapped_at')}, g.value, m.measure, m.bucket, count(*)
    FROM measured m ${GROUPS('m.offer_code', 'm.country', 'm.region', 'm.partner')}
    GROUP BY 1, 2, 3, 4, 5, 6`,

  // Trials by the day they started: whether each has lapsed, been extended, been converted (so far).
  metric_trial: `
    SELECT g.dim, 'DAY', ${utcDay('c.trial_started_at')}, g.value, count(*), count(*) FILTER (WHERE c.trial_expired_at IS NOT NULL),
      count(*) FILTER (WHERE c.trial_extension_count > 0), count(*) FILTER (WHERE c.trial_status = 'CONVERTED')
    FROM customer_org c
      LEFT JOIN LATERAL (SELECT min(o.offer_code) AS offer_code FROM orders o WHERE o.trial_customer_org_id = c.id AND o.status = 'MAPPED') conv ON true
      ${GROUPS('conv.offer_code', 'c.country_code', 'c.data_residency_region', 'c.partner_org_id')}
    WHERE c.trial_started_at IS NOT NULL AND ($1::date[] IS NULL OR ${utcDay('c.trial_started_at')} = ANY ($1::date[]))
    GROUP BY 1, 2, 3, 4`,

  // Cases opened on a day and cases resolved on a day, by kind; and how long the resolved ones took.
  metric_case: `
    ${CASES_COUNTED}
    SELECT g.dim, 'DAY', k.day, g.value, k.kind, sum(k.opened), sum(k.resolved)
    FROM counted k ${GROUPS('k.offer_code', 'k.country', 'k.region', 'k.partner')}
    GROUP BY 1, 2, 3, 4, 5`,
  metric_case_resolution: `
    ${CASES_COUNTED}
    SELECT g.dim, 'DAY', k.day, g.value, k.kind, metric_duration_bucket(extract(epoch FROM k.resolved_at - k.created_at)), count(*)
    FROM counted k ${GROUPS('k.offer_code', 'k.country', 'k.region', 'k.partner')}
    WHERE k.resolved = 1
    GROUP BY 1, 2, 3, 4, 5, 6`,
};

/** A rollup table: the columns that tell its rows apart besides (dim, grain, day, value), and the counts it sums. */
interface Rollup {
  table: string;
  keys: string[];
  counts: string[];
  /**
   * For a table of histograms (keys [part, 'bucket'], one count): the table holding them packed, a row per
   * period, group and part, which the metrics read (server/metrics/histogram.ts).
   */
  packed?: string;
}

const ROLLUPS: Record<Family, Rollup[]> = {
  FUNNEL: [
    {
      table: 'metric_funnel',
      keys: [],
      counts: [
        'orders_booked',
        'setup_emails_sent',
        'links_opened',
        'orders_mapped',
        'orders_reminded',
        'reminders_sent',
        'orders_mapped_after_reminder',
        ...stepColumns('orders_reached'),
        ...stepColumns('sessions_reached'),
      ],
    },
  ],
  DROP_OFF: [{ table: 'metric_drop_off', keys: [], counts: DROP_OFF_COUNTS }],
  DURATION: [{ table: 'metric_duration', keys: ['measure', 'bucket'], counts: ['orders'], packed: 'metric_duration_histogram' }],
  TRIAL: [{ table: 'metric_trial', keys: [], counts: ['started', 'expired', 'extended', 'converted'] }],
  CASE: [
    { table: 'metric_case', keys: ['kind'], counts: ['opened', 'resolved'] },
    { table: 'metric_case_resolution', keys: ['kind', 'bucket'], counts: ['cases'], packed: 'metric_case_resolution_histogram' },
  ],
};

export const ROLLUP_TABLES = Object.values(ROLLUPS)
  .flat()
  .flatMap(({ table, packed }) => (packed ? [table, packed] : [table]));

/** Weeks start on Monday (ISO 8601), months on their first day; both named by that day. */
const PERIOD_START = {
  WEEK: (day = 'day') => `date_trunc('week', ${day}::timestamp)::date`,
  MONTH: (day = 'day') => `date_trunc('month', ${day}::timestamp)::date`,
};

/** VALUES rows (grain, start) of the week and the month holding the date `day` (an SQL expression). */
const periodsHolding = (day: string) => `('WEEK', ${PERIOD_START.WEEK(day)}), ('MONTH', ${PERIOD_START.MONTH(day)})`;

/** Sums a table's DAY rows into all of its WEEK and MONTH rows: the rebuild. */
async function rollUpAllPeriods(sql: Sql, { table, keys, counts }: Rollup): Promise<void> {
  const sums = counts.map((c) => `sum(${c})::int`);
  const columns = ['dim', 'grain', 'day', 'value', ...keys, ...counts].join(', ');
  for (const grain of ['WEEK', 'MONTH'] as const) {
    await sql.query(`DELETE FROM ${table} WHERE grain = $1`, [grain]);
    await sql.query(
      `INSERT INTO ${table} (${columns})
       SELECT dim, $1, ${PERIOD_START[grain]()}, value, ${[...keys, ...sums].join(', ')} FROM ${table}
       WHERE grain = 'DAY' GROUP BY dim, 3, value${keys.map((k) => `, ${k}`).join('')}`,
      [grain],
    );
  }
}

/** A histogram a refresh changed: the group, day and part (a measure, a case kind) of DAY rows it changed. */
interface ChangedHistogram {
  dim: string;
  day: string;
  value: string;
  part: string;
}

/**
 * Brings a table's DAY rows for the given days to what the facts say now, and the WEEK and MONTH rows holding them
 * by the same differences, writing only the rows whose counts changed: at a million orders a day holds thousands of
 * groups, of which a second of the wizard's passes changes a handful (taking every row of the day out of its week
 * and month and putting it back cost a second a refresh). A period whose counts all come to zero is deleted, as one
 * that never had a day would not exist. For a histogram table, returns the histograms it changed (none otherwise).
 */
async function refreshDays(sql: Sql, rollup: Rollup, days: string[]): Promise<ChangedHistogram[]> {
  const { table, keys, counts } = rollup;
  const key = ['dim', 'grain', 'day', 'value', ...keys];
  const columns = [...key, ...counts];
  const part = isPacked(rollup) ? histogramColumns(rollup).part : null;
  const rows: { emptied: boolean; dim: string; grain: string; day: string; value: string; keys: unknown[] }[] = await sql.query(
    `WITH fresh (${columns.join(', ')}) AS (${DAY_ROWS[table]}),
     kept AS (SELECT ${columns.join(', ')} FROM ${table} WHERE grain = 'DAY' AND day = ANY ($1::date[])),
     changed AS (
       SELECT ${key.join(', ')}, f.grain IS NULL AS gone,
         ${counts.map((c) => `coalesce(f.${c}, 0) AS ${c}, coalesce(f.${c}, 0) - coalesce(k.${c}, 0) AS ${c}_change`).join(', ')}
       FROM fresh f FULL JOIN kept k USING (${key.join(', ')})
       WHERE (${counts.map((c) => `f.${c}`).join(', ')}) IS DISTINCT FROM (${counts.map((c) => `k.${c}`).join(', ')})
     ),
     day_rows AS (
       INSERT INTO ${table} (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM changed WHERE NOT gone
       ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${counts.map((c) => `${c} = excluded.${c}`).join(', ')}
     ),
     gone_day_rows AS (
       DELETE FROM ${table} t USING changed c
       WHERE c.gone AND (${key.map((k) => `t.${k}`).join(', ')}) = (${key.map((k) => `c.${k}`).join(', ')})
     ),
     periods AS (
       INSERT INTO ${table} (${columns.join(', ')})
       SELECT c.dim, p.grain, p.start, c.value, ${[...keys.map((k) => `c.${k}`), ...counts.map((c) => `sum(c.${c}_change)::int`)].join(', ')}
       FROM changed c CROSS JOIN LATERAL (VALUES ${periodsHolding('c.day')}) p(grain, start)
       GROUP BY c.dim, p.grain, p.start, c.value${keys.map((k) => `, c.${k}`).join('')}
       ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${counts.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', ')}
       RETURNING ${key.join(', ')}, ${counts.map((c) => `${c} = 0`).join(' AND ')} AS emptied
     )
     SELECT true AS emptied, dim, grain, day::text, value, ARRAY[${keys.map((k) => `${k}::text`).join(', ') || "''"}] AS keys
     FROM periods WHERE emptied
     ${part ? `UNION ALL SELECT DISTINCT false, dim, grain, day::text, value, ARRAY[${part}] FROM changed` : ''}`,
    [days],
  );
  const emptied = rows.filter((row) => row.emptied);
  if (emptied.length > 0) {
    await sql.query(
      `DELETE FROM ${table} t USING unnest($1::text[], $2::text[], $3::date[], $4::text[]${keys.map((_, i) => `, $${i + 5}::text[]`).join('')})
         e(${key.join(', ')})
       WHERE (${key.map((k) => (keys.includes(k) ? `t.${k}::text` : `t.${k}`)).join(', ')}) = (${key.map((k) => `e.${k}`).join(', ')})
         AND ${counts.map((c) => `t.${c} = 0`).join(' AND ')}`,
      [
        ...(['dim', 'grain', 'day', 'value'] as const).map((column) => emptied.map((row) => row[column])),
        ...keys.map((_, i) => emptied.map((row) => String(row.keys[i]))),
      ],
    );
  }
  return rows
    .filter((row) => !row.emptied)
    .map(({ dim, day, value, keys: [changedPart] }) => ({ dim, day, value, part: String(changedPart) }));
}

/** A histogram rollup's columns: the part its histograms are of (a measure, a case kind) and its count. */
function histogramColumns({ keys, counts }: Rollup): { part: string; count: string } {
  return { part: keys[0], count: counts[0] };
}

/** An aggregate packing a histogram table's rows (of alias `r`, when given) into cells (server/metrics/histogram.ts). */
const packedCells = (count: string, r = '') => `string_agg(metric_histogram_cell(${r}bucket, ${r}${count}), ''::bytea ORDER BY ${r}bucket)`;

/** Packs every row of a histogram table: the rebuild. */
async function repackAll(sql: Sql, rollup: Rollup & { packed: string }): Promise<void> {
  const { part, count } = histogramColumns(rollup);
  await sql.query(`DELETE FROM ${rollup.packed}`);
  await sql.query(
    `INSERT INTO ${rollup.packed} (dim, grain, day, value, ${part}, cells)
     SELECT dim, grain, day, value, ${part}, ${packedCells(count)} FROM ${rollup.table} WHERE ${count} > 0
     GROUP BY dim, grain, day, value, ${part}`,
  );
}

/**
 * Repacks the histograms a refresh changed: each group and part's for its day, week and month.
 */
async function repackChanged(sql: Sql, rollup: Rollup & { packed: string }, changed: ChangedHistogram[]): Promise<void> {
  if (changed.length === 0) return;
  const { table, packed } = rollup;
  const { part, count } = histogramColumns(rollup);
  const targets = `
    WITH targets AS (
      SELECT DISTINCT c.dim, p.grain, p.day, c.value, c.part
      FROM unnest($1::text[], $2::date[], $3::text[], $4::text[]) c(dim, day, value, part)
      CROSS JOIN LATERAL (VALUES ('DAY', c.day), ${periodsHolding('c.day')}) p(grain, day)
    )`;
  const parameters = (['dim', 'day', 'value', 'part'] as const).map((column) => changed.map((row) => row[column]));
  await sql.query(
    `${targets}
     DELETE FROM ${packed} h USING targets t
     WHERE (h.dim, h.grain, h.day, h.value, h.${part}) = (t.dim, t.grain, t.day, t.value, t.part)`,
    parameters,
  );
  await sql.query(
    `${targets}
     INSERT INTO ${packed} (dim, grain, day, value, ${part}, cells)
     SELECT r.dim, r.grain, r.day, r.value, r.${part}, ${packedCells(count, 'r.')}
     FROM ${table} r JOIN targets t ON (r.dim, r.grain, r.day, r.value, r.${part}) = (t.dim, t.grain, t.day, t.value, t.part)
     WHERE r.${count} > 0
     GROUP BY r.dim, r.grain, r.day, r.value, r.${part}`,
    parameters,
  );
}

const isPacked = (rollup: Rollup): rollup is Rollup & { packed: string } => rollup.packed !== undefined;

/** Anything that runs SQL: a pg client, or a TypeORM data source or query runner. */
export interface Sql {
  query(sql: string, parameters?: unknown[]): Promise<any>;
}

/** Recomputes one family's rollup rows for the given days and the weeks and months holding them (everything when null). */
async function recompute(sql: Sql, family: Family, days: string[] | null): Promise<void> {
  if (days === null) {
    for (const { table, keys, counts } of ROLLUPS[family]) {
      const columns = ['dim', 'grain', 'day', 'value', ...keys, ...counts];
      await sql.query(`DELETE FROM ${table}`);
      await sql.query(`INSERT INTO ${table} (${columns.join(', ')}) ${DAY_ROWS[table]}`, [null]);
    }
    for (const rollup of ROLLUPS[family]) await rollUpAllPeriods(sql, rollup);
    for (const rollup of ROLLUPS[family].filter(isPacked)) await repackAll(sql, rollup);
    return;
  }
  for (const rollup of ROLLUPS[family]) {
    const changed = await refreshDays(sql, rollup, days);
    if (isPacked(rollup)) await repackChanged(sql, rollup, changed);
  }
}

/** One process at a time refreshes; the others skip their turn rather than queue behind it. */
const REFRESH_LOCK = 'metric rollup refresh';

/**
 * Recomputes the days the triggers marked stale, in one transaction. Returns how many (family, day) pairs were
 * refreshed, or null when another process holds the refresh.
 */
export async function refreshMetrics(db: DataSource): Promise<number | null> {
  return db.transaction(async (m) => {
    const [{ locked }] = await m.query(`SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || $1)) AS locked`, [REFRESH_LOCK]);
    if (!locked) return null;
    // A refresh reads the facts of a few recent days, found by index and in memory. At the default cost of a random
    // read (4) the planner read the day's few thousand orders' orgs and links by scanning the whole tables instead
    // (customer_org, setup_link: 1.3 s against 0.2 s a refresh at a million orders).
    await m.query('SET LOCAL random_page_cost = 1.1');
    const stale: { family: Family; days: string[] }[] = await m.query(
      `WITH taken AS (DELETE FROM metric_stale_day RETURNING family, day)
       SELECT family, array_agg(DISTINCT day ORDER BY day)::text[] AS days FROM taken GROUP BY family`,
    );
    for (const { family, days } of stale) await recompute(m, family, days);
    return stale.reduce((sum, { days }) => sum + days.length, 0);
  });
}

/** Recomputes every rollup from the facts: after a bulk load that skipped the triggers. */
export async function rebuildMetrics(client: ClientBase | Sql): Promise<void> {
  const sql = client as Sql;
  await sql.query('DELETE FROM metric_stale_day');
  for (const family of FAMILIES) await recompute(sql, family, null);
  for (const table of ROLLUP_TABLES) await sql.query(`ANALYZE ${table}`);
}
