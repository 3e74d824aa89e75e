/** A metric's range is read as whole months, whole weeks and the days left over, without gaps or overlaps. */
import { MetricGrouping } from '../../server/metrics/metric.types';
import { segmentsOf } from '../../server/metrics/metrics.service';

const range = (from: string, to: string) => ({ from, to });

test('by a dimension: the whole months, then whole weeks and days at either end', () => {
  // Wed 2025-01-15 to Sun 2025-04-20: the rest of January holds the week of Monday the 20th; April, up to the 20th, the weeks of the 7th and 14th.
  expect(segmentsOf(MetricGrouping.COUNTRY, range('2025-01-15', '2025-04-20'))).toEqual([
    { grain: 'DAY', from: '2025-01-15', to: '2025-01-19' },
    { grain: 'WEEK', from: '2025-01-20', to: '2025-01-20' },
    { grain: 'DAY', from: '2025-01-27', to: '2025-01-31' },
    { grain: 'MONTH', from: '2025-02-01', to: '2025-03-01' },
    { grain: 'DAY', from: '2025-04-01', to: '2025-04-06' },
    { grain: 'WEEK', from: '2025-04-07', to: '2025-04-14' },
  ]);
});

test('by week: whole weeks and the days of the partial weeks; by month: whole months and days', () => {
  expect(segmentsOf(MetricGrouping.WEEK, range('2025-01-15', '2025-02-05'))).toEqual([
    { grain: 'DAY', from: '2025-01-15', to: '2025-01-19' },
    { grain: 'WEEK', from: '2025-01-20', to: '2025-01-27' },
    { grain: 'DAY', from: '2025-02-03', to: '2025-02-05' },
  ]);
  expect(segmentsOf(MetricGrouping.MONTH, range('2024-12-30', '2025-03-31'))).toEqual([
    { grain: 'DAY', from: '2024-12-30', to: '2024-12-31' },
    { grain: 'MONTH', from: '2025-01-01', to: '2025-03-01' },
  ]);
});

test('a range shorter than a week is read by days; a single whole month or week by itself', () => {
  expect(segmentsOf(MetricGrouping.OFFER, range('2026-11-24', '2026-11-26'))).toEqual([
    { grain: 'DAY', from: '2026-11-24', to: '2026-11-26' },
  ]);
  expect(segmentsOf(MetricGrouping.REGION, range('2026-02-01', '2026-02-28'))).toEqual([
    { grain: 'MONTH', from: '2026-02-01', to: '2026-02-01' },
  ]);
  expect(segmentsOf(MetricGrouping.WEEK, range('2026-11-23', '2026-11-29'))).toEqual([
    { grain: 'WEEK', from: '2026-11-23', to: '2026-11-23' },
  ]);
});
