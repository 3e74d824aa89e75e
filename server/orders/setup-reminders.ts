/**
 * When the provisioning contact is reminded before an order's setup window closes: per window length, each
 * reminder as days after the window opened (+N) or days before it closes (-N), written as SETUP_REMINDERS reads it.
 */

/** Per window length in days, its reminders as days before the window closes, earliest reminder first. */
export type ReminderSchedule = ReadonlyMap<number, readonly number[]>;

export const DEFAULT_REMINDERS = '30:+7,+14,-2;7:+3,-1';

const MAX_WINDOW_DAYS = 365;
const FORMAT =
  'each setup window as its length in days, a colon and its reminders: +N for N days after the Set up now email, -N for N days before the window closes; windows separated by ";", as in "30:+7,+14,-2;7:+3,-1", or "none"';

/** The schedule written as "30:+7,+14,-2;7:+3,-1" (or "none"); throws an Error saying what is wrong. */
export function parseReminderSchedule(text: string): ReminderSchedule {
  const schedule = new Map<number, number[]>();
  if (text.trim().toLowerCase() === 'none') return schedule;
  for (const part of text.split(';').map((p) => p.trim())) {
    const match = /^(\d+)\s*:\s*([+-]\d+(?:\s*,\s*[+-]\d+)*)$/.exec(part);
    if (!match) throw new Error(`"${part}" is not a setup window with reminders: write ${FORMAT}`);
    const windowDays = Number(match[1]);
    if (windowDays < 1 || windowDays > MAX_WINDOW_DAYS)
      throw new Error(`a setup window of ${windowDays} days: windows last 1 to ${MAX_WINDOW_DAYS} days`);
    if (schedule.has(windowDays)) throw new Error(`the ${windowDays}-day window is listed twice`);
    const before = match[2].split(',').map((written) => {
      const days = Number(written.trim());
      const daysBefore = days > 0 ? windowDays - days : -days;
      if (daysBefore <= 0 || daysBefore >= windowDays) {
        throw new Error(
          `${written.trim()} is not inside the ${windowDays}-day window: a reminder falls after it opens and before it closes`,
        );
      }
      return daysBefore;
    });
    if (new Set(before).size !== before.length) throw new Error(`the ${windowDays}-day window has two reminders on the same day`);
    schedule.set(
      windowDays,
      before.sort((a, b) => b - a),
    );
  }
  return schedule;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** When an order's reminders are due, earliest first, from when its window closes. */
export function reminderTimes(schedule: ReminderSchedule, windowDays: number, windowClosesAt: Date): Date[] {
  return (schedule.get(windowDays) ?? []).map((before) => new Date(windowClosesAt.getTime() - before * DAY_MS));
}

/** The schedule as two parallel arrays, for SQL: each reminder's window length and its days before the close. */
export function reminderRows(schedule: ReminderSchedule): { windowDays: number[]; daysBefore: number[] } {
  const rows = [...schedule].flatMap(([windowDays, before]) => before.map((daysBefore) => [windowDays, daysBefore]));
  return { windowDays: rows.map(([w]) => w), daysBefore: rows.map(([, b]) => b) };
}
