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

/** For each family, the statement that inserts its rollup rows for the days in $1 (a date[]), or for every day when $1 is null. */
const RECOMPUTE: Record<Family, string> = {
  // Orders by the day they were booked: how far each got, counted once per order, and its sessions by the step each
  // reached; the reminders each was sent (SETUP_REMINDER emails) and whether it was mapped after the first.
  FUNNEL: `
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
    INSERT INTO metric_funnel (dim, grain, day, value, orders_booked, setup_emails_sent, links_opened, orders_mapped,
      orders_reminded, reminders_sent, orders_mapped_after_reminder,
      ${stepColumns('orders_reached').join(', ')}, ${stepColumns('sessions_reached').join(', ')})
    SELECT o.dim, 'DAY', o.day, o.value, o.orders_booked, o.setup_emails_sent, o.links_opened, o.orders_mapped,
      o.orders_reminded, o.reminders_sent, o.orders_mapped_after_reminder,
      ${stepColumns('orders_reached')
        .map((c) => `o.${c}`)
        .join(', ')}, ${stepColumns('sessions_reached')
        .map((c) => `coalesce(s.${c}, 0)`)
        .join(', ')}
    FROM by_order o LEFT JOIN by_session s USING (dim, day, value)`,

  // Sessions that ended ABANDONED or EXPIRED, by the day they ended and the furthest step they reached (ROLE to CONFIRM).
  DROP_OFF: `
    INSERT INTO metric_drop_off (dim, grain, day, value, ${DROP_OFF_COUNTS.join(', ')})
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
  DURATION: `
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
    INSERT INTO metric_duration (dim, grain, day, value, measure, bucket, orders)
    SELECT g.dim, 'DAY', ${utcDay('m.mapped_at')}, g.value, m.measure, m.bucket, count(*)
    FROM measured m ${GROUPS('m.offer_code', 'm.country', 'm.region', 'm.partner')}
    GROUP BY 1, 2, 3, 4, 5, 6`,

  // Trials by the day they started: whether each has lapsed, been extended, been converted (so far).
  TRIAL: `
    INSERT INTO metric_trial (dim, grain, day, value, started, expired, extended, converted)
    SELECT g.dim, 'DAY', ${utcDay('c.trial_started_at')}, g.value, count(*), count(*) FILTER (WHERE c.trial_expired_at IS NOT NULL),
      count(*) FILTER (WHERE c.trial_extension_count > 0), count(*) FILTER (WHERE c.trial_status = 'CONVERTED')
    FROM customer_org c
      LEFT JOIN LATERAL (SELECT min(o.offer_code) AS offer_code FROM orders o WHERE o.trial_customer_org_id = c.id AND o.status = 'MAPPED') conv ON true
      ${GROUPS('conv.offer_code', 'c.country_code', 'c.data_residency_region', 'c.partner_org_id')}
    WHERE c.trial_started_at IS NOT NULL AND ($1::date[] IS NULL OR ${utcDay('c.trial_started_at')} = ANY ($1::date[]))
    GROUP BY 1, 2, 3, 4`,

  // Cases opened on a day and cases resolved on a day, by kind; and how long the resolved ones took.
  CASE: `
    WITH cases AS (
      SELECT k.*, d.offer_code, d.country, d.region, d.partner FROM support_case k JOIN (${ORDER_DIMENSIONS}) d ON d.id = k.order_id
    ),
    counted AS (
      SELECT ${utcDay('k.created_at')} AS day, k.*, 1 AS opened, 0 AS resolved FROM cases k
      WHERE $1::date[] IS NULL OR ${utcDay('k.created_at')} = ANY ($1::date[])
      UNION ALL
      SELECT ${utcDay('k.resolved_at')}, k.*, 0, 1 FROM cases k
      WHERE k.resolved_at IS NOT NULL AND ($1::date[] IS NULL OR ${utcDay('k.resolved_at')} = ANY ($1::date[]))
    ),
    opened_and_resolved AS (
      INSERT INTO metric_case (dim, grain, day, value, kind, opened, resolved)
      SELECT g.dim, 'DAY', k.day, g.value, k.kind, sum(k.opened), sum(k.resolved)
      FROM counted k ${GROUPS('k.offer_code', 'k.country', 'k.region', 'k.partner')}
      GROUP BY 1, 2, 3, 4, 5
    )
    INSERT INTO metric_case_resolution (dim, grain, day, value, kind, bucket, cases)
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

/**
 * Adds a table's DAY rows for the given days, times `sign` (1 or -1), to the WEEK and MONTH rows holding them. The
 * refresh takes the old DAY rows out of their periods before recomputing them and puts the new ones in after, so a
 * period follows its days by their differences, without reading the rest of the month.
 */
async function addToPeriods(sql: Sql, { table, keys, counts }: Rollup, days: string[], sign: 1 | -1): Promise<void> {
  const columns = ['dim', 'grain', 'day', 'value', ...keys, ...counts];
  const sums = counts.map((c) => `${sign} * sum(${c})::int`);
  const updates = counts.map((c) => `${c} = ${table}.${c} + excluded.${c}`);
  const key = ['dim', 'grain', 'day', 'value', ...keys];
  await sql.query(
    `INSERT INTO ${table} (${columns.join(', ')})
     SELECT r.dim, p.grain, p.start, r.value, ${[...keys.map((k) => `r.${k}`), ...sums].join(', ')}
     FROM ${table} r
     CROSS JOIN LATERAL (VALUES ${periodsHolding('r.day')}) p(grain, start)
     WHERE r.grain = 'DAY' AND r.day = ANY ($1::date[])
     GROUP BY r.dim, p.grain, p.start, r.value${keys.map((k) => `, r.${k}`).join('')}
     ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${updates.join(', ')}`,
    [days],
  );
  if (sign === 1) {
    // Periods whose days were all taken out: every count at zero.
    await sql.query(
      `DELETE FROM ${table} WHERE grain IN ('WEEK', 'MONTH')
         AND day IN (SELECT ${PERIOD_START.WEEK()} FROM unnest($1::date[]) d(day) UNION SELECT ${PERIOD_START.MONTH()} FROM unnest($1::date[]) d(day))
         AND ${counts.map((c) => `${c} = 0`).join(' AND ')}`,
      [days],
    );
  }
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
 * Repacks, after a refresh of `days`, the histograms that changed: the groups and parts whose DAY histogram on one
 * of those days now packs differently from what the packed table holds, each for its day, week and month. A refresh
 * under the wizard's load touches a handful, not the hundreds of groups active that day.
 */
async function repackChanged(sql: Sql, rollup: Rollup & { packed: string }, days: string[]): Promise<void> {
  const { table, packed } = rollup;
  const { part, count } = histogramColumns(rollup);
  const changed: { dim: string; day: string; value: string; part: string }[] = await sql.query(
    `WITH fresh AS (
       SELECT dim, day, value, ${part}, ${packedCells(count)} AS cells FROM ${table}
       WHERE grain = 'DAY' AND day = ANY ($1::date[]) AND ${count} > 0 GROUP BY dim, day, value, ${part}
     ),
     kept AS (SELECT dim, day, value, ${part}, cells FROM ${packed} WHERE grain = 'DAY' AND day = ANY ($1::date[]))
     SELECT dim, day::text, value, ${part} AS part FROM fresh f FULL JOIN kept k USING (dim, day, value, ${part})
     WHERE f.cells IS DISTINCT FROM k.cells`,
    [days],
  );
  if (changed.length === 0) return;
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
    for (const { table } of ROLLUPS[family]) await sql.query(`DELETE FROM ${table}`);
    await sql.query(RECOMPUTE[family], [null]);
    for (const rollup of ROLLUPS[family]) await rollUpAllPeriods(sql, rollup);
    for (const rollup of ROLLUPS[family].filter(isPacked)) await repackAll(sql, rollup);
    return;
  }
  for (const rollup of ROLLUPS[family]) {
    await addToPeriods(sql, rollup, days, -1);
    await sql.query(`DELETE FROM ${rollup.table} WHERE grain = 'DAY' AND day = ANY ($1::date[])`, [days]);
  }
  await sql.query(RECOMPUTE[family], [days]);
  for (const rollup of ROLLUPS[family]) await addToPeriods(sql, rollup, days, 1);
  for (const rollup of ROLLUPS[family].filter(isPacked)) await repackChanged(sql, rollup, days);
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
