import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The percentile metrics read their histograms packed: one row per period, group and measure (or case kind), its
 * occupied buckets in one bytea of 6-byte cells (the bucket's k as int2, where the bucket is ceil(60 s × 1.05^k), and
 * its count as int4, both big-endian, in bucket order). The server sums and ranks them (server/metrics/histogram.ts).
 *
 * At a million orders a median by country over a year read 200 thousand bucket rows and ranked them in PostgreSQL
 * (133 ms); packed, it reads 3,700 rows. The per-bucket tables stay the rollups' source of truth, kept by
 * differences as before; the refresh repacks the periods of the groups whose days changed.
 */
const HISTOGRAMS: [packed: string, source: string, part: string, count: string][] = [
  ['metric_duration_histogram', 'metric_duration', 'measure', 'orders'],
  ['metric_case_resolution_histogram', 'metric_case_resolution', 'kind', 'cases'],
];

export class MetricHistograms1764700000000 implements MigrationInterface {
  name = 'MetricHistograms1764700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION metric_histogram_cell(bucket int, n int) RETURNS bytea LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT int2send(round(ln(bucket / 60::double precision) / ln(1.05::double precision))::smallint) || int4send(n)
      $$`);
    for (const [packed, source, part, count] of HISTOGRAMS) {
      await db.query(`
        CREATE TABLE ${packed} (
          dim text NOT NULL,
          grain text NOT NULL CHECK (grain IN ('DAY', 'WEEK', 'MONTH')),
          day date NOT NULL,
          value text NOT NULL,
          ${part} text NOT NULL,
          cells bytea NOT NULL,
          PRIMARY KEY (dim, grain, day, value, ${part})
        )`);
      await db.query(`
        INSERT INTO ${packed} (dim, grain, day, value, ${part}, cells)
        SELECT dim, grain, day, value, ${part}, string_agg(metric_histogram_cell(bucket, ${count}), ''::bytea ORDER BY bucket)
        FROM ${source} WHERE ${count} > 0
        GROUP BY dim, grain, day, value, ${part}
        ORDER BY dim, grain, day, value, ${part}`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const [packed] of HISTOGRAMS) await db.query(`DROP TABLE ${packed}`);
    await db.query('DROP FUNCTION metric_histogram_cell(int, int)');
  }
}
