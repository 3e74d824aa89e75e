/**
 * The onboarding metrics, read from the rollups (server/metrics/rollups.ts): a range's whole months, whole weeks and
 * remaining days summed per group. Reading a range costs a few dozen rows per group, however many orders it holds.
 * A dimension answers its `top` groups by the metric's headline count and the rest as one group, OTHERS; an export
 * reads every group through a cursor, a batch at a time.
 */
import type { DataSource } from 'typeorm';
import { CaseKind } from '../cases/case.entity';
import type { Region } from '../countries/regions';
import { WizardStep } from '../provisioning/steps';
import {
  CaseGroup,
  CaseKindStats,
  DropOffGroup,
  DurationGroup,
  DurationStats,
  FunnelGroup,
  FunnelStageName,
  MetricGroup,
  MetricGrouping,
  MetricRange,
  StepSessions,
  TrialGroup,
} from './metric.types';
import { Histogram } from './histogram';
import type { Language } from '../platform/messages';
import { checkRange, checkTop, Days, periodsOf } from './range';
import { FUNNEL_STEPS, refreshMetrics, stepColumns } from './rollups';

const UNKNOWN = 'UNKNOWN';
/** The key of the group that holds the groups past `top`, and its label in each language. */
export const OTHERS = 'OTHERS';
const OTHERS_LABEL: Record<Language, string> = { en: 'All others', bg: 'Всички останали' };
const DROP_OFF_STEPS = FUNNEL_STEPS as WizardStep[];

const REGION_NAMES: Record<Region, string> = {
  us1: 'North America',
  ca1: 'Canada',
  eu1: 'United Kingdom',
  eu2: 'European Union and EMEA',
  anz1: 'Australia and New Zealand',
  jp1: 'Japan',
  sg1: 'Singapore and Asia-Pacific',
  in1: 'India',
};

/** The rollup rows' dimension, and the SQL expression of a row's group key, for a grouping. */
function keyOf(groupBy: MetricGrouping): { dim: string; key: string } {
  switch (groupBy) {
    case MetricGrouping.WEEK:
      // A date, which PostgreSQL groups and sorts faster than text; it reads as YYYY-MM-DD.
      return { dim: 'ALL', key: `date_trunc('week', day::timestamp)::date` };
    case MetricGrouping.MONTH:
      return { dim: 'ALL', key: `to_char(day, 'YYYY-MM')` };
    case MetricGrouping.QUARTER:
      return { dim: 'ALL', key: `to_char(day, 'YYYY-"Q"Q')` };
    default:
      return { dim: groupBy, key: 'value' };
  }
}

/** A per-step count summed over a range's rows, as an int[] from ROLE to CONFIRM. */
const stepSums = (prefix: string) =>
  `ARRAY[${stepColumns(prefix)
    .map((column) => `sum(${column})::int`)
    .join(', ')}]`;

/** A group's packed histograms over a range, one row per key and part (a measure, a case kind). */
function histogramsSql(key: string, part: string, from: string): string {
  return `SELECT ${key} AS key, ${part} AS part, string_agg(cells, ''::bytea) AS cells FROM ${from} GROUP BY 1, 2`;
}

type Grain = 'DAY' | 'WEEK' | 'MONTH';

/** A stretch of a range read at one grain: rows whose `day` is from `from` to `to`. */
interface Segment {
  grain: Grain;
  from: string;
  to: string;
}

/**
 * A range as whole months, whole weeks and remaining days, so that reading it costs a few dozen periods per group
 * however long it is. Grouped by week, no months (they do not split into weeks); by month or quarter, no weeks (they
 * straddle months); a quarter sums its months.
 */
