/**
 * Each onboarding metric asked of the raw tables in one plain SQL statement, without the rollups: what the property
 * test compares the API with, and the baseline of `npm run bench:metrics`. The results are normalized so that the
 * API's answer (see normalize*) compares with them directly: groups by key, all-zero periods left out. Grouped by a
 * dimension, each statement ranks the groups as the API does (by the metric's headline count, ties by label, then
 * key, in code point order), keeps the first `top` and computes the rest's rows as one group, OTHERS.
 */
import type { ClientBase } from 'pg';

export type Grouping = 'WEEK' | 'MONTH' | 'QUARTER' | 'COUNTRY' | 'REGION' | 'OFFER' | 'PARTNER_ORG';
export const GROUPINGS: Grouping[] = ['WEEK', 'MONTH', 'QUARTER', 'COUNTRY', 'REGION', 'OFFER', 'PARTNER_ORG'];
export const PERIODS: Grouping[] = ['WEEK', 'MONTH', 'QUARTER'];
/** The API's `top` when none is given. */
export const DEFAULT_TOP = 25;
export interface Range {
  from: string;
  to: string;
}

const STEPS = ['ROLE', 'SETUP_PERFORMER', 'PARTNER_ORG', 'CUSTOMER_ADMIN', 'CUSTOMER_COMPANY', 'CUSTOMER_ORG', 'CONFIRM'];

/** The group key of a raw row, from its day and its dimensions (columns country, region, partner, offer). */
function key(grouping: Grouping, day: string): string {
  switch (grouping) {
    case 'WEEK':
      return `to_char(date_trunc('week', ${day}), 'YYYY-MM-DD')`;
    case 'MONTH':
      return `to_char(${day}, 'YYYY-MM')`;
    case 'QUARTER':
      return `to_char(${day}, 'YYYY-"Q"Q')`;
    case 'COUNTRY':
      return `coalesce(x.country, 'UNKNOWN')`;
    case 'REGION':
      return `coalesce(x.region, 'UNKNOWN')`;
    case 'OFFER':
      return `coalesce(x.offer, 'UNKNOWN')`;
    case 'PARTNER_ORG':
      return `coalesce(x.partner::text, 'UNKNOWN')`;
  }
}

/** An order with the dimensions it counts under: mapped org first, else the trial org it must land on. */
const ORDERS = `
  SELECT o.*, o.offer_code AS offer,
    CASE WHEN o.customer_org_id IS NOT NULL THEN mc.country_code ELSE tc.country_code END AS country,
    CASE WHEN o.customer_org_id IS NOT NULL THEN mc.data_residency_region ELSE tc.data_residency_region END AS region,
    CASE WHEN o.partner_org_id IS NOT NULL THEN o.partner_org_id WHEN o.customer_org_id IS NOT NULL THEN mc.partner_org_id
      ELSE tc.partner_org_id END AS partner
  FROM orders o
  LEFT JOIN customer_org mc ON mc.id = o.customer_org_id
  LEFT JOIN customer_org tc ON tc.id = o.trial_customer_org_id`;

const day = (column: string) => `(${column} AT TIME ZONE 'UTC')::date`;

const REGION_NAMES: Record<string, string> = {
  us1: 'North America',
  ca1: 'Canada',
  eu1: 'United Kingdom',
  eu2: 'European Union and EMEA',
  anz1: 'Australia and New Zealand',
  jp1: 'Japan',
  sg1: 'Singapore and Asia-Pacific',
  in1: 'India',
};

/** A dimension group's label, as people see it, from its key `k`: the name of the country or partner org or region. */
function label(grouping: Grouping, k: string): string {
  const named =
    grouping === 'COUNTRY'
      ? `(SELECT c.name FROM supported_country c WHERE c.code = ${k})`
      : grouping === 'PARTNER_ORG'
        ? `(SELECT p.name FROM partner_org p WHERE p.id::text = ${k})`
        : grouping === 'REGION'
          ? `(VALUES ${Object.entries(REGION_NAMES)
              .map(([code, name]) => `('${code}', '${name}')`)
              .join(', ')}) r(code, name) WHERE r.code = ${k}`
          : null;
  const name = grouping === 'REGION' ? `(SELECT r.name FROM ${named})` : named;
  return `CASE WHEN ${k} = 'UNKNOWN' THEN 'Not known yet' ELSE ${name ? `coalesce(${name}, ${k})` : k} END`;
}

