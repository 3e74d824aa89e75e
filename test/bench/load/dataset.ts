/**
 * The database the load and console benchmarks run on. With orders = 0, an empty migrated database
 * in a temporary directory. Otherwise the generated data set (server/db/seed/generator.ts) of that
 * many orders, kept between runs under .data/bench-<orders>/ because seeding a million orders takes
 * minutes: the PostgreSQL cluster there holds the seeded database `wxcc_seed`, never served, and
 * each run works on `wxcc_run`, a fresh copy of it (CREATE DATABASE ... TEMPLATE), so that what one
 * run writes never reaches the next. dataset.json beside it says what was generated (orders, seed,
 * `now`, a hash of the generator's code); when that is not what is asked, it is generated again.
 * Migrations added since are run on the seeded database, so each index is built once.
 *
 * One benchmark at a time per data set: a run holds `lock` in its directory (its pid) until it
 * closes, and another waits for it, since both would copy into the same `wxcc_run` (and measure each
 * other's load).
 *
 * The generated history ends at the `now` of its seeding: the server started on a copy days later
 * catches up at start (setup emails that fell due, windows that closed) as it would after being
 * down, and the benchmarks wait for that before measuring (waitForCatchUp).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createDataSource, migrate } from '../../../server/db/data-source';
import { generateData } from '../../../server/db/seed/generator';
import { refreshMetrics } from '../../../server/metrics/rollups';
import { Bench, REPO_ROOT, sleep, startDatabase } from '../env';
import { table } from '../stats';

export interface Dataset {
  /** The embedded cluster, with `db.url` and `admin` on the database to serve. */
  bench: Bench;
  /** What dataset.json says of the generated data (null for an empty database). */
  generated: Marker | null;
  close(): Promise<void>;
}

export interface DatasetOptions {
  orders: number;
  seed: number;
  /** Load pg_stat_statements (tracking statements inside functions and triggers too) to report where PostgreSQL spends its time. */
  statementStats?: boolean;
}

interface Marker {
  orders: number;
  seed: number;
  /** The generator's `now`, ISO 8601. */
  now: string;
  /** sha256 of the compiled generator: a changed generator makes a new data set. */
  generator: string;
  /** What generateData reported. */
  summary: unknown;
  /** How long generating took, in seconds. */
  seconds: number;
}

const SEED_DB = 'wxcc_seed';
const RUN_DB = 'wxcc_run';

const STATEMENT_STATS = 'pg_stat_statements';

/**
 * The cluster with shared_preload_libraries set to `preload` ('' for none), restarted when it was not: the setting
 * stays in postgresql.auto.conf, so a run without statement statistics takes it out again.
 */
async function withPreload(cluster: Bench, dir: string, preload: string): Promise<Bench> {
  const { rows } = await cluster.admin.query<{ shared_preload_libraries: string }>('SHOW shared_preload_libraries');
  if (rows[0].shared_preload_libraries === preload) return cluster;
  if (preload) {
    await cluster.admin.query(`ALTER SYSTEM SET shared_preload_libraries = '${preload}'`);
    await cluster.admin.query(`ALTER SYSTEM SET ${STATEMENT_STATS}.track = 'all'`);
  } else {
    await cluster.admin.query('ALTER SYSTEM RESET shared_preload_libraries');
    await cluster.admin.query(`ALTER SYSTEM RESET ${STATEMENT_STATS}.track`);
  }
  await cluster.admin.end();
  await cluster.db.stop();
  return startDatabase(dir, { persistent: true, database: 'postgres' });
}

/**
 * Where PostgreSQL spent its time since the last call (pg_stat_statements, when the data set was opened with
 * statementStats): the `limit` statements of the most execution time, as lines of a table; then starts counting anew.
 */
