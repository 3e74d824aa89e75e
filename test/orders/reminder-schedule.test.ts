/** SETUP_REMINDERS: the default schedule, a custom one, and a readable refusal of one that cannot be read. */
import { loadConfig, setupReminders } from '../../server/config';
import { DEFAULT_REMINDERS, parseReminderSchedule, reminderTimes } from '../../server/orders/setup-reminders';

test('by default: a 30-day window after 7 and 14 days and 2 days before it closes; a 7-day window after 3 days and 1 day before', () => {
  expect(DEFAULT_REMINDERS).toBe('30:+7,+14,-2;7:+3,-1');
  const schedule = setupReminders({});
  expect([...schedule]).toEqual([
    [30, [23, 16, 2]],
    [7, [4, 1]],
  ]);
  const closes = new Date('2026-12-31T09:00:00Z');
  expect(reminderTimes(schedule, 30, closes).map((t) => t.toISOString())).toEqual([
    '2026-12-08T09:00:00.000Z',
    '2026-12-15T09:00:00.000Z',
    '2026-12-29T09:00:00.000Z',
  ]);
  expect(reminderTimes(schedule, 7, closes).map((t) => t.toISOString())).toEqual(['2026-12-27T09:00:00.000Z', '2026-12-30T09:00:00.000Z']);
  expect(reminderTimes(schedule, 14, closes)).toEqual([]);
  expect(loadConfig({}).setupReminders).toEqual(schedule);
});

test('a schedule of its own, spaces allowed, and none at all', () => {
  expect([...parseReminderSchedule(' 30 : -1 , +10 ; 14:+7 ')]).toEqual([
    [30, [20, 1]],
    [14, [7]],
  ]);
  expect(setupReminders({ SETUP_REMINDERS: 'none' }).size).toBe(0);
});

test.each([
  ['30:7', '"30:7" is not a setup window with reminders: write each setup window as its length in days'],
  ['30:+7;30:+8', 'the 30-day window is listed twice'],
  ['30:+30', '+30 is not inside the 30-day window'],
  ['7:-7', '-7 is not inside the 7-day window'],
  ['30:+28,-2', 'the 30-day window has two reminders on the same day'],
  ['0:+1', 'a setup window of 0 days: windows last 1 to 365 days'],
  ['monthly', '"monthly" is not a setup window with reminders'],
])('SETUP_REMINDERS=%s is refused at start, saying why', (value, reason) => {
  expect(() => loadConfig({ SETUP_REMINDERS: value })).toThrow(`SETUP_REMINDERS=${value}: ${reason}`);
});
