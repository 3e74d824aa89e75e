/**
 * Each onboarding metric asked of the raw tables in one plain SQL statement, without the rollups: what the property
 * test compares the API with, and the baseline of `npm run bench:metrics`. The results are normalized so that the
 * API's answer (see normalize*) compares with them directly: groups by key, all-zero periods left out.
 */
import type { ClientBase } from 'pg';

export type Grouping = 'WEEK' | 'MONTH' | 'COUNTRY' | 'REGION' | 'OFFER' | 'PARTNER_ORG';
export const GROUPINGS: Grouping[] = ['WEEK', 'MONTH', 'COUNTRY', 'REGION', 'OFFER', 'PARTNER_ORG'];
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

export async function plainFunnel(client: ClientBase, range: Range, grouping: Grouping) {
  const reached = STEPS.map((step, i) => `count(*) FILTER (WHERE r.furthest >= ${i + 1})::int`).join(', ');
  const sessions = STEPS.map((step, i) => `coalesce(sum(r.sessions[${i + 1}]), 0)::int`).join(', ');
  const { rows } = await client.query(
    `SELECT ${key(grouping, day('x.created_at'))} AS key, count(*)::int AS booked,
       count(x.setup_email_sent_at)::int AS emailed,
       count(*) FILTER (WHERE EXISTS (SELECT FROM setup_link l WHERE l.order_id = x.id AND l.first_opened_at IS NOT NULL))::int AS opened,
       ARRAY[${reached}] AS reached, ARRAY[${sessions}] AS sessions, count(x.mapped_at)::int AS mapped
     FROM (${ORDERS}) x
     CROSS JOIN LATERAL (
       SELECT coalesce(max(metric_step_rank(s.furthest_step)), 0) AS furthest,
         ARRAY[${STEPS.map((step, i) => `count(*) FILTER (WHERE metric_step_rank(s.furthest_step) >= ${i + 1})`).join(', ')}] AS sessions
       FROM provisioning_session s WHERE s.order_id = x.id
     ) r
     WHERE ${day('x.created_at')} BETWEEN $1 AND $2
     GROUP BY 1 ORDER BY 1`,
    [range.from, range.to],
  );
  return Object.fromEntries(rows.map((r) => [r.key, [r.booked, r.emailed, r.opened, ...r.reached, r.mapped, ...r.sessions]]));
}

export async function plainDropOff(client: ClientBase, range: Range, grouping: Grouping) {
  const { rows } = await client.query(
    `SELECT ${key(grouping, day('s.finished_at'))} AS key, s.status || ':' || s.furthest_step AS what, count(*)::int AS sessions
     FROM provisioning_session s JOIN (${ORDERS}) x ON x.id = s.order_id
     WHERE s.status IN ('ABANDONED', 'EXPIRED') AND ${day('s.finished_at')} BETWEEN $1 AND $2
     GROUP BY 1, 2 ORDER BY 1, 2`,
    [range.from, range.to],
  );
  const result: Record<string, Record<string, number>> = {};
  for (const row of rows) (result[row.key] ??= {})[row.what] = row.sessions;
  return result;
}

export async function plainDurations(client: ClientBase, range: Range, grouping: Grouping) {
  const stats = (since: string) => `count(${since})::int,
    percentile_disc(0.5) WITHIN GROUP (ORDER BY metric_duration_bucket(extract(epoch FROM x.mapped_at - ${since}))),
    percentile_disc(0.9) WITHIN GROUP (ORDER BY metric_duration_bucket(extract(epoch FROM x.mapped_at - ${since})))`;
  const { rows } = await client.query(
    `SELECT ${key(grouping, day('x.mapped_at'))} AS key, ARRAY[${stats('x.setup_email_sent_at')}, ${stats('f.first_opened_at')}] AS stats
     FROM (${ORDERS}) x
     CROSS JOIN LATERAL (SELECT min(l.first_opened_at) AS first_opened_at FROM setup_link l WHERE l.order_id = x.id) f
     WHERE x.mapped_at IS NOT NULL AND ${day('x.mapped_at')} BETWEEN $1 AND $2
     GROUP BY 1 ORDER BY 1`,
    [range.from, range.to],
  );
  return Object.fromEntries(rows.map((r) => [r.key, r.stats]));
}

export async function plainTrials(client: ClientBase, range: Range, grouping: Grouping) {
  const { rows } = await client.query(
    `SELECT ${key(grouping, day('x.trial_started_at'))} AS key, count(*)::int AS started, count(x.trial_expired_at)::int AS expired,
       count(*) FILTER (WHERE x.trial_extension_count > 0)::int AS extended, count(*) FILTER (WHERE x.trial_status = 'CONVERTED')::int AS converted
     FROM (
       SELECT c.*, c.country_code AS country, c.data_residency_region AS region, c.partner_org_id AS partner,
         (SELECT min(o.offer_code) FROM orders o WHERE o.trial_customer_org_id = c.id AND o.status = 'MAPPED') AS offer
       FROM customer_org c WHERE c.trial_started_at IS NOT NULL
     ) x
     WHERE ${day('x.trial_started_at')} BETWEEN $1 AND $2
     GROUP BY 1 ORDER BY 1`,
    [range.from, range.to],
  );
  return Object.fromEntries(rows.map((r) => [r.key, [r.started, r.expired, r.extended, r.converted]]));
}

export async function plainCases(client: ClientBase, range: Range, grouping: Grouping) {
  const cases = `SELECT k.*, x.offer, x.country, x.region, x.partner FROM support_case k JOIN (${ORDERS}) x ON x.id = k.order_id`;
  const resolution = `percentile_disc(0.5) WITHIN GROUP (ORDER BY metric_duration_bucket(extract(epoch FROM y.resolved_at - y.created_at)))`;
  const { rows } = await client.query(
    `WITH opened AS (
       SELECT y.key, y.kind, count(*)::int AS n
       FROM (SELECT ${key(grouping, day('x.created_at'))} AS key, x.* FROM (${cases}) x WHERE ${day('x.created_at')} BETWEEN $1 AND $2) y
       GROUP BY y.key, y.kind
     ), resolved_cases AS (
       SELECT ${key(grouping, day('x.resolved_at'))} AS key, x.* FROM (${cases}) x
       WHERE x.resolved_at IS NOT NULL AND ${day('x.resolved_at')} BETWEEN $1 AND $2
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
          [...g.stages.map((s: any) => s.orders), ...g.stages.filter((s: any) => s.sessions !== null).map((s: any) => s.sessions)],
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
  onboardingFunnel: 'group { key } stages { orders sessions }',
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