export async function statementStats(admin: Client, limit = 25): Promise<string> {
  const { rows } = await admin.query<{ calls: string; total: number; mean: number; rows: string; blocks: number; query: string }>(
    `SELECT calls, total_exec_time AS total, mean_exec_time AS mean, rows,
            (shared_blks_hit + shared_blks_read)::float8 / greatest(calls, 1) AS blocks, query
       FROM ${STATEMENT_STATS} WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
      ORDER BY total_exec_time DESC LIMIT $1`,
    [limit],
  );
  await admin.query(`SELECT ${STATEMENT_STATS}_reset()`);
  const figures = table(
    ['calls', 'total ms', 'mean ms', 'rows', 'blocks/call'],
    rows.map((r) => [String(r.calls), r.total.toFixed(0), r.mean.toFixed(3), String(r.rows), r.blocks.toFixed(0)]),
  ).split('\n');
  // The statement last and unpadded: the figures stay aligned however long it is.
  const statements = ['statement', '', ...rows.map((r) => r.query.replace(/\s+/g, ' ').slice(0, 240))];
  return figures.map((line, i) => `${line}  ${statements[i]}`).join('\n');
}

/**
 * Runs the server's migrations on a database, as the server would at start, then refreshes the metrics' days they
 * marked stale (a migration that moves orders fires their triggers), so that each copy does not start by
 * recomputing them; true when some ran.
 */
async function migrated(url: string): Promise<boolean> {
  const db = createDataSource({ url, statementTimeoutMs: 0 });
  await db.initialize();
  try {
    const pending = await db.showMigrations();
    if (pending) await migrate(db);
    const [{ stale }] = await db.query('SELECT EXISTS (SELECT FROM metric_stale_day) AS stale');
    if (stale) await refreshMetrics(db);
    return pending || stale;
  } finally {
    await db.destroy();
  }
}

