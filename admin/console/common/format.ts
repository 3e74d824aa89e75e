/**
 * Numbers, percentages, durations, dates, country names and metric periods in the console's language, from the
 * browser's Intl (no own tables): `formatters(locale)`, for code outside React (an audit sentence, a test) and, through
 * `useFormat()` (useFormat.ts), in a component, following the language menu. It imports no React, so tests use it too. Every page of the console formats through these,
 * so Bulgarian reads "62,5%", "3,5 ч", "23.11 – 29.11.2026 г." and "Швейцария" where English reads "62.5%", "3.5 hr",
 * "Nov 23 – 29, 2026" and "Switzerland".
 */
const DAY = 86_400_000;
const UNITS = [
  { unit: 'minute', seconds: 60, below: 3600 },
  { unit: 'hour', seconds: 3600, below: 86_400 * 2 },
  { unit: 'day', seconds: 86_400, below: Infinity },
] as const;

/** Which groupings name periods (their keys are dates) and which name places (their keys are codes). */
export type PeriodGrouping = 'WEEK' | 'MONTH' | 'QUARTER';

export interface Formatters {
  locale: string;
  /** A count or amount: "12 345,5" in Bulgarian; '-' for none. */
  number(value: number | null | undefined): string;
  /** A rate between 0 and 1 as a percentage with at most one decimal: "62,5%"; '-' for none. */
  percent(rate: number | null | undefined): string;
  /** A length of time in seconds, in the unit people read it in (minutes below an hour, hours below two days, days). */
  duration(seconds: number | null | undefined): string;
  /** An instant with its time, in the browser's time zone; '-' for none. */
  dateTime(iso: string | Date | null | undefined): string;
  /** A calendar day (YYYY-MM-DD, or an instant's UTC day), without time: "03.12.2026 г."; '-' for none. */
  date(iso: string | Date | null | undefined): string;
  /** A country's name by its ISO 3166 code in the console's language ("BG" -> "България"); the code itself if unknown. */
  country(code: string | null | undefined): string;
  /** Compares two texts as the language sorts them (for sorting country names). */
  compare(a: string, b: string): number;
  /**
   * A metric period's name from its key: a week (its Monday, YYYY-MM-DD) as its days, a month (YYYY-MM) by its
   * name, a quarter (YYYY-Qn) with the language's word for it; anything else is returned as it came.
   */
  period(groupBy: string, key: string, fallback: string): string;
  /** A calendar day's text as typed in this language: the order of day, month and year and their separator. */
  dateInput: DateInputFormat;
}

/** How a calendar day is typed in a language: "dd.mm.yyyy" in Bulgarian, "mm/dd/yyyy" in American English. */
export interface DateInputFormat {
  /** The parts in their order. */
  order: ('day' | 'month' | 'year')[];
  separator: string;
  /** A YYYY-MM-DD day written in this format ('' for none). */
  write(day: string | null | undefined): string;
  /** What a person typed, as YYYY-MM-DD, or null when it is not a day of the calendar. */
  read(text: string): string | null;
  /** An instant written as its local day and time ("03.12.2026 14:30"); '' for none. */
  writeTime(iso: string | null | undefined): string;
  /** A local day and time as typed ("03.12.2026 14:30", the time optional), as an ISO instant, or null. */
  readTime(text: string): string | null;
}

