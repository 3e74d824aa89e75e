/**
 * The onboarding metrics, read from the rollups (server/metrics/rollups.ts): a range's whole months, whole weeks and
 * remaining days summed per group. Reading a range costs a few dozen rows per group, however many orders it holds.
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
import { checkRange, Days, periodsOf } from './range';
import { FUNNEL_STEPS, refreshMetrics, stepColumns } from './rollups';

const UNKNOWN = 'UNKNOWN';
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
 * however long it is. Grouped by week, no months (they do not split into weeks); by month, no weeks (they straddle months).
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
  const rest = groupBy === MetricGrouping.MONTH ? days : weeksAndDays;
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

/** Rows gathered under their group key, and its label (Map.groupBy arrives only in Node 21). */
function byKey<R extends Keyed>(rows: R[]): { key: string; label?: string | null; ofKey: R[] }[] {
  const groups = new Map<string, R[]>();
  for (const row of rows) {
    const ofKey = groups.get(row.key);
    if (ofKey) ofKey.push(row);
    else groups.set(row.key, [row]);
  }
  return [...groups].map(([key, ofKey]) => ({ key, label: ofKey[0].label, ofKey }));
}

/** A row of a metric's query: its group's key, and for a country or partner org its name (null when not found). */
interface Keyed {
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

/** The order of groups of the same size: as localeCompare, whose own collator per call took a millisecond over 2,000 groups. */
const KEY_ORDER = new Intl.Collator();

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function addDaysTo(day: string, days: number): string {
  return isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000));
}

export class MetricsService {
  constructor(private readonly db: DataSource) {}

  /** Brings the rollups up to date with every committed fact; the server runs it every second. */
  refresh(): Promise<number | null> {
    return refreshMetrics(this.db);
  }

  async onboardingFunnel(range: MetricRange, groupBy: MetricGrouping): Promise<FunnelGroup[]> {
    const days = this.days(range, groupBy);
    const { key } = keyOf(groupBy);
    const { from, parameters } = rangeRows(groupBy, days);
    const rows: (Keyed & { booked: number; emailed: number; opened: number; reached: number[]; sessions: number[]; mapped: number })[] =
      await this.db.query(
        labelled(
          groupBy,
          `SELECT ${key} AS key, sum(orders_booked)::int AS booked, sum(setup_emails_sent)::int AS emailed,
             sum(links_opened)::int AS opened, ${stepSums('orders_reached')} AS reached, ${stepSums('sessions_reached')} AS sessions,
             sum(orders_mapped)::int AS mapped
           FROM ${from('metric_funnel')} GROUP BY 1`,
        ),
        parameters,
      );
    const empty = { booked: 0, emailed: 0, opened: 0, reached: FUNNEL_STEPS.map(() => 0), sessions: FUNNEL_STEPS.map(() => 0), mapped: 0 };
    const groups = this.groups(groupBy, days, rows, (row) => row.booked);
    return groups.map(({ group, row = { key: group.key, ...empty } }) => {
      const counts: [FunnelStageName, number, number | null][] = [
        [FunnelStageName.ORDERS_BOOKED, row.booked, null],
        [FunnelStageName.SETUP_EMAILS_SENT, row.emailed, null],
        [FunnelStageName.LINKS_OPENED, row.opened, null],
        ...FUNNEL_STEPS.map((step, i): [FunnelStageName, number, number | null] => [
          step as FunnelStageName,
          row.reached[i],
          row.sessions[i],
        ]),
        [FunnelStageName.ORDERS_MAPPED, row.mapped, null],
      ];
      return {
        group,
        stages: counts.map(([stage, orders, sessions], i) => ({
          stage,
          orders,
          sessions,
          rateFromPrevious: i === 0 ? null : rate(orders, counts[i - 1][1]),
        })),
      };
    });
  }

  async onboardingDropOff(range: MetricRange, groupBy: MetricGrouping): Promise<DropOffGroup[]> {
    const days = this.days(range, groupBy);
    const { key } = keyOf(groupBy);
    const { from, parameters } = rangeRows(groupBy, days);
    const rows: (Keyed & { abandoned: number[]; expired: number[] })[] = await this.db.query(
      labelled(
        groupBy,
        `SELECT ${key} AS key, ${stepSums('abandoned')} AS abandoned, ${stepSums('expired')} AS expired
         FROM ${from('metric_drop_off')} GROUP BY 1`,
      ),
      parameters,
    );
    const sum = (counts: number[]) => counts.reduce((total, n) => total + n, 0);
    const groups = this.groups(groupBy, days, rows, (row) => sum(row.abandoned) + sum(row.expired));
    const none = DROP_OFF_STEPS.map(() => 0);
    return groups.map(({ group, row }) => {
      const byStep = (counts = none): StepSessions[] => DROP_OFF_STEPS.map((step, i) => ({ step, sessions: counts[i] }));
      return {
        group,
        abandoned: byStep(row?.abandoned),
        expired: byStep(row?.expired),
        totalAbandoned: sum(row?.abandoned ?? none),
        totalExpired: sum(row?.expired ?? none),
      };
    });
  }

