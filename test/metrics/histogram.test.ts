/**
 * Packed duration histograms: what PostgreSQL packs (metric_histogram_cell) the server reads back (Histogram), on the
 * same bucket scale as metric_duration_bucket, and ranks as percentile_disc does.
 */
import { BUCKET_SECONDS, Histogram } from '../../server/metrics/histogram';
import { Harness, startHarness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** Cells packed by PostgreSQL from (bucket in seconds, count) pairs, in the order given. */
async function packed(pairs: [bucket: number, n: number][]): Promise<Buffer> {
  const [{ cells }] = await h.db.query(
    `SELECT string_agg(metric_histogram_cell(b, n), ''::bytea ORDER BY i) AS cells FROM unnest($1::int[], $2::int[]) WITH ORDINALITY p(b, n, i)`,
    [pairs.map(([b]) => b), pairs.map(([, n]) => n)],
  );
  return cells;
}

test('every bucket of the scale is named the same in PostgreSQL and in the server, and packs to its k', async () => {
  const rows: { k: number; bucket: number; named: number; cell: Buffer }[] = await h.db.query(
    `SELECT k, b AS bucket, metric_duration_bucket(60 * power(1.05::double precision, k) - 0.001) AS named,
       metric_histogram_cell(b, 7) AS cell
     FROM generate_series(0, $1 - 1) k, LATERAL (SELECT ceil(60 * power(1.05::double precision, k))::int AS b) x ORDER BY k`,
    [BUCKET_SECONDS.length],
  );
  expect(rows.map((r) => r.bucket)).toEqual(BUCKET_SECONDS);
  // A duration just under 60 s × 1.05^k is counted in bucket k.
  expect(rows.filter((r) => r.named !== r.bucket)).toEqual([]);
  expect(rows.filter((r) => r.cell.readInt16BE(0) !== r.k || r.cell.readInt32BE(2) !== 7 || r.cell.length !== 6)).toEqual([]);
  // The last bucket is the last below 2^31 seconds: the scale covers every duration an int holds.
  expect(BUCKET_SECONDS.at(-1)! * 1.05).toBeGreaterThan(2 ** 31);
});

test('a histogram sums the cells of several periods and ranks them nearest-rank, as percentile_disc does', async () => {
  // Two periods: buckets 60 s (k 0) ×3, 63 s (k 1) ×1, 67 s (k 2) ×2; then 63 s ×4, 3600 s's bucket ×10.
  const hour = BUCKET_SECONDS.find((seconds) => seconds >= 3600)!;
  const histogram = new Histogram()
    .add(
      await packed([
        [60, 3],
        [63, 1],
        [67, 2],
      ]),
    )
    .add(
      await packed([
        [63, 4],
        [hour, 10],
      ]),
    );
  // 20 durations: ranks 1-3 at 60 s, 4-8 at 63 s, 9-10 at 67 s, 11-20 at the hour's bucket.
  expect(histogram.total).toBe(20);
  // Median: the ceil(0.5 × 20) = 10th; p90: the 18th; p40: the 8th; p5: the first.
  expect(histogram.percentiles(0.05, 0.4, 0.5, 0.9)).toEqual([60, 63, 67, hour]);

  const [plain] = await h.db.query(
    `SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY d) AS median, percentile_disc(0.9) WITHIN GROUP (ORDER BY d) AS p90
     FROM unnest(array_fill(60, ARRAY[3]) || array_fill(63, ARRAY[5]) || array_fill(67, ARRAY[2]) || array_fill($1::int, ARRAY[10])) d`,
    [hour],
  );
  expect(histogram.percentiles(0.5, 0.9)).toEqual([plain.median, plain.p90]);

  // Cleared, it ranks only what is added after: nothing of the hour's bucket is left over.
  histogram.clear().add(await packed([[63, 2]]));
  expect(histogram.total).toBe(2);
  expect(histogram.percentiles(0.5, 1)).toEqual([63, 63]);
  expect(histogram.clear().percentiles(0.5)).toEqual([null]);
});

test('an empty histogram has no percentiles, and a malformed one is refused', () => {
  expect(new Histogram().percentiles(0.5, 0.9)).toEqual([null, null]);
  expect(() => new Histogram().add(Buffer.alloc(7))).toThrow('6-byte cells, not 7 bytes');
  const outside = Buffer.alloc(6);
  outside.writeInt16BE(BUCKET_SECONDS.length, 0);
  expect(() => new Histogram().add(outside)).toThrow(`bucket ${BUCKET_SECONDS.length} is outside the duration scale`);
});
