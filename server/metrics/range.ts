/**
 * The ranges the metrics answer for, checked before any work, and the weeks, months or quarters of a range. A range far in
 * the past or future, or years long grouped by a short period, would cost memory and time in proportion.
 */
import { badInput } from '../platform/pagination';
import { MetricGrouping, MetricRange } from './metric.types';

/** A range's first and last day, YYYY-MM-DD. */
export interface Days {
  from: string;
  to: string;
}

export const RANGE_LIMITS = {
  earliest: '2000-01-01',
  latest: '2100-12-31',
  years: 5,
  /** Groups of a period grouping: more than a span of `years` holds of any period there is now (262 weeks). */
  groups: 400,
  /** Groups of a dimension grouping answered by default, and at most, besides OTHERS. */
  top: 25,
  maxTop: 500,
};
export type RangeLimits = typeof RANGE_LIMITS;

const DAY_MS = 86_400_000;

/** Days are walked as whole days since 1970-01-01: numbers, which compare in order however far they go. */
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** A grouping by period: the first day of the period holding a day, the first day of the next one, and its key and label. */
interface Period {
  plural: string;
  start(day: number): number;
  next(start: number): number;
  key(start: number): string;
  label(start: number): string;
}

/** The month after the one a day is in, by its first day. */
function nextMonth(day: number): number {
  const date = new Date(day * DAY_MS);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / DAY_MS;
}

/** The first day of the month a day is in. */
function monthStart(day: number): number {
  return nextMonth(day - new Date(day * DAY_MS).getUTCDate());
}

/** A quarter's key and label by its first day, e.g. 2026-Q4. */
function quarterOf(start: number): string {
  const date = new Date(start * DAY_MS);
  return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

/** ISO 8601 week label of a Monday, e.g. 2026-W48. */
function weekLabel(monday: number): string {
  const thursday = new Date((monday + 3) * DAY_MS);
  const week = Math.floor((thursday.getTime() - Date.UTC(thursday.getUTCFullYear(), 0, 1)) / DAY_MS / 7) + 1;
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The period groupings; a grouping not here is a dimension. */
const PERIODS: Partial<Record<MetricGrouping, Period>> = {
  [MetricGrouping.WEEK]: {
    plural: 'weeks',
    // 1970-01-01 was a Thursday: day 4 was a Monday.
    start: (day) => day - ((((day - 4) % 7) + 7) % 7),
    next: (start) => start + 7,
    key: dayOf,
    label: weekLabel,
  },
  [MetricGrouping.MONTH]: {
    plural: 'months',
    start: monthStart,
    next: nextMonth,
    key: (start) => dayOf(start).slice(0, 7),
    label: (start) => dayOf(start).slice(0, 7),
  },
  [MetricGrouping.QUARTER]: {
    plural: 'quarters',
    start: (day) => {
      const date = new Date(monthStart(day) * DAY_MS);
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - (date.getUTCMonth() % 3), 1) / DAY_MS;
    },
    next: (start) => nextMonth(nextMonth(nextMonth(start))),
    key: quarterOf,
    label: quarterOf,
  },
};

/**
 * Every period of the range in order, so that empty ones show as zeros; null for a dimension. The walk stops after
 * `max` periods whatever the range, so a range the checks missed costs no more than that.
 */
export function periodsOf(groupBy: MetricGrouping, { from, to }: Days, max = RANGE_LIMITS.groups): { key: string; label: string }[] | null {
  const period = PERIODS[groupBy];
  if (!period) return null;
  const periods: { key: string; label: string }[] = [];
  const last = dayNumber(to);
  for (let start = period.start(dayNumber(from)); start <= last && periods.length < max; start = period.next(start)) {
    periods.push({ key: period.key(start), label: period.label(start) });
  }
  return periods;
}

/** The last day a range starting on `from` may end on: `years` years on, less a day (2024-02-29 + 5 years: 2029-02-28). */
function latestEnd(from: Date, years: number): Date {
  return new Date(Date.UTC(from.getUTCFullYear() + years, from.getUTCMonth(), from.getUTCDate()) - DAY_MS);
}

/** The range's days, or a BAD_USER_INPUT refusal naming `range` and the limit it passes. */
export function checkRange(range: MetricRange, groupBy: MetricGrouping, limits: RangeLimits = RANGE_LIMITS): Days {
  const valid = (date: Date) => date instanceof Date && !Number.isNaN(date.getTime());
  if (!valid(range.from) || !valid(range.to)) throw badInput('range.from and range.to must be dates, YYYY-MM-DD.', 'range');
  const earliest = Date.parse(`${limits.earliest}T00:00:00Z`);
  const latest = Date.parse(`${limits.latest}T00:00:00Z`);
  for (const date of [range.from, range.to]) {
    if (date.getTime() < earliest || date.getTime() > latest) {
      throw badInput(`range.from and range.to must be from ${limits.earliest} to ${limits.latest}.`, 'range');
    }
  }
  if (range.from.getTime() > range.to.getTime()) throw badInput('range.from must be on or before range.to.', 'range');
  const days = { from: dayOf(range.from.getTime() / DAY_MS), to: dayOf(range.to.getTime() / DAY_MS) };
  const end = latestEnd(range.from, limits.years);
  if (range.to.getTime() > end.getTime()) {
    throw badInput(
      `A range spans at most ${limits.years} years: from ${days.from}, range.to must be on or before ${dayOf(end.getTime() / DAY_MS)}.`,
      'range',
    );
  }
  const periods = periodsOf(groupBy, days, limits.groups + 1);
  if (periods && periods.length > limits.groups) {
    throw badInput(`Grouped by ${groupBy}, a range holds at most ${limits.groups} ${PERIODS[groupBy]!.plural}.`, 'range');
  }
  return days;
}

/** Whether a grouping is by period (every period of the range answers) rather than a dimension (ranked, `top` of them). */
export function isPeriod(groupBy: MetricGrouping): boolean {
  return PERIODS[groupBy] !== undefined;
}

/**
 * How many groups of a dimension to answer before OTHERS: `top`, RANGE_LIMITS.top when not given; null for a period
 * grouping, which answers every period and refuses `top`. A BAD_USER_INPUT refusal naming `top` otherwise.
 */
export function checkTop(top: number | null | undefined, groupBy: MetricGrouping, limits: RangeLimits = RANGE_LIMITS): number | null {
  const given = top !== null && top !== undefined;
  if (isPeriod(groupBy)) {
    if (given)
      throw badInput(`top ranks the groups of COUNTRY, REGION, OFFER or PARTNER_ORG; grouped by ${groupBy}, every period answers.`, 'top');
    return null;
  }
  if (!given) return limits.top;
  if (!Number.isInteger(top) || top < 1 || top > limits.maxTop)
    throw badInput(`top must be a whole number from 1 to ${limits.maxTop}.`, 'top');
  return top;
}