/**
 * The body of a CTE `ranks (raw_key, key)`: each group key of `headlines` (rows of raw_key and headline) to itself,
 * or, grouped by a dimension and past the first `top` by headline (ties by label, then key), to OTHERS.
 */
function ranks(grouping: Grouping, top: number, headlines: string): string {
  if (PERIODS.includes(grouping)) return `SELECT raw_key, raw_key AS key FROM (${headlines}) h`;
  return `SELECT raw_key, CASE WHEN row_number() OVER (
      ORDER BY headline DESC, ${label(grouping, 'raw_key')} COLLATE "C", raw_key COLLATE "C") <= ${top} THEN raw_key ELSE 'OTHERS' END AS key
    FROM (${headlines}) h`;
}

export async function plainFunnel(client: ClientBase, range: Range, grouping: Grouping, top = DEFAULT_TOP) {
  const reached = STEPS.map((step, i) => `count(*) FILTER (WHERE r.furthest >= ${i + 1})::int`).join(', ');
  const sessions = STEPS.map((step, i) => `coalesce(sum(r.sessions[${i + 1}]), 0)::int`).join(', ');
  const { rows } = await client.query(
    `WITH r AS (
       SELECT x.*, ${key(grouping, day('x.created_at'))} AS raw_key, s.furthest, s.sessions,
         (SELECT count(*) FROM outbox_email e WHERE e.order_id = x.id AND e.kind = 'SETUP_REMINDER') AS reminders,
         (SELECT min(e.created_at) FROM outbox_email e WHERE e.order_id = x.id AND e.kind = 'SETUP_REMINDER') AS first_reminder_at
       FROM (${ORDERS}) x
       CROSS JOIN LATERAL (
         SELECT coalesce(max(metric_step_rank(s.furthest_step)), 0) AS furthest,
           ARRAY[${STEPS.map((step, i) => `count(*) FILTER (WHERE metric_step_rank(s.furthest_step) >= ${i + 1})`).join(', ')}] AS sessions
         FROM provisioning_session s WHERE s.order_id = x.id
       ) s
       WHERE ${day('x.created_at')} BETWEEN $1 AND $2
     ), ranks AS (${ranks(grouping, top, 'SELECT raw_key, count(*) AS headline FROM r GROUP BY raw_key')})
     SELECT k.key, count(*)::int AS booked, count(r.setup_email_sent_at)::int AS emailed,
       count(*) FILTER (WHERE EXISTS (SELECT FROM setup_link l WHERE l.order_id = r.id AND l.first_opened_at IS NOT NULL))::int AS opened,
       ARRAY[${reached}] AS reached, ARRAY[${sessions}] AS sessions, count(r.mapped_at)::int AS mapped,
       count(*) FILTER (WHERE r.reminders > 0)::int AS reminded, sum(r.reminders)::int AS reminders_sent,
       count(*) FILTER (WHERE r.mapped_at > r.first_reminder_at)::int AS mapped_after_reminder
     FROM r JOIN ranks k USING (raw_key)
     GROUP BY 1 ORDER BY 1`,
    [range.from, range.to],
  );
  return Object.fromEntries(
    rows.map((r) => [
      r.key,
      [r.booked, r.emailed, r.opened, ...r.reached, r.mapped, ...r.sessions, r.reminded, r.reminders_sent, r.mapped_after_reminder],
    ]),
  );
}

