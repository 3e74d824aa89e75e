/** A metric's range is checked before any work: each refusal as the client sees it, and the edges that are accepted. */
import { MetricGrouping } from '../../server/metrics/metric.types';
import { checkRange, periodsOf, RANGE_LIMITS } from '../../server/metrics/range';
import { Harness, startHarness } from '../support/harness';

let h: Harness;
let analyst: string;

const METRICS = ['onboardingFunnel', 'onboardingDropOff', 'provisioningDurations', 'trialMetrics', 'caseMetrics'];
const GROUPINGS = Object.values(MetricGrouping);

beforeAll(async () => {
  h = await startHarness();
  analyst = await h.staffToken('ANALYST');
});
afterAll(() => h.close());

async function ask(metric: string, range: { from: string; to: string }, groupBy: string) {
  return h.gql(
    `query ($range: MetricRange!, $groupBy: MetricGrouping!) { ${metric}(range: $range, groupBy: $groupBy) { group { key label } } }`,
    { range, groupBy },
    { token: analyst },
  );
}

function refusal(message: string) {
  return {
    data: null,
    errors: [expect.objectContaining({ message, extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'range' }) })],
  };
}

const BOUNDS = 'range.from and range.to must be from 2000-01-01 to 2100-12-31.';

test.each([
  // The range that looped forever: the week after 9999-12-27 is +010000-01-03, which compared as a string before 9999-12-31.
  ['past year 9999', { from: '9999-12-25', to: '9999-12-31' }, BOUNDS],
  ['before 2000', { from: '1999-12-31', to: '2000-01-06' }, BOUNDS],
  ['ending after 2100', { from: '2100-12-01', to: '2101-01-01' }, BOUNDS],
  ['year 0', { from: '0000-01-01', to: '0000-01-31' }, BOUNDS],
  ['backwards', { from: '2026-12-01', to: '2026-11-01' }, 'range.from must be on or before range.to.'],
  [
    'five years and a day',
    { from: '2021-03-04', to: '2026-03-04' },
    'A range spans at most 5 years: from 2021-03-04, range.to must be on or before 2026-03-03.',
  ],
  [
    'the whole century',
    { from: '2000-01-01', to: '2100-12-31' },
    'A range spans at most 5 years: from 2000-01-01, range.to must be on or before 2004-12-31.',
  ],
  [
    'five years from a 29 February and a day',
    { from: '2024-02-29', to: '2029-03-01' },
    'A range spans at most 5 years: from 2024-02-29, range.to must be on or before 2029-02-28.',
  ],
])('a range %s is refused by every metric and grouping, naming the range and its limit', async (_, range, message) => {
  for (const metric of METRICS) {
    for (const groupBy of GROUPINGS) expect(await ask(metric, range, groupBy)).toEqual(refusal(message));
  }
});

test('a date that is not a day of the calendar is refused naming the range', async () => {
  const result = await ask('onboardingFunnel', { from: '2026-02-30', to: '2026-03-01' }, 'WEEK');
  expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
});

test('the longest ranges are answered: exactly 5 years, with every week or month of it', async () => {
  const weeks = await ask('onboardingFunnel', { from: '2021-03-04', to: '2026-03-03' }, 'WEEK');
  expect(weeks.errors).toBeUndefined();
  const weekKeys = weeks.data.onboardingFunnel.map((g: any) => g.group.key);
  expect(weekKeys).toHaveLength(262);
  expect([weekKeys[0], weekKeys.at(-1)]).toEqual(['2021-03-01', '2026-03-02']);
  expect(weeks.data.onboardingFunnel[0].group.label).toBe('2021-W09');

  const months = await ask('caseMetrics', { from: '2024-02-29', to: '2029-02-28' }, 'MONTH');
  expect(months.errors).toBeUndefined();
  const monthKeys = months.data.caseMetrics.map((g: any) => g.group.key);
  expect(monthKeys).toHaveLength(61);
  expect([monthKeys[0], monthKeys.at(-1)]).toEqual(['2024-02', '2029-02']);

  for (const metric of METRICS) {
    expect((await ask(metric, { from: '2096-01-01', to: '2100-12-31' }, 'MONTH')).errors).toBeUndefined();
    expect((await ask(metric, { from: '2000-01-01', to: '2004-12-31' }, 'COUNTRY')).errors).toBeUndefined();
  }
  // One day at each end of what is allowed.
  expect((await ask('trialMetrics', { from: '2000-01-01', to: '2000-01-01' }, 'WEEK')).data.trialMetrics).toEqual([
    { group: { key: '1999-12-27', label: '1999-W52' } },
  ]);
  expect((await ask('trialMetrics', { from: '2100-12-31', to: '2100-12-31' }, 'MONTH')).data.trialMetrics).toEqual([
    { group: { key: '2100-12', label: '2100-12' } },
  ]);
});

test('no period grouping holds more than 400 groups in 5 years, and a tighter cap refuses with the count it allows', () => {
  const longest = { from: new Date('2023-01-01T00:00:00Z'), to: new Date('2027-12-31T00:00:00Z') };
  for (const groupBy of GROUPINGS) {
    const periods = periodsOf(groupBy, checkRange(longest, groupBy));
    if (periods) expect(periods.length).toBeLessThanOrEqual(RANGE_LIMITS.groups);
  }
  // 2024-12-30 to 2025-12-28 is 52 whole ISO weeks; a day more starts the 53rd.
  const cap = { ...RANGE_LIMITS, groups: 52 };
  const year = { from: new Date('2024-12-30T00:00:00Z'), to: new Date('2025-12-28T00:00:00Z') };
  expect(periodsOf(MetricGrouping.WEEK, checkRange(year, MetricGrouping.WEEK, cap))).toHaveLength(52);
  const more = { ...year, to: new Date('2025-12-29T00:00:00Z') };
  expect(() => checkRange(more, MetricGrouping.WEEK, cap)).toThrow(
    expect.objectContaining({
      message: 'Grouped by WEEK, a range holds at most 52 weeks.',
      extensions: { code: 'BAD_USER_INPUT', argument: 'range' },
    }),
  );
  expect(() => checkRange(more, MetricGrouping.COUNTRY, cap)).not.toThrow();
});

test('the walk over periods stops at its cap whatever range it is given', () => {
  const unchecked = { from: '9999-12-25', to: '9999-12-31' };
  expect(periodsOf(MetricGrouping.WEEK, unchecked)).toEqual([
    { key: '9999-12-20', label: '9999-W51' },
    { key: '9999-12-27', label: '9999-W52' },
  ]);
  expect(periodsOf(MetricGrouping.MONTH, { from: '2000-01-01', to: '9999-12-31' })).toHaveLength(RANGE_LIMITS.groups);
});
