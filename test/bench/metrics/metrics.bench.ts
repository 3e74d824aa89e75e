/**
 * npm run bench:metrics: each onboarding metric through the real server process, at 10 thousand, 100 thousand and
 * a million generated orders (about ten session events each; test/bench/load/dataset.ts keeps each data set under
 * .data/bench-<orders>/), beside the same metric computed by one plain SQL statement over the raw tables
 * (test/support/metrics-plain-sql.ts) in the same run. Before measuring, the API's answer and the plain SQL's are
 * compared; the bench exits 1 when they differ.
 *
 * Grouped by a dimension the API answers its default `top` (25) groups and OTHERS, and the plain SQL ranks and folds
 * the same way. Each metric's CSV export by partner org (every group, read to its end over HTTP) is measured too,
 * after its rows are compared with the plain SQL's every group.
 *
 * Printed per size, metric and grouping: the answer's groups, p50 and p99 of the API and of the plain SQL, and how
 * many times faster the API is; per size and metric, the export's groups and p50, and p50 per group; then, per
 * metric, the API's p50 at the largest size over its p50 at the smallest, the export's per group likewise, and the
 * server's peak resident set. Aims: at most 3x from 10 thousand to a million (the export: per group), at least 10x
 * faster than the plain SQL at a million, and a server peak resident set under 250 MB.
 *
 * Settings (environment): BENCH_SIZES (default 10000,100000,1000000), BENCH_SEED (1), BENCH_REQUESTS API samples
 * per query (default 50), BENCH_PLAIN_REQUESTS plain SQL samples per query (default 5), BENCH_EXPORT_REQUESTS
 * samples per export (default 10), BENCH_DAYS the range, the last days of the data set (default 365).
 */
import 'reflect-metadata';
import { cpus, totalmem } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { GraphQLClient, startServer } from '../env';
import { openDataset, waitForCatchUp } from '../load/dataset';
import { ensureBenchAdmin, staffToken } from '../load/order-list';
import { ms, percentile, table } from '../stats';
import { API_SELECTIONS, csvGroups, Grouping, METRICS } from '../../support/metrics-plain-sql';

const GROUPINGS: Grouping[] = ['WEEK', 'COUNTRY', 'PARTNER_ORG'];
const AIM_SCALING = 3;
const AIM_SPEEDUP = 10;
const AIM_PEAK_RSS_MB = 250;
/** The plain SQL's `top` for every group: more than any data set has. */
const EVERY_GROUP = 1_000_000;