export async function plainDropOff(client: ClientBase, range: Range, grouping: Grouping, top = DEFAULT_TOP) {
  const { rows } = await client.query(
    `WITH r AS (
       SELECT s.*, ${key(grouping, day('s.finished_at'))} AS raw_key
       FROM provisioning_session s JOIN (${ORDERS}) x ON x.id = s.order_id
       WHERE s.status IN ('ABANDONED', 'EXPIRED') AND ${day('s.finished_at')} BETWEEN $1 AND $2
     ), ranks AS (${ranks(grouping, top, 'SELECT raw_key, count(*) AS headline FROM r GROUP BY raw_key')})
     SELECT k.key, r.status || ':' || r.furthest_step AS what, count(*)::int AS sessions
     FROM r JOIN ranks k USING (raw_key)
     GROUP BY 1, 2 ORDER BY 1, 2`,
    [range.from, range.to],
  );
  const result: Record<string, Record<string, number>> = {};
  for (const row of rows) (result[row.key] ??= {})[row.what] = row.sessions;
  return result;
}

export async function plainDurations(client: ClientBase, range: Range, grouping: Grouping, top = DEFAULT_TOP) {
  const stats = (since: string) => `count(${since})::int,
    percentile_disc(0.5) WITHIN GROUP (ORDER BY metric_duration_bucket(extract(epoch FROM r.mapped_at - ${since}))),
    percentile_disc(0.9) WITHIN GROUP (ORDER BY metric_duration_bucket(extract(epoch FROM r.mapped_at - ${since})))`;
  const { rows } = await client.query(
    `WITH r AS (
       SELECT x.*, ${key(grouping, day('x.mapped_at'))} AS raw_key, f.first_opened_at
       FROM (${ORDERS}) x
       CROSS JOIN LATERAL (SELECT min(l.first_opened_at) AS first_opened_at FROM setup_link l WHERE l.order_id = x.id) f
       WHERE x.mapped_at IS NOT NULL AND ${day('x.mapped_at')} BETWEEN $1 AND $2
     ), ranks AS (${ranks(grouping, top, 'SELECT raw_key, count(setup_email_sent_at) AS headline FROM r GROUP BY raw_key')})
     SELECT k.key, ARRAY[${stats('r.setup_email_sent_at')}, ${stats('r.first_opened_at')}] AS stats
     FROM r JOIN ranks k USING (raw_key)
     GROUP BY 1 ORDER BY 1`,
    [range.from, range.to],
  );
  return Object.fromEntries(rows.map((r) => [r.key, r.stats]));
}

export async function plainTrials(client: ClientBase, range: Range, grouping: Grouping, top = DEFAULT_TOP) {
  const { rows } = await client.query(
    `WITH r AS (
       SELECT x.*, ${key(grouping, day('x.trial_started_at'))} AS raw_key
       FROM (
         SELECT c.*, c.country_code AS country, c.data_residency_region AS region, c.partner_org_id AS partner,
           (SELECT min(o.offer_code) FROM orders o WHERE o.trial_customer_org_id = c.id AND o.status = 'MAPPED') AS offer
         FROM customer_org c WHERE c.trial_started_at IS NOT NULL
       ) x
       WHERE ${day('x.trial_started_at')} BETWEEN $1 AND $2
     ), ranks AS (${ranks(grouping, top, 'SELECT raw_key, count(*) AS headline FROM r GROUP BY raw_key')})
     SELECT k.key, count(*)::int AS started, count(r.trial_expired_at)::int AS expired,
       count(*) FILTER (WHERE r.trial_extension_count > 0)::int AS extended, count(*) FILTER (WHERE r.trial_status = 'CONVERTED')::int AS converted
     FROM r JOIN ranks k USING (raw_key)
     GROUP BY 1 ORDER BY 1`,
    [range.from, range.to],
  );
  return Object.fromEntries(rows.map((r) => [r.key, [r.started, r.expired, r.extended, r.converted]]));
}