export function segmentsOf(groupBy: MetricGrouping, { from, to }: Days): Segment[] {
  const segments: Segment[] = [];
  const days = (a: string, b: string) => {
    if (a <= b) segments.push({ grain: 'DAY', from: a, to: b });
  };
  const weeksAndDays = (a: string, b: string) => {
    const first = mondayOf(a) === a ? a : addDaysTo(mondayOf(a), 7);
    const last = addDaysTo(mondayOf(addDaysTo(b, 1)), -7);
    if (a > b || first > last) return days(a, b);
    days(a, addDaysTo(first, -1));
    segments.push({ grain: 'WEEK', from: first, to: last });
    days(addDaysTo(last, 7), b);
  };
  if (groupBy === MetricGrouping.WEEK) {
    weeksAndDays(from, to);
    return segments;
  }
  const rest = groupBy === MetricGrouping.MONTH || groupBy === MetricGrouping.QUARTER ? days : weeksAndDays;
  const first = from.endsWith('-01') ? from : nextMonth(from);
  const last = previousMonth(`${addDaysTo(to, 1).slice(0, 7)}-01`);
  if (first > last) {
    rest(from, to);
    return segments;
  }
  rest(from, addDaysTo(first, -1));
  segments.push({ grain: 'MONTH', from: first, to: last });
  rest(nextMonth(last), to);
  return segments;
}

function mondayOf(day: string): string {
  return addDaysTo(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));
}

/** The first day of the month after the one `day` is in. */
function nextMonth(day: string): string {
  const [year, month] = day.split('-').map(Number);
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

/** The first day of the month before the one `day` is in. */
function previousMonth(day: string): string {
  const [year, month] = day.split('-').map(Number);
  return month === 1 ? `${year - 1}-12-01` : `${year}-${String(month - 1).padStart(2, '0')}-01`;
}

/**
 * The rows of a rollup table that a grouping reads over a range: `from(table)` is a subquery of one index range
 * scan per segment, and `parameters` its parameters.
 */
function rangeRows(groupBy: MetricGrouping, days: Days): { from: (table: string) => string; parameters: string[] } {
  const { dim } = keyOf(groupBy);
  const parameters = [dim];
  const scans = segmentsOf(groupBy, days).map(({ grain, from, to }) => {
    parameters.push(grain, from, to);
    const n = parameters.length;
    return (table: string) => `SELECT * FROM ${table} WHERE dim = $1 AND grain = $${n - 2} AND day BETWEEN $${n - 1} AND $${n}`;
  });
  return { from: (table) => `(${scans.map((scan) => scan(table)).join(' UNION ALL ')}) r`, parameters };
}

/** A row of a metric's query: its group's key, and for a country or partner org its name (null when not found). */
export interface Keyed {
  key: string;
  label?: string | null;
}

/** A metric's query with the name of each row's country or partner org joined on, so one statement answers. */
function labelled(groupBy: MetricGrouping, sql: string): string {
  switch (groupBy) {
    case MetricGrouping.COUNTRY:
      return `SELECT m.*, l.name AS label FROM (${sql}) m LEFT JOIN supported_country l ON l.code = m.key`;
    case MetricGrouping.PARTNER_ORG:
      return `SELECT m.*, l.name AS label FROM (${sql}) m
        LEFT JOIN partner_org l ON l.id = CASE WHEN m.key <> '${UNKNOWN}' THEN m.key::uuid END`;
    default:
      return sql;
  }
}

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function addDaysTo(day: string, days: number): string {
  return isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000));
}