  async provisioningDurations(range: MetricRange, groupBy: MetricGrouping): Promise<DurationGroup[]> {
    const days = this.days(range, groupBy);
    const { key } = keyOf(groupBy);
    const { from, parameters } = rangeRows(groupBy, days);
    const packed: (Keyed & { part: string; cells: Buffer })[] = await this.db.query(
      labelled(groupBy, histogramsSql(key, 'measure', from('metric_duration_histogram'))),
      parameters,
    );
    const histogram = new Histogram();
    const rows = byKey(
      packed.map(({ key, label, part, cells }) => {
        const [medianSeconds, p90Seconds] = histogram.clear().add(cells).percentiles(0.5, 0.9);
        return { key, label, part, stats: { orders: histogram.total, medianSeconds, p90Seconds } };
      }),
    );
    type Row = (typeof rows)[number];
    const none: DurationStats = { orders: 0, medianSeconds: null, p90Seconds: null };
    const stats = (row: Row | undefined, measure: string) => row?.ofKey.find((r) => r.part === measure)?.stats ?? none;
    const groups = this.groups(groupBy, days, rows, (row) => stats(row, 'EMAIL_TO_MAPPING').orders);
    return groups.map(({ group, row }) => ({
      group,
      emailToMapping: stats(row, 'EMAIL_TO_MAPPING'),
      firstOpeningToMapping: stats(row, 'FIRST_OPENING_TO_MAPPING'),
    }));
  }

  async trialMetrics(range: MetricRange, groupBy: MetricGrouping): Promise<TrialGroup[]> {
    const days = this.days(range, groupBy);
    const { key } = keyOf(groupBy);
    const { from, parameters } = rangeRows(groupBy, days);
    const rows: (Keyed & { started: number; expired: number; extended: number; converted: number })[] = await this.db.query(
      labelled(
        groupBy,
        `SELECT ${key} AS key, sum(started)::int AS started, sum(expired)::int AS expired, sum(extended)::int AS extended,
           sum(converted)::int AS converted
         FROM ${from('metric_trial')} GROUP BY 1`,
      ),
      parameters,
    );
    const groups = this.groups(groupBy, days, rows, (row) => row.started);
    return groups.map(({ group, row }) => {
      const { started = 0, expired = 0, extended = 0, converted = 0 } = row ?? {};
      return { group, started, expired, extended, converted, conversionRate: rate(converted, started) };
    });
  }

  async caseMetrics(range: MetricRange, groupBy: MetricGrouping): Promise<CaseGroup[]> {
    const days = this.days(range, groupBy);
    const { key } = keyOf(groupBy);
    const { from, parameters } = rangeRows(groupBy, days);
    const [counted, packed]: [
      (Keyed & { kind: CaseKind; opened: number; resolved: number })[],
      { key: string; part: CaseKind; cells: Buffer }[],
    ] = await Promise.all([
      this.db.query(
        labelled(
          groupBy,
          `SELECT ${key} AS key, kind, sum(opened)::int AS opened, sum(resolved)::int AS resolved FROM ${from('metric_case')} GROUP BY 1, 2`,
        ),
        parameters,
      ),
      this.db.query(histogramsSql(key, 'kind', from('metric_case_resolution_histogram')), parameters),
    ]);
    const rows = byKey(counted);
    const opened = (row: { ofKey: typeof counted }) => row.ofKey.reduce((sum, r) => sum + r.opened, 0);
    const groups = this.groups(groupBy, days, rows, opened);
    // The median over all kinds (part ALL) sums each key's kinds. A map, not a search: by partner org at a million
    // orders there are 2,000 groups and 12,000 medians.
    const medianOf = new Map<string, number | null>();
    const ofKind = new Histogram();
    const all = new Histogram();
    for (const { key, ofKey } of byKey(packed)) {
      all.clear();
      for (const { part, cells } of ofKey) {
        medianOf.set(`${key}\u0000${part}`, ofKind.clear().add(cells).percentiles(0.5)[0]);
        all.add(cells);
      }
      medianOf.set(`${key}\u0000ALL`, all.percentiles(0.5)[0]);
    }
    const median = (key: string, part: CaseKind | 'ALL') => medianOf.get(`${key}\u0000${part}`) ?? null;
    return groups.map(({ group, row }) => {
      const byKind: CaseKindStats[] = Object.values(CaseKind).map((kind) => {
        const ofKind = row?.ofKey.find((r) => r.kind === kind);
        return { kind, opened: ofKind?.opened ?? 0, resolved: ofKind?.resolved ?? 0, medianSecondsToResolve: median(group.key, kind) };
      });
      return {
        group,
        opened: byKind.reduce((sum, k) => sum + k.opened, 0),
        resolved: byKind.reduce((sum, k) => sum + k.resolved, 0),
        medianSecondsToResolve: median(group.key, 'ALL'),
        byKind,
      };
    });
  }

  private days(range: MetricRange, groupBy: MetricGrouping): Days {
    return checkRange(range, groupBy);
  }

  /**
   * The groups to answer, each with its row when it has one: every week or month of the range in order, or the
   * dimension's values found, largest first by `size`, labelled with the name its query joined on.
   */
  private groups<R extends Keyed>(
    groupBy: MetricGrouping,
    days: Days,
    rows: R[],
    size: (row: R) => number,
  ): { group: MetricGroup; row?: R }[] {
    const byKey = new Map(rows.map((row) => [row.key, row]));
    const periods = periodsOf(groupBy, days);
    if (periods) return periods.map((group) => ({ group, row: byKey.get(group.key) }));
    const labelOf = ({ key, label }: R) =>
      key === UNKNOWN ? 'Not known yet' : (label ?? (groupBy === MetricGrouping.REGION ? REGION_NAMES[key as Region] : undefined) ?? key);
    return [...rows]
      .sort((a, b) => size(b) - size(a) || KEY_ORDER.compare(a.key, b.key))
      .map((row) => ({ group: { key: row.key, label: labelOf(row) }, row }));
  }
}