function urlOf(clusterUrl: string, database: string): string {
  const url = new URL(clusterUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

function generatorHash(): string {
  return createHash('sha256')
    .update(readFileSync(join(REPO_ROOT, 'dist', 'server', 'db', 'seed', 'generator.js')))
    .digest('hex');
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function emptyDataset(): Promise<Dataset> {
  const dir = mkdtempSync(join(tmpdir(), 'load-bench-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', removeDir);
  const bench = await startDatabase(dir);
  await migrated(bench.db.url);
  return {
    bench,
    generated: null,
    close: async () => {
      await bench.admin.end().catch(() => undefined);
      await bench.db.stop();
      removeDir();
    },
  };
}

/** Takes the data set's lock, waiting while a live process holds it; returns its release. */
async function lock(dir: string): Promise<() => void> {
  const path = join(dir, 'lock');
  let waiting = false;
  for (;;) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      const release = () => {
        process.off('exit', release);
        if (existsSync(path) && readFileSync(path, 'utf8') === String(process.pid)) rmSync(path, { force: true });
      };
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = holderOf(path);
    if (!Number.isInteger(holder) || holder <= 0) {
      await sleep(100); // released meanwhile, or its holder is writing its pid
      continue;
    }
    if (!isAlive(holder)) {
      rmSync(path, { force: true });
      continue;
    }
    if (!waiting) console.log(`Waiting for the benchmark in process ${holder} to finish with ${dir}.`);
    waiting = true;
    await sleep(2000);
  }
}

/** The pid in a lock file, or NaN while it is being written or after it was removed. */
function holderOf(path: string): number {
  try {
    return Number(readFileSync(path, 'utf8') || NaN);
  } catch {
    return NaN;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function openDataset(options: DatasetOptions): Promise<Dataset> {
  if (options.orders === 0) return emptyDataset();
  const dir = join(REPO_ROOT, '.data', `bench-${options.orders}`);
  mkdirSync(dir, { recursive: true });
  const release = await lock(dir);
  let cluster: Bench;
  try {
    cluster = await startDatabase(dir, { persistent: true, database: 'postgres' });
    cluster = await withPreload(cluster, dir, options.statementStats ? STATEMENT_STATS : '');
  } catch (error) {
    release();
    throw error;
  }
  try {
    const { admin } = cluster;
    // A benchmark killed during a statement capture leaves it switched on in postgresql.auto.conf.
    await admin.query('ALTER SYSTEM RESET log_statement');
    await admin.query('ALTER SYSTEM RESET log_line_prefix');
    await admin.query('SELECT pg_reload_conf()');

    const markerPath = join(dir, 'dataset.json');
    const hash = generatorHash();
    let marker: Marker | null = existsSync(markerPath) ? (JSON.parse(readFileSync(markerPath, 'utf8')) as Marker) : null;
    const seeded = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [SEED_DB])).rowCount === 1;
    const seedUrl = urlOf(cluster.db.url, SEED_DB);
    if (!seeded || marker?.orders !== options.orders || marker.seed !== options.seed || marker.generator !== hash) {
      rmSync(markerPath, { force: true });
      await admin.query(`DROP DATABASE IF EXISTS ${RUN_DB} WITH (FORCE)`);
      await admin.query(`DROP DATABASE IF EXISTS ${SEED_DB} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${SEED_DB}`);
      await migrated(seedUrl);
      const now = new Date();
      console.log(`Generating ${options.orders.toLocaleString('en')} orders (seed ${options.seed}) into ${dir}; this takes a while, once.`);
      const started = performance.now();
      const summary = await withClient(seedUrl, async (client) => {
        const generated = await generateData(client, { orders: options.orders, seed: options.seed, now });
        await client.query('VACUUM ANALYZE');
        return generated;
      });
      const seconds = Math.round((performance.now() - started) / 1000);
      marker = { orders: options.orders, seed: options.seed, now: now.toISOString(), generator: hash, summary, seconds };
      writeFileSync(markerPath, JSON.stringify(marker, null, 2) + '\n');
      console.log(`Generated in ${seconds} s: ${JSON.stringify(summary)}`);
    } else if (await migrated(seedUrl)) {
      // New migrations (indexes, rewritten tables) ran on the kept data: give the planner their statistics, and mark
      // the rewritten pages all-visible so that index-only scans need not visit them, as autovacuum would by the time.
      await withClient(seedUrl, (client) => client.query('VACUUM ANALYZE'));
    }

    await admin.query(`DROP DATABASE IF EXISTS ${RUN_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${RUN_DB} TEMPLATE ${SEED_DB} STRATEGY FILE_COPY`);
    const runUrl = urlOf(cluster.db.url, RUN_DB);
    const runAdmin = new Client({ connectionString: runUrl });
    runAdmin.on('error', () => undefined);
    await runAdmin.connect();
    if (options.statementStats) await runAdmin.query(`CREATE EXTENSION IF NOT EXISTS ${STATEMENT_STATS}`);
    await admin.end();
    const bench: Bench = { ...cluster, db: { url: runUrl, stop: cluster.db.stop }, admin: runAdmin };
    return {
      bench,
      generated: marker,
      close: async () => {
        await runAdmin.end().catch(() => undefined);
        await cluster.db.stop();
        release();
      },
    };
  } catch (error) {
    await cluster.admin.end().catch(() => undefined);
    await cluster.db.stop();
    release();
    throw error;
  }
}

/**
 * Waits until the server has caught up with what fell due between the data set's `now` and today:
 * no booked order past its start date, no open window past its end, no email waiting to be logged.
 */
export async function waitForCatchUp(admin: Client, limitMs = 10 * 60_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const { rows } = await admin.query<{ due: number }>(
      `SELECT (SELECT count(*) FROM orders WHERE status = 'BOOKED' AND requested_start_date <= (now() AT TIME ZONE 'UTC')::date)
            + (SELECT count(*) FROM orders WHERE status = 'AWAITING_PROVISIONING_DETAILS' AND window_closes_at <= now())
            + (SELECT count(*) FROM outbox_email WHERE status = 'PENDING' AND logged_at IS NULL) AS due`,
    );
    if (Number(rows[0].due) === 0) return;
    if (Date.now() > deadline) throw new Error(`the server did not catch up within ${limitMs / 1000} s: ${rows[0].due} things due`);
    await sleep(500);
  }
}