/** Code unit order, as PostgreSQL's "C" collation: the same in every locale, so plain SQL can rank the same way. */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Durations and their percentiles, over packed histograms (one period's cells, or several), by one reused Histogram. */
const histogram = new Histogram();
function histogramOf(cells: readonly Buffer[]): Histogram {
  histogram.clear();
  for (const c of cells) histogram.add(c);
  return histogram;
}

/**
 * A metric: one statement over a range's rollup rows giving rows by group key (several per key for histograms), how
 * one key's rows fold into its totals, how totals of several groups fold into one (OTHERS; none: the empty group),
 * its headline count (what ranks a dimension's groups), and the answer for a group.
 */
export interface Metric<R extends Keyed, T, G> {
  sql(key: string, from: (table: string) => string): string;
  fold(rows: R[]): T;
  merge(totals: T[]): T;
  size(totals: T): number;
  answer(group: MetricGroup, totals: T): G;
}

const define = <R extends Keyed, T, G>(metric: Metric<R, T, G>) => metric;

const sumOf = (counts: readonly number[]) => counts.reduce((total, n) => total + n, 0);
/** Element-wise sums of equally long count lists. */
const sumEach = (lists: readonly (readonly number[])[], length: number) =>
  Array.from({ length }, (_, i) => lists.reduce((total, list) => total + list[i], 0));

interface FunnelTotals {
  booked: number;
  emailed: number;
  opened: number;
  reached: number[];
  sessions: number[];
  mapped: number;
  reminded: number;
  reminders: number;
  mappedAfterReminder: number;
}

const funnel = define<Keyed & FunnelTotals, FunnelTotals, FunnelGroup>({
  sql: (key, from) =>
    `SELECT ${key} AS key, sum(orders_booked)::int AS booked, sum(setup_emails_sent)::int AS emailed,
       sum(links_opened)::int AS opened, ${stepSums('orders_reached')} AS reached, ${stepSums('sessions_reached')} AS sessions,
       sum(orders_mapped)::int AS mapped, sum(orders_reminded)::int AS reminded, sum(reminders_sent)::int AS reminders,
       sum(orders_mapped_after_reminder)::int AS "mappedAfterReminder"
     FROM ${from('metric_funnel')} GROUP BY 1`,
  fold: ([row]) => row,
  merge: (totals) => ({
    booked: sumOf(totals.map((t) => t.booked)),
    emailed: sumOf(totals.map((t) => t.emailed)),
    opened: sumOf(totals.map((t) => t.opened)),
    reached: sumEach(
      totals.map((t) => t.reached),
      FUNNEL_STEPS.length,
    ),
    sessions: sumEach(
      totals.map((t) => t.sessions),
      FUNNEL_STEPS.length,
    ),
    mapped: sumOf(totals.map((t) => t.mapped)),
    reminded: sumOf(totals.map((t) => t.reminded)),
    reminders: sumOf(totals.map((t) => t.reminders)),
    mappedAfterReminder: sumOf(totals.map((t) => t.mappedAfterReminder)),
  }),
  size: (t) => t.booked,
  answer: (group, t) => {
    const counts: [FunnelStageName, number, number | null][] = [
      [FunnelStageName.ORDERS_BOOKED, t.booked, null],
      [FunnelStageName.SETUP_EMAILS_SENT, t.emailed, null],
      [FunnelStageName.LINKS_OPENED, t.opened, null],
      ...FUNNEL_STEPS.map((step, i): [FunnelStageName, number, number | null] => [step as FunnelStageName, t.reached[i], t.sessions[i]]),
      [FunnelStageName.ORDERS_MAPPED, t.mapped, null],
    ];
    return {
      group,
      stages: counts.map(([stage, orders, sessions], i) => ({
        stage,
        orders,
        sessions,
        rateFromPrevious: i === 0 ? null : rate(orders, counts[i - 1][1]),
      })),
      reminders: {
        ordersReminded: t.reminded,
        remindersSent: t.reminders,
        ordersMappedAfterReminder: t.mappedAfterReminder,
        mappedRate: rate(t.mappedAfterReminder, t.reminded),
      },
    };
  },
});

interface DropOffTotals {
  abandoned: number[];
  expired: number[];
}

const dropOff = define<Keyed & DropOffTotals, DropOffTotals, DropOffGroup>({
  sql: (key, from) =>
    `SELECT ${key} AS key, ${stepSums('abandoned')} AS abandoned, ${stepSums('expired')} AS expired
     FROM ${from('metric_drop_off')} GROUP BY 1`,
  fold: ([row]) => row,
  merge: (totals) => ({
    abandoned: sumEach(
      totals.map((t) => t.abandoned),
      DROP_OFF_STEPS.length,
    ),
    expired: sumEach(
      totals.map((t) => t.expired),
      DROP_OFF_STEPS.length,
    ),
  }),
  size: (t) => sumOf(t.abandoned) + sumOf(t.expired),
  answer: (group, t) => {
    const byStep = (counts: number[]): StepSessions[] => DROP_OFF_STEPS.map((step, i) => ({ step, sessions: counts[i] }));
    return {
      group,
      abandoned: byStep(t.abandoned),
      expired: byStep(t.expired),
      totalAbandoned: sumOf(t.abandoned),
      totalExpired: sumOf(t.expired),
    };
  },
});

const MEASURES = ['EMAIL_TO_MAPPING', 'FIRST_OPENING_TO_MAPPING'] as const;
type Measure = (typeof MEASURES)[number];

/** A group's packed histograms by measure, kept to fold into OTHERS, and their statistics. */
interface DurationTotals {
  cells: Record<Measure, Buffer[]>;
  stats: Record<Measure, DurationStats>;
}

function durationTotals(cells: Record<Measure, Buffer[]>): DurationTotals {
  const stats = (measure: Measure): DurationStats => {
    const h = histogramOf(cells[measure]);
    const [medianSeconds, p90Seconds] = h.percentiles(0.5, 0.9);
    return { orders: h.total, medianSeconds, p90Seconds };
  };
  return { cells, stats: { EMAIL_TO_MAPPING: stats('EMAIL_TO_MAPPING'), FIRST_OPENING_TO_MAPPING: stats('FIRST_OPENING_TO_MAPPING') } };
}

const durations = define<Keyed & { part: Measure; cells: Buffer }, DurationTotals, DurationGroup>({
  sql: (key, from) => histogramsSql(key, 'measure', from('metric_duration_histogram')),
  fold: (rows) =>
    durationTotals({
      EMAIL_TO_MAPPING: rows.filter((r) => r.part === 'EMAIL_TO_MAPPING').map((r) => r.cells),
      FIRST_OPENING_TO_MAPPING: rows.filter((r) => r.part === 'FIRST_OPENING_TO_MAPPING').map((r) => r.cells),
    }),
  merge: (totals) =>
    durationTotals({
      EMAIL_TO_MAPPING: totals.flatMap((t) => t.cells.EMAIL_TO_MAPPING),
      FIRST_OPENING_TO_MAPPING: totals.flatMap((t) => t.cells.FIRST_OPENING_TO_MAPPING),
    }),
  // Orders mapped: every mapped order was sent its Set up now email, so each is measured from it.
  size: (t) => t.stats.EMAIL_TO_MAPPING.orders,
  answer: (group, t) => ({ group, emailToMapping: t.stats.EMAIL_TO_MAPPING, firstOpeningToMapping: t.stats.FIRST_OPENING_TO_MAPPING }),
});

interface TrialTotals {
  started: number;
  expired: number;
  extended: number;
  converted: number;
}

const trials = define<Keyed & TrialTotals, TrialTotals, TrialGroup>({
  sql: (key, from) =>
    `SELECT ${key} AS key, sum(started)::int AS started, sum(expired)::int AS expired, sum(extended)::int AS extended,
       sum(converted)::int AS converted
     FROM ${from('metric_trial')} GROUP BY 1`,
  fold: ([row]) => row,
  merge: (totals) => ({
    started: sumOf(totals.map((t) => t.started)),
    expired: sumOf(totals.map((t) => t.expired)),
    extended: sumOf(totals.map((t) => t.extended)),
    converted: sumOf(totals.map((t) => t.converted)),
  }),
  size: (t) => t.started,
  answer: (group, { started, expired, extended, converted }) => ({
    group,
    started,
    expired,
    extended,
    converted,
    conversionRate: rate(converted, started),
  }),
});

const CASE_KINDS = Object.values(CaseKind);

/** A group's cases by kind, with the packed histograms of the resolved ones kept to fold into OTHERS, and the medians. */
interface CaseTotals {
  kinds: Record<CaseKind, { opened: number; resolved: number; cells: Buffer[] }>;
  medians: Record<CaseKind | 'ALL', number | null>;
}

function caseTotals(kinds: CaseTotals['kinds']): CaseTotals {
  const medians = Object.fromEntries(CASE_KINDS.map((kind) => [kind, histogramOf(kinds[kind].cells).percentiles(0.5)[0]]));
  const all = histogramOf(CASE_KINDS.flatMap((kind) => kinds[kind].cells)).percentiles(0.5)[0];
  return { kinds, medians: { ...medians, ALL: all } as CaseTotals['medians'] };
}

const cases = define<Keyed & { kind: CaseKind; opened: number; resolved: number; cells: Buffer | null }, CaseTotals, CaseGroup>({
  // Counts and packed histograms by key and kind in one statement, so that an export reads a group's rows together.
  sql: (key, from) =>
    `SELECT coalesce(c.key, h.key) AS key, coalesce(c.kind, h.part) AS kind, coalesce(c.opened, 0) AS opened,
       coalesce(c.resolved, 0) AS resolved, h.cells
     FROM (SELECT ${key} AS key, kind, sum(opened)::int AS opened, sum(resolved)::int AS resolved FROM ${from('metric_case')} GROUP BY 1, 2) c
     FULL JOIN (${histogramsSql(key, 'kind', from('metric_case_resolution_histogram'))}) h ON h.key = c.key AND h.part = c.kind`,
  fold: (rows) =>
    caseTotals(
      Object.fromEntries(
        CASE_KINDS.map((kind) => {
          const ofKind = rows.filter((r) => r.kind === kind);
          return [
            kind,
            {
              opened: sumOf(ofKind.map((r) => r.opened)),
              resolved: sumOf(ofKind.map((r) => r.resolved)),
              cells: ofKind.flatMap((r) => (r.cells ? [r.cells] : [])),
            },
          ];
        }),
      ) as CaseTotals['kinds'],
    ),
  merge: (totals) =>
    caseTotals(
      Object.fromEntries(
        CASE_KINDS.map((kind) => [
          kind,
          {
            opened: sumOf(totals.map((t) => t.kinds[kind].opened)),
            resolved: sumOf(totals.map((t) => t.kinds[kind].resolved)),
            cells: totals.flatMap((t) => t.kinds[kind].cells),
          },
        ]),
      ) as CaseTotals['kinds'],
    ),
  size: (t) => sumOf(CASE_KINDS.map((kind) => t.kinds[kind].opened)),
  answer: (group, t) => {
    const byKind: CaseKindStats[] = CASE_KINDS.map((kind) => ({
      kind,
      opened: t.kinds[kind].opened,
      resolved: t.kinds[kind].resolved,
      medianSecondsToResolve: t.medians[kind],
    }));
    return {
      group,
      opened: sumOf(byKind.map((k) => k.opened)),
      resolved: sumOf(byKind.map((k) => k.resolved)),
      medianSecondsToResolve: t.medians.ALL,
      byKind,
    };
  },
});

/** The metrics by their query's name. */
export const METRICS = {
  onboardingFunnel: funnel,
  onboardingDropOff: dropOff,
  provisioningDurations: durations,
  trialMetrics: trials,
  caseMetrics: cases,
};
export type MetricName = keyof typeof METRICS;
type AnswerOf<N extends MetricName> = (typeof METRICS)[N] extends Metric<any, any, infer G> ? G : never;

/** Rows gathered under their key, in the order the keys come (Map.groupBy arrives only in Node 21). */
function byKey<R extends Keyed>(rows: R[]): { key: string; label?: string | null; rows: R[] }[] {
  const groups = new Map<string, R[]>();
  for (const row of rows) {
    const ofKey = groups.get(row.key);
    if (ofKey) ofKey.push(row);
    else groups.set(row.key, [row]);
  }
  return [...groups].map(([key, ofKey]) => ({ key, label: ofKey[0].label, rows: ofKey }));
}

/** Rows fetched from an export's cursor at a time. */
const EXPORT_BATCH = 500;

export class MetricsService {
  constructor(private readonly db: DataSource) {}

  /** Brings the rollups up to date with every committed fact; the server runs it every second. */
  refresh(): Promise<number | null> {
    return refreshMetrics(this.db);
  }

  onboardingFunnel(range: MetricRange, groupBy: MetricGrouping, top?: number | null, language?: Language): Promise<FunnelGroup[]> {
    return this.answer('onboardingFunnel', range, groupBy, top, language);
  }

  onboardingDropOff(range: MetricRange, groupBy: MetricGrouping, top?: number | null, language?: Language): Promise<DropOffGroup[]> {
    return this.answer('onboardingDropOff', range, groupBy, top, language);
  }

  provisioningDurations(range: MetricRange, groupBy: MetricGrouping, top?: number | null, language?: Language): Promise<DurationGroup[]> {
    return this.answer('provisioningDurations', range, groupBy, top, language);
  }

  trialMetrics(range: MetricRange, groupBy: MetricGrouping, top?: number | null, language?: Language): Promise<TrialGroup[]> {
    return this.answer('trialMetrics', range, groupBy, top, language);
  }

  caseMetrics(range: MetricRange, groupBy: MetricGrouping, top?: number | null, language?: Language): Promise<CaseGroup[]> {
    return this.answer('caseMetrics', range, groupBy, top, language);
  }

  /**
   * A metric's groups: every period of the range in order; or the dimension's `top` groups by the headline count
   * (ties by label, then key, in code unit order), then OTHERS folding the rest's rows, when any rest remains.
   */
  private async answer<N extends MetricName>(
    name: N,
    range: MetricRange,
    groupBy: MetricGrouping,
    top: number | null | undefined,
    language: Language = 'en',
  ): Promise<AnswerOf<N>[]> {
    const days = checkRange(range, groupBy);
    const ranked = checkTop(top, groupBy);
    const metric = METRICS[name] as Metric<Keyed, unknown, AnswerOf<N>>;
    const { key } = keyOf(groupBy);
    const { from, parameters } = rangeRows(groupBy, days);
    const rows: Keyed[] = await this.db.query(labelled(groupBy, metric.sql(key, from)), parameters);
    const groups = byKey(rows).map((g) => ({ group: { key: g.key, label: this.labelOf(groupBy, g) }, totals: metric.fold(g.rows) }));
    const periods = periodsOf(groupBy, days);
    if (periods) {
      const totalsOf = new Map(groups.map((g) => [g.group.key, g.totals]));
      return periods.map((group) => metric.answer(group, totalsOf.get(group.key) ?? metric.merge([])));
    }
    const sized = groups.map((g) => ({ ...g, size: metric.size(g.totals) }));
    sized.sort((a, b) => b.size - a.size || byCodeUnits(a.group.label, b.group.label) || byCodeUnits(a.group.key, b.group.key));
    const answers = sized.slice(0, ranked!).map((g) => metric.answer(g.group, g.totals));
    const rest = sized.slice(ranked!);
    if (rest.length > 0) {
      answers.push(metric.answer({ key: OTHERS, label: OTHERS_LABEL[language] }, metric.merge(rest.map((g) => g.totals))));
    }
    return answers;
  }

  /**
   * Every group of a metric, for an export: read through a cursor `EXPORT_BATCH` rows at a time, in key order (every
   * period of the range, empty ones too; a dimension's groups by key), each group answered as the API answers it.
   */
  async *exportGroups<N extends MetricName>(name: N, range: MetricRange, groupBy: MetricGrouping): AsyncGenerator<AnswerOf<N>[]> {
    const days = checkRange(range, groupBy);
    const metric = METRICS[name] as Metric<Keyed, unknown, AnswerOf<N>>;
    const { key } = keyOf(groupBy);
    const { from, parameters } = rangeRows(groupBy, days);
    const periods = periodsOf(groupBy, days);
    let nextPeriod = 0;
    /** The groups up to a key (all of them when null): the empty periods before it, then its own. */
    const upTo = (group: { key: string; label?: string | null; rows: Keyed[] } | null): AnswerOf<N>[] => {
      const answers: AnswerOf<N>[] = [];
      while (periods && nextPeriod < periods.length && (group === null || periods[nextPeriod].key < group.key)) {
        answers.push(metric.answer(periods[nextPeriod++], metric.merge([])));
      }
      if (group) {
        const label = periods?.[nextPeriod]?.key === group.key ? periods[nextPeriod++].label : this.labelOf(groupBy, group);
        answers.push(metric.answer({ key: group.key, label }, metric.fold(group.rows)));
      }
      return answers;
    };
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(
        `DECLARE metric_export NO SCROLL CURSOR FOR SELECT * FROM (${labelled(groupBy, metric.sql(key, from))}) e ORDER BY e.key`,
        parameters,
      );
      // A key's rows may straddle two batches: the last key of a batch waits for the next.
      let pending: Keyed[] = [];
      for (;;) {
        const rows: Keyed[] = await runner.query(`FETCH ${EXPORT_BATCH} FROM metric_export`);
        const groups = byKey([...pending, ...rows]);
        const last = rows.length > 0 ? groups.pop() : undefined;
        pending = last?.rows ?? [];
        const answers = groups.flatMap((g) => upTo(g));
        if (rows.length === 0) answers.push(...upTo(null));
        if (answers.length > 0) yield answers;
        if (rows.length === 0) break;
      }
      await runner.commitTransaction();
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }

  /** A dimension group's label: the name its query joined on, the region's name, or the key itself. */
  private labelOf(groupBy: MetricGrouping, { key, label }: Keyed): string {
    if (key === UNKNOWN) return 'Not known yet';
    return label ?? (groupBy === MetricGrouping.REGION ? REGION_NAMES[key as Region] : undefined) ?? key;
  }
}