function settings(env = process.env) {
  const int = (name: string, fallback: number, min: number) => {
    const value = env[name] ? Number(env[name]) : fallback;
    if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}, not ${env[name]}`);
    return value;
  };
  const sizes = (env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
  if (sizes.some((size) => !Number.isInteger(size) || size < 1))
    throw new Error(`BENCH_SIZES must list whole numbers, not ${env.BENCH_SIZES}`);
  return {
    sizes,
    seed: int('BENCH_SEED', 1, 0),
    requests: int('BENCH_REQUESTS', 50, 1),
    plainRequests: int('BENCH_PLAIN_REQUESTS', 5, 1),
    exportRequests: int('BENCH_EXPORT_REQUESTS', 10, 1),
    days: int('BENCH_DAYS', 365, 1),
  };
}

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await work();
  return [performance.now() - started, result];
}

interface Row {
  size: number;
  metric: string;
  grouping: Grouping;
  /** How many groups the answer has: by partner org it grows with the data set, as more partners have facts. */
  groups: number;
  api: number[];
  plain: number[];
}

/** An export's figures at one size: how many groups its CSV holds, and how long reading it took. */
interface ExportRow {
  size: number;
  metric: string;
  groups: number;
  times: number[];
}

interface SizeResult {
  rows: Row[];
  exports: ExportRow[];
  /** The server's peak resident set over the size's whole run, in MB. */
  peakRssMb: number | null;
}

async function measureSize(size: number, s: ReturnType<typeof settings>): Promise<SizeResult> {
  const dataset = await openDataset({ orders: size, seed: s.seed });
  const { admin } = dataset.bench;
  await ensureBenchAdmin(admin);
  const server = await startServer(dataset.bench.db.url);
  const client = new GraphQLClient(server.url, 1);
  try {
    await waitForCatchUp(admin);
    // What the catch-up changed reaches the rollups at the server's next refresh.
    for (let stale = 1; stale > 0;) {
      stale = Number((await admin.query('SELECT count(*) AS n FROM metric_stale_day')).rows[0].n);
      if (stale > 0) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const token = await staffToken(server.url);
    const to = new Date(dataset.generated!.now).toISOString().slice(0, 10);
    const from = new Date(Date.parse(to) - (s.days - 1) * 86_400_000).toISOString().slice(0, 10);
    const range = { from, to };
    const rows: Row[] = [];
    for (const metric of METRICS) {
      for (const grouping of GROUPINGS) {
        const body = JSON.stringify({
          query: `query ($range: MetricRange!, $groupBy: MetricGrouping!) { ${metric.query}(range: $range, groupBy: $groupBy) { ${API_SELECTIONS[metric.query]} } }`,
          variables: { range, groupBy: grouping },
        });
        const ask = async () => {
          const response = await client.post(body, token);
          if (response.errors) throw new Error(`${metric.query} by ${grouping}: ${JSON.stringify(response.errors)}`);
          return response.data![metric.query] as any[];
        };
        const [, answer] = await timed(ask);
        const [, plainAnswer] = await timed(() => metric.plain(admin, range, grouping));
        if (!isDeepStrictEqual(metric.normalize(answer), plainAnswer)) {
          throw new Error(`${metric.query} by ${grouping} at ${size} orders differs from the plain SQL`);
        }
        const api: number[] = [];
        for (let i = 0; i < s.requests; i += 1) api.push((await timed(ask))[0]);
        const plain: number[] = [];
        for (let i = 0; i < s.plainRequests; i += 1) plain.push((await timed(() => metric.plain(admin, range, grouping)))[0]);
        rows.push({ size, metric: metric.query, grouping, groups: answer.length, api, plain });
        console.log(
          `  ${size} orders, ${metric.query} by ${grouping}: API p50 ${ms(percentile(api, 50))}, plain SQL p50 ${ms(percentile(plain, 50))}`,
        );
      }
    }
    const exports: ExportRow[] = [];
    for (const metric of METRICS) {
      const exportUrl = `${server.url}/exports/metrics/${metric.query}.csv?${new URLSearchParams({ groupBy: 'PARTNER_ORG', ...range })}`;
      const read = async () => {
        const response = await fetch(exportUrl, { headers: { authorization: `Bearer ${token}` } });
        if (response.status !== 200) throw new Error(`${metric.query} export: HTTP ${response.status} ${await response.text()}`);
        return response.text();
      };
      const groups = csvGroups(metric.query, await read());
      if (!isDeepStrictEqual(metric.normalize(groups), await metric.plain(admin, range, 'PARTNER_ORG', EVERY_GROUP))) {
        throw new Error(`${metric.query} export by PARTNER_ORG at ${size} orders differs from the plain SQL`);
      }
      const times: number[] = [];
      for (let i = 0; i < s.exportRequests; i += 1) times.push((await timed(read))[0]);
      exports.push({ size, metric: metric.query, groups: groups.length, times });
      console.log(`  ${size} orders, ${metric.query} export by PARTNER_ORG: ${groups.length} groups, p50 ${ms(percentile(times, 50))}`);
    }
    const peakRssKb = server.peakRssKb();
    const [{ orders, events }] = (
      await admin.query('SELECT (SELECT count(*) FROM orders)::int AS orders, (SELECT count(*) FROM provisioning_event)::int AS events')
    ).rows;
    console.log(`  data set: ${orders} orders, ${events} session events; range ${from} to ${to}`);
    return { rows, exports, peakRssMb: peakRssKb === null ? null : peakRssKb / 1024 };
  } finally {
    client.close();
    await server.stop();
    await dataset.close();
  }
}

async function main() {
  const s = settings();
  console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model}, ${Math.round(totalmem() / 2 ** 30)} GiB`);
  const rows: Row[] = [];
  const exports: ExportRow[] = [];
  const peaks: [number, number | null][] = [];
  for (const size of s.sizes) {
    const result = await measureSize(size, s);
    rows.push(...result.rows);
    exports.push(...result.exports);
    peaks.push([size, result.peakRssMb]);
  }

  console.log(`\nEach metric over the last ${s.days} days (API: ${s.requests} samples, plain SQL: ${s.plainRequests})\n`);
  console.log(
    table(
      ['orders', 'metric', 'by', 'groups', 'API p50', 'API p99', 'plain p50', 'plain p99', 'API faster (p50)'],
      rows.map((r) => [
        r.size.toLocaleString('en'),
        r.metric,
        r.grouping,
        String(r.groups),
        ms(percentile(r.api, 50)),
        ms(percentile(r.api, 99)),
        ms(percentile(r.plain, 50)),
        ms(percentile(r.plain, 99)),
        `${(percentile(r.plain, 50) / percentile(r.api, 50)).toFixed(1)}x`,
      ]),
    ),
  );

  const perGroup = (r: ExportRow) => percentile(r.times, 50) / Math.max(1, r.groups);
  console.log(`\nEach metric's export by PARTNER_ORG over the last ${s.days} days (${s.exportRequests} samples)\n`);
  console.log(
    table(
      ['orders', 'metric', 'groups', 'p50', 'p99', 'p50 per group'],
      exports.map((r) => [
        r.size.toLocaleString('en'),
        r.metric,
        String(r.groups),
        ms(percentile(r.times, 50)),
        ms(percentile(r.times, 99)),
        `${(perGroup(r) * 1000).toFixed(1)} µs`,
      ]),
    ),
  );

  const smallest = Math.min(...s.sizes);
  const largest = Math.max(...s.sizes);
  if (smallest !== largest) {
    console.log(
      `\nScaling: the API's p50 at ${largest.toLocaleString('en')} orders over its p50 at ${smallest.toLocaleString('en')} (aim: at most ${AIM_SCALING}x)\n`,
    );
    const scaling = rows
      .filter((r) => r.size === largest)
      .map((big) => {
        const small = rows.find((r) => r.size === smallest && r.metric === big.metric && r.grouping === big.grouping)!;
        const ratio = percentile(big.api, 50) / percentile(small.api, 50);
        const speedup = percentile(big.plain, 50) / percentile(big.api, 50);
        return [
          big.metric,
          big.grouping,
          `${ratio.toFixed(2)}x`,
          ratio <= AIM_SCALING ? 'yes' : 'NO',
          `${speedup.toFixed(1)}x`,
          speedup >= AIM_SPEEDUP ? 'yes' : 'NO',
        ];
      });
    console.log(
      table(['metric', 'by', 'scaling', 'within aim', `faster than plain at ${largest.toLocaleString('en')}`, 'within aim'], scaling),
    );
    console.log(
      `\nThe export's p50 per group at ${largest.toLocaleString('en')} orders over the same at ${smallest.toLocaleString('en')}\n`,
    );
    console.log(
      table(
        ['metric', 'scaling per group', 'within aim'],
        exports
          .filter((r) => r.size === largest)
          .map((big) => {
            const small = exports.find((r) => r.size === smallest && r.metric === big.metric)!;
            const ratio = perGroup(big) / perGroup(small);
            return [big.metric, `${ratio.toFixed(2)}x`, ratio <= AIM_SCALING ? 'yes' : 'NO'];
          }),
      ),
    );
  }
  console.log(`\nServer peak resident set (VmHWM) per size (aim: under ${AIM_PEAK_RSS_MB} MB)\n`);
  console.log(
    table(
      ['orders', 'peak RSS', 'within aim'],
      peaks.map(([size, mb]) => [
        size.toLocaleString('en'),
        mb === null ? '-' : `${mb.toFixed(0)} MB`,
        mb === null ? '-' : mb < AIM_PEAK_RSS_MB ? 'yes' : 'NO',
      ]),
    ),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