export async function plainCases(client: ClientBase, range: Range, grouping: Grouping, top = DEFAULT_TOP) {
  const cases = `SELECT k.*, x.offer, x.country, x.region, x.partner FROM support_case k JOIN (${ORDERS}) x ON x.id = k.order_id`;
  const resolution = `percentile_disc(0.5) WITHIN GROUP (ORDER BY metric_duration_bucket(extract(epoch FROM y.resolved_at - y.created_at)))`;
  const { rows } = await client.query(
    `WITH opened_cases AS (
       SELECT ${key(grouping, day('x.created_at'))} AS raw_key, x.* FROM (${cases}) x WHERE ${day('x.created_at')} BETWEEN $1 AND $2
     ), resolved_raw AS (
       SELECT ${key(grouping, day('x.resolved_at'))} AS raw_key, x.* FROM (${cases}) x
       WHERE x.resolved_at IS NOT NULL AND ${day('x.resolved_at')} BETWEEN $1 AND $2
     ), ranks AS (${ranks(
       grouping,
       top,
       `SELECT raw_key, sum(opened) AS headline
        FROM (SELECT raw_key, 1 AS opened FROM opened_cases UNION ALL SELECT raw_key, 0 FROM resolved_raw) c GROUP BY raw_key`,
     )}), opened AS (
       SELECT k.key, y.kind, count(*)::int AS n FROM opened_cases y JOIN ranks k USING (raw_key) GROUP BY 1, 2
     ), resolved_cases AS (
       SELECT k.key, y.* FROM resolved_raw y JOIN ranks k USING (raw_key)
     ), resolved AS (
       SELECT y.key, y.kind, count(*)::int AS n, ${resolution} AS median FROM resolved_cases y GROUP BY y.key, y.kind
     )
     SELECT coalesce(o.key, r.key) AS key, coalesce(o.kind, r.kind) AS kind, coalesce(o.n, 0) AS opened, coalesce(r.n, 0) AS resolved, r.median
     FROM opened o FULL JOIN resolved r ON r.key = o.key AND r.kind = o.kind
     UNION ALL
     SELECT y.key, 'ALL', NULL, count(*)::int, ${resolution} FROM resolved_cases y GROUP BY y.key
     ORDER BY 1, 2`,
    [range.from, range.to],
  );
  const result: Record<string, Record<string, unknown[]>> = {};
  for (const row of rows) {
    (result[row.key] ??= {})[row.kind] = row.kind === 'ALL' ? [row.resolved, row.median] : [row.opened, row.resolved, row.median];
  }
  return result;
}

/** The API's answers in the plain statements' shapes. */
export const normalize = {
  funnel(groups: any[]) {
    return Object.fromEntries(
      groups
        .filter((g) => g.stages[0].orders > 0)
        .map((g) => [
          g.group.key,
          [
            ...g.stages.map((s: any) => s.orders),
            ...g.stages.filter((s: any) => s.sessions !== null).map((s: any) => s.sessions),
            g.reminders.ordersReminded,
            g.reminders.remindersSent,
            g.reminders.ordersMappedAfterReminder,
          ],
        ]),
    );
  },
  dropOff(groups: any[]) {
    const result: Record<string, Record<string, number>> = {};
    for (const g of groups) {
      for (const status of ['abandoned', 'expired'] as const) {
        for (const { step, sessions } of g[status]) {
          if (sessions > 0) (result[g.group.key] ??= {})[`${status.toUpperCase()}:${step}`] = sessions;
        }
      }
    }
    return result;
  },
  durations(groups: any[]) {
    const stats = (s: any) => [s.orders, s.medianSeconds, s.p90Seconds];
    return Object.fromEntries(
      groups
        .filter((g) => g.emailToMapping.orders + g.firstOpeningToMapping.orders > 0)
        .map((g) => [g.group.key, [...stats(g.emailToMapping), ...stats(g.firstOpeningToMapping)]]),
    );
  },
  trials(groups: any[]) {
    return Object.fromEntries(
      groups.filter((g) => g.started > 0).map((g) => [g.group.key, [g.started, g.expired, g.extended, g.converted]]),
    );
  },
  cases(groups: any[]) {
    const result: Record<string, Record<string, unknown[]>> = {};
    for (const g of groups) {
      for (const k of g.byKind) {
        if (k.opened + k.resolved > 0) (result[g.group.key] ??= {})[k.kind] = [k.opened, k.resolved, k.medianSecondsToResolve];
      }
      if (g.resolved > 0) (result[g.group.key] ??= {}).ALL = [g.resolved, g.medianSecondsToResolve];
    }
    return result;
  },
};