function dateInputFormat(locale: string): DateInputFormat {
  const parts = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).formatToParts(
    new Date(Date.UTC(2026, 11, 31)),
  );
  const order = parts.flatMap((part) => (part.type === 'day' || part.type === 'month' || part.type === 'year' ? [part.type] : []));
  const separator = parts.find((part, index) => part.type === 'literal' && index > 0 && index < parts.length - 1)?.value ?? '-';
  return {
    order,
    separator,
    write(day) {
      const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(day ?? '');
      if (!match) return '';
      const values = { year: match[1], month: match[2], day: match[3] };
      return order.map((part) => values[part]).join(separator);
    },
    read(text) {
      const numbers = text.match(/\d+/g);
      if (!numbers || numbers.length !== 3) return null;
      const values = Object.fromEntries(order.map((part, index) => [part, Number(numbers[index])])) as Record<string, number>;
      if (numbers[order.indexOf('year')].length !== 4) return null;
      const date = new Date(Date.UTC(values.year, values.month - 1, values.day));
      if (date.getUTCFullYear() !== values.year || date.getUTCMonth() !== values.month - 1 || date.getUTCDate() !== values.day) return null;
      return date.toISOString().slice(0, 10);
    },
    writeTime(iso) {
      if (!iso) return '';
      const date = new Date(iso);
      if (Number.isNaN(date.getTime())) return '';
      const two = (n: number) => String(n).padStart(2, '0');
      const day = `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
      return `${this.write(day)} ${two(date.getHours())}:${two(date.getMinutes())}`;
    },
    readTime(text) {
      const [, dayText, hours = '0', minutes = '0'] = /^(.*?\d{4}[^\d]*?)(?:\s+(\d{1,2})[:.](\d{2}))?\s*$/.exec(text.trim()) ?? [];
      const day = dayText === undefined ? null : this.read(dayText);
      if (!day || Number(hours) > 23 || Number(minutes) > 59) return null;
      const [year, month, date] = day.split('-').map(Number);
      return new Date(year, month - 1, date, Number(hours), Number(minutes)).toISOString();
    },
  };
}

const cache = new Map<string, Formatters>();

/** Made on first use: building an Intl formatter costs a phone milliseconds, and a page uses few of them. */
function once<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

/** The formatters of a language ('en', 'bg'), made once per language. */
export function formatters(locale: string): Formatters {
  const known = cache.get(locale);
  if (known) return known;
  const numbers = once(() => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }));
  const percents = once(() => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }));
  const units = Object.fromEntries(
    UNITS.map(({ unit }) => [
      unit,
      once(() => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 })),
    ]),
  );
  const dateTimes = once(() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }));
  const days = once(() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }));
  const months = once(() => new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }));
  const regions = once(() => new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' }));
  const collator = once(() => new Intl.Collator(locale));
  const quarterWord = once(() => new Intl.DisplayNames([locale], { type: 'dateTimeField' }).of('quarter') ?? 'Q');
  const dateInput = once(() => dateInputFormat(locale));
  const asDate = (iso: string | Date) => (iso instanceof Date ? iso : new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso));
  const made: Formatters = {
    locale,
    number: (value) => (value === null || value === undefined ? '-' : numbers().format(value)),
    percent: (rate) => (rate === null || rate === undefined ? '-' : percents().format(rate)),
    duration(seconds) {
      if (seconds === null || seconds === undefined) return '-';
      const { unit, seconds: size } = UNITS.find((candidate) => seconds < candidate.below)!;
      return units[unit]().format(unit === 'minute' ? Math.round(seconds / size) : seconds / size);
    },
    dateTime: (iso) => (iso ? dateTimes().format(asDate(iso)) : '-'),
    date: (iso) => (iso ? days().format(asDate(iso)) : '-'),
    country(code) {
      if (!code) return '-';
      try {
        return regions().of(code.toUpperCase()) ?? code;
      } catch {
        return code;
      }
    },
    compare: (a, b) => collator().compare(a, b),
    period(groupBy, key, fallback) {
      if (groupBy === 'WEEK' && /^\d{4}-\d{2}-\d{2}$/.test(key)) {
        const monday = asDate(key);
        // The last word stays with the one before it ("2026 г.", "22, 2026") when the name wraps.
        return days()
          .formatRange(monday, new Date(monday.getTime() + 6 * DAY))
          .replace(/ (\S+)$/, '\u00a0$1');
      }
      if (groupBy === 'MONTH' && /^\d{4}-\d{2}$/.test(key)) return months().format(asDate(`${key}-01`));
      const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
      if (groupBy === 'QUARTER' && quarter) {
        const word = quarterWord();
        return `${word[0].toLocaleUpperCase(locale)}${word.slice(1)} ${quarter[2]}, ${quarter[1]}`;
      }
      return fallback;
    },
    get dateInput() {
      return dateInput();
    },
  };
  cache.set(locale, made);
  return made;
}