export const API_SELECTIONS = {
  onboardingFunnel: 'group { key } stages { orders sessions } reminders { ordersReminded remindersSent ordersMappedAfterReminder }',
  onboardingDropOff: 'group { key } abandoned { step sessions } expired { step sessions }',
  provisioningDurations:
    'group { key } emailToMapping { orders medianSeconds p90Seconds } firstOpeningToMapping { orders medianSeconds p90Seconds }',
  trialMetrics: 'group { key } started expired extended converted',
  caseMetrics: 'group { key } opened resolved medianSecondsToResolve byKind { kind opened resolved medianSecondsToResolve }',
};

export const METRICS = [
  { query: 'onboardingFunnel', plain: plainFunnel, normalize: normalize.funnel },
  { query: 'onboardingDropOff', plain: plainDropOff, normalize: normalize.dropOff },
  { query: 'provisioningDurations', plain: plainDurations, normalize: normalize.durations },
  { query: 'trialMetrics', plain: plainTrials, normalize: normalize.trials },
  { query: 'caseMetrics', plain: plainCases, normalize: normalize.cases },
] as const;

/** The rows of a CSV text (RFC 4180: quoted fields, doubled quotes, CRLF), the header first. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

const STAGES = ['ORDERS_BOOKED', 'SETUP_EMAILS_SENT', 'LINKS_OPENED', ...STEPS, 'ORDERS_MAPPED'];

/** A metric's export (its CSV text) as the groups of the API's answer, with the fields the normalizers read. */
export function csvGroups(query: (typeof METRICS)[number]['query'], text: string): any[] {
  const [header, ...rows] = parseCsv(text);
  return rows.map((cells) => {
    const row = Object.fromEntries(header.map((name, i) => [name, cells[i]]));
    const n = (name: string) => (row[name] === '' ? null : Number(row[name]));
    const group = { key: row.group_key, label: row.group_label };
    const stats = (measure: string) => ({
      orders: n(`${measure}_orders`),
      medianSeconds: n(`${measure}_median_seconds`),
      p90Seconds: n(`${measure}_p90_seconds`),
    });
    switch (query) {
      case 'onboardingFunnel':
        return {
          group,
          stages: STAGES.map((stage) => ({
            stage,
            orders: n(`${stage.toLowerCase()}_orders`),
            sessions: `${stage.toLowerCase()}_sessions` in row ? n(`${stage.toLowerCase()}_sessions`) : null,
            rateFromPrevious: `${stage.toLowerCase()}_rate_from_previous` in row ? n(`${stage.toLowerCase()}_rate_from_previous`) : null,
          })),
          reminders: {
            ordersReminded: n('orders_reminded'),
            remindersSent: n('reminders_sent'),
            ordersMappedAfterReminder: n('orders_mapped_after_reminder'),
            mappedRate: n('mapped_after_reminder_rate'),
          },
        };
      case 'onboardingDropOff':
        return {
          group,
          abandoned: STEPS.map((step) => ({ step, sessions: n(`abandoned_${step.toLowerCase()}`) })),
          expired: STEPS.map((step) => ({ step, sessions: n(`expired_${step.toLowerCase()}`) })),
          totalAbandoned: n('total_abandoned'),
          totalExpired: n('total_expired'),
        };
      case 'provisioningDurations':
        return { group, emailToMapping: stats('email_to_mapping'), firstOpeningToMapping: stats('first_opening_to_mapping') };
      case 'trialMetrics':
        return {
          group,
          started: n('started'),
          expired: n('expired'),
          extended: n('extended'),
          converted: n('converted'),
          conversionRate: n('conversion_rate'),
        };
      case 'caseMetrics': {
        const kinds = header
          .filter((name) => name.endsWith('_opened') && name !== 'opened')
          .map((name) => name.slice(0, -'_opened'.length));
        return {
          group,
          opened: n('opened'),
          resolved: n('resolved'),
          medianSecondsToResolve: n('median_seconds_to_resolve'),
          byKind: kinds.map((kind) => ({
            kind: kind.toUpperCase(),
            opened: n(`${kind}_opened`),
            resolved: n(`${kind}_resolved`),
            medianSecondsToResolve: n(`${kind}_median_seconds_to_resolve`),
          })),
        };
      }
    }
  });
}
