/**
 * Real server processes for the process tests: the built `node dist/server/main.js`, each on a free
 * port, all on one PostgreSQL database created for the test file in the run's cluster; a slow SMTP
 * peer; and the bookkeeping that makes sure no child process outlives the test file.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { AddressInfo } from 'node:net';
import { freePort } from '../../server/db/embedded';

export const ROOT = join(__dirname, '..', '..');
export const PUBLIC_URL = 'http://setup.test';
export const ADMIN_EMAIL = 'ops-admin@wxcc-process.test';
export const ADMIN_PASSWORD = 'Process-tests-admin-1!';
export const COMMERCE_API_KEY = 'process-tests-commerce-key';

/**
 * Builds dist/ as `npm start` does, once per jest run: the first file to ask builds while holding a lock, the others
 * (in other workers too) wait for its stamp. Outside a run (WXCC_BUILD_STAMP unset) it builds every time.
 */
export function buildServer(): void {
  const stamp = process.env.WXCC_BUILD_STAMP;
  if (!stamp) return compile();
  if (existsSync(stamp)) return;
  let lock: number;
  try {
    lock = openSync(`${stamp}.lock`, 'wx');
  } catch {
    // Another file is building: wait for its stamp (a build takes seconds; a failed one removes its lock).
    for (let waited = 0; !existsSync(stamp); waited += 100) {
      if (!existsSync(`${stamp}.lock`)) return buildServer();
      if (waited > 300_000) throw new Error('waited 5 minutes for another test file to build dist/');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
    return;
  }
  try {
    compile();
    writeFileSync(stamp, '');
  } finally {
    closeSync(lock);
    rmSync(`${stamp}.lock`, { force: true });
  }
}

function compile(): void {
  try {
    execFileSync(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'pipe' });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`the build failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

/** Whether a process with this data dir in its command line (the embedded PostgreSQL) is running. */
export function postgresRunningIn(dir: string): boolean {
  try {
    return execFileSync('pgrep', ['-f', dir]).toString().trim() !== '';
  } catch {
    return false;
  }
}

/**
 * The built server as `npm start` runs it in production, on its embedded PostgreSQL under `dataDir` (no
 * DATABASE_URL, no first-admin settings, warnings and worse logged); resolves once it printed its ready line.
 * NODE_ENV=production as deployed: jest sets test, which would hide signal handling that differs outside tests.
 */
export async function startOnEmbeddedPostgres(dataDir: string, port: number): Promise<{ child: ChildProcess; output(): string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  delete env.ADMIN_EMAIL;
  delete env.ADMIN_PASSWORD;
  const child = spawn(process.execPath, ['dist/server/main.js'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  await new Promise<void>((ready, failed) => {
    const started = () => {
      if (!output.includes('GraphQL API:')) return;
      child.stdout!.off('data', started);
      child.off('exit', exited);
      ready();
    };
    const exited = (code: number | null) => failed(new Error(`server exited with ${code}: ${output}`));
    child.stdout!.on('data', started);
    child.once('exit', exited);
  });
  return { child, output: () => output };
}

// ---------------------------------------------------------------- the database

export interface TestDatabase {
  name: string;
  /** DATABASE_URL for the servers. */
  url: string;
  /** A small pool on the database, for seeding and inspecting rows. */
  pool: Pool;
  query<T = any>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Closes the pool and drops the database (call after every server stopped). */
  drop(): Promise<void>;
}

/** A fresh database `wxcc_proc_<random>` in the run's cluster (process.env.DATABASE_URL points at its `postgres` database). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const clusterUrl = process.env.DATABASE_URL;
  if (!clusterUrl) throw new Error('DATABASE_URL is not set: the jest global setup should have started PostgreSQL');
  const name = `wxcc_proc_${randomBytes(6).toString('hex')}`;
  await withClusterClient(clusterUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  const pool = new Pool({ connectionString: url.toString(), max: 4 });
  // The pool's end() returns once it has asked its connections to close, not once they have; DROP ... WITH (FORCE)
  // would then cut one still closing, and its client would throw "terminating connection due to administrator command"
  // into the test file. Each connection's end is awaited before the drop.
  const connectionsClosed: Promise<void>[] = [];
  pool.on('connect', (client) => connectionsClosed.push(new Promise((closed) => client.once('end', () => closed()))));
  let dropped = false;
  return {
    name,
    url: url.toString(),
    pool,
    async query(sql, params) {
      return (await pool.query(sql, params as unknown[])).rows;
    },
    async drop() {
      if (dropped) return;
      dropped = true;
      await pool.end();
      await Promise.all(connectionsClosed);
      await withClusterClient(clusterUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function withClusterClient(url: string, work: (client: Client) => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

/** Today's date in UTC, as the server's sweep reads it. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

export function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * Inserts `count` BOOKED orders due today (UTC), each with its own provisioning contact
 * `<prefix>-<n>@<prefix>-<n>.example` and subscription id `Sub-<prefix>-<n>`.
 */
export async function seedDueOrders(db: TestDatabase, prefix: string, count: number): Promise<void> {
  await db.query(
    `INSERT INTO orders (subscription_id, commerce_order_number, offer_code, seats, requested_start_date,
                         provisioning_contact_email, status, setup_window_days, created_at, updated_at)
     SELECT 'Sub-' || $1 || '-' || n, 'CO-' || $1 || '-' || n, 'A-WXCC-STD', 25, $2::date,
            $1 || '-' || n || '@' || $1 || '-' || n || '.example', 'BOOKED', 30, now(), now()
       FROM generate_series(1, $3::int) AS n`,
    [prefix, todayUtc(), count],
  );
}

/**
 * Inserts `count` orders that got their Set up now email 31 days ago and whose 30-day window closed
 * yesterday, still AWAITING_PROVISIONING_DETAILS at version 1: the first sweep must close them.
 */
export async function seedExpiredAwaitingOrders(db: TestDatabase, prefix: string, count: number): Promise<void> {
  await db.query(
    `INSERT INTO orders (subscription_id, commerce_order_number, offer_code, seats, requested_start_date,
                         provisioning_contact_email, status, setup_window_days, setup_email_sent_at, window_closes_at,
                         version, created_at, updated_at)
     SELECT 'Sub-' || $1 || '-' || n, 'CO-' || $1 || '-' || n, 'A-WXCC-STD', 10, (now() - interval '31 days')::date,
            $1 || '-' || n || '@' || $1 || '-' || n || '.example', 'AWAITING_PROVISIONING_DETAILS', 30,
            now() - interval '31 days', now() - interval '1 day', 1, now() - interval '40 days', now() - interval '31 days'
       FROM generate_series(1, $2::int) AS n`,
    [prefix, count],
  );
}

/** What a due order looks like after its Set up now email: the order, its links, its outbox rows, its audit. */
export interface DueOrderRow {
  id: string;
  subscription_id: string;
  email: string;
  status: string;
  version: number;
  links: number;
  unrevoked: number;
  link_id: string;
  token_hash: Buffer;
  emails: number;
  outbox_id: string;
  kind: string;
  recipient: string;
  outbox_status: string;
  attempts: number;
  outbox_link_id: string;
  audits: number;
}

/** One row per order whose subscription id starts with `Sub-<prefix>-`, in subscription id order. */
export function dueOrderRows(db: TestDatabase, prefix: string): Promise<DueOrderRow[]> {
  return db.query(
    `SELECT o.id, o.subscription_id, o.provisioning_contact_email AS email, o.status, o.version,
            (SELECT count(*)::int FROM setup_link l WHERE l.order_id = o.id) AS links,
            (SELECT count(*)::int FROM setup_link l WHERE l.order_id = o.id AND l.revoked_at IS NULL) AS unrevoked,
            (SELECT min(l.id::text) FROM setup_link l WHERE l.order_id = o.id) AS link_id,
            (SELECT min(l.token_hash) FROM setup_link l WHERE l.order_id = o.id) AS token_hash,
            (SELECT count(*)::int FROM outbox_email e WHERE e.order_id = o.id) AS emails,
            (SELECT min(e.id::text) FROM outbox_email e WHERE e.order_id = o.id) AS outbox_id,
            (SELECT min(e.kind) FROM outbox_email e WHERE e.order_id = o.id) AS kind,
            (SELECT min(e.recipient) FROM outbox_email e WHERE e.order_id = o.id) AS recipient,
            (SELECT min(e.status) FROM outbox_email e WHERE e.order_id = o.id) AS outbox_status,
            (SELECT max(e.attempts) FROM outbox_email e WHERE e.order_id = o.id) AS attempts,
            (SELECT min(e.setup_link_id::text) FROM outbox_email e WHERE e.order_id = o.id) AS outbox_link_id,
            (SELECT count(*)::int FROM audit_event ae WHERE ae.entity_id = o.id::text AND ae.action = 'order.sendSetupEmail') AS audits
       FROM orders o WHERE o.subscription_id LIKE 'Sub-' || $1 || '-%' ORDER BY o.subscription_id`,
    [prefix],
  );
}

/**
 * The orders that are not as one Set up now email makes them: awaiting details, changed once
 * (version 2), one unrevoked link, one SETUP_LINK outbox row to the contact for that link, SENT at the
 * first attempt, one audit event. An empty list when all are right.
 */
export function ordersNotSetUpOnce(rows: DueOrderRow[]): DueOrderRow[] {
  return rows.filter(
    (o) =>
      o.status !== 'AWAITING_PROVISIONING_DETAILS' ||
      o.version !== 2 ||
      o.links !== 1 ||
      o.unrevoked !== 1 ||
      o.emails !== 1 ||
      o.kind !== 'SETUP_LINK' ||
      o.recipient !== o.email ||
      o.outbox_status !== 'SENT' ||
      o.attempts !== 1 ||
      o.outbox_link_id !== o.link_id ||
      o.audits !== 1,
  );
}

export function messageIdOf(outboxId: string): string {
  return `<${outboxId}@outbox.wxcc-provisioning>`;
}

export async function sentCount(db: TestDatabase): Promise<number> {
  return Number((await db.query(`SELECT count(*) AS n FROM outbox_email WHERE status = 'SENT'`))[0].n);
}

// ---------------------------------------------------------------- server processes

const children = new Set<ChildProcess>();
// Last line of defence: a jest worker that exits takes its servers with it.
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

export interface ServerOptions {
  databaseUrl: string;
  smtpUrl: string;
  /** A label for error messages. */
  name: string;
  /** LOG_LEVEL, warn unless given. */
  logLevel?: string;
  /** More environment, applied last (NODE_ENV=production, ENTRY_RATE_LIMIT, ...). */
  env?: NodeJS.ProcessEnv;
}

export class ServerProcess {
  private output = '';
  private exitCode: number | null | undefined = undefined;
  private readonly exited: Promise<number | null>;

  private constructor(
    readonly name: string,
    readonly port: number,
    readonly child: ChildProcess,
  ) {
    child.stdout!.on('data', (chunk) => (this.output += chunk));
    child.stderr!.on('data', (chunk) => (this.output += chunk));
    this.exited = new Promise((done) =>
      child.once('exit', (code) => {
        children.delete(child);
        // null when a signal ended it.
        this.exitCode = code;
        done(code);
      }),
    );
  }

  /** Spawns `node dist/server/main.js` on a free port; does not wait for it to be ready. */
  static async spawn(options: ServerOptions): Promise<ServerProcess> {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      PORT: String(port),
      PUBLIC_URL,
      SMTP_URL: options.smtpUrl,
      LOG_LEVEL: options.logLevel ?? 'warn',
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      COMMERCE_API_KEY,
    };
    delete env.DATA_DIR;
    // Run as deployed: jest's NODE_ENV=test changes how libraries behave (Apollo Server, for one, then
    // installs no SIGINT/SIGTERM handlers of its own).
    delete env.NODE_ENV;
    Object.assign(env, options.env);
    const child = spawn(process.execPath, ['dist/server/main.js'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    return new ServerProcess(options.name, port, child);
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.exitCode === undefined;
  }

  get log(): string {
    return this.output;
  }

  /** Waits until it prints `GraphQL API:` (after migrating and its first sweep). */
  async ready(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.output.includes('GraphQL API:')) {
      if (!this.running) throw new Error(`server ${this.name} exited with ${this.exitCode} before it was ready:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`server ${this.name} not ready after ${timeoutMs} ms:\n${this.output}`);
      await pause(25);
    }
  }

  /** Waits for the process to end by itself (a fault point's SIGKILL, say); resolves with the exit code (null when killed). */
  ended(): Promise<number | null> {
    return this.exited;
  }

  /** SIGTERM, and SIGKILL if it has not exited after `graceMs`; resolves with the exit code (null when killed). */
  async stop(graceMs = 10_000): Promise<number | null> {
    if (!this.running) return this.exitCode ?? null;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** SIGKILL: the process dies where it stands. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  async gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<{ data?: T; errors?: any[] }> {
    const response = await fetch(`http://127.0.0.1:${this.port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return response.json() as Promise<{ data?: T; errors?: any[] }>;
  }

  async get(path: string): Promise<{ status: number; body: any }> {
    const response = await fetch(`http://127.0.0.1:${this.port}${path}`);
    const text = await response.text();
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: response.status, body };
  }
}

/** A relay the servers of a test file send through. */
export interface Relay {
  url: string;
  close(): Promise<void>;
}

/**
 * What every file of server processes needs around its tests: before them, the built server, the relay `startRelay`
 * gives, and a fresh database migrated by a first server, handed to `use`; after them, every server stopped, the
 * database dropped and the relay closed.
 */
export function useMigratedDatabase<R extends Relay>(
  startRelay: () => Promise<R>,
  use: (ready: { db: TestDatabase; peer: R }) => void,
): void {
  let db: TestDatabase | undefined;
  let peer: R | undefined;
  beforeAll(async () => {
    buildServer();
    peer = await startRelay();
    db = await createTestDatabase();
    await migrateWithServer(db.url, peer.url);
    use({ db, peer });
  }, 40_000);
  afterAll(async () => {
    await stopAllServers();
    await db?.drop();
    await peer?.close();
  }, 30_000);
}

/** Starts one server on the database so that it migrates it, and stops it again. */
export async function migrateWithServer(databaseUrl: string, smtpUrl: string): Promise<void> {
  const migrator = await ServerProcess.spawn({ name: 'migrator', databaseUrl, smtpUrl });
  await migrator.ready();
  await migrator.stop(5_000);
}

/** Stops every server process still running (SIGTERM, then SIGKILL). */
export async function stopAllServers(): Promise<void> {
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
          child.once('exit', () => {
            clearTimeout(timer);
            done();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}

export function pause(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** Polls `check` every `everyMs` until it returns true; throws with `describe()` after `timeoutMs`. */
export async function waitFor(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  describe: () => string | Promise<string>,
  everyMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${await describe()}`);
    await pause(everyMs);
  }
}

// ---------------------------------------------------------------- a slow SMTP peer

export interface AcceptedMessage {
  to: string[];
  messageId: string;
  /** The raw message with quoted-printable soft line breaks and =3D decoded, to find the link in. */
  decoded: string;
  /** The session (connection) it came in on. */
  sessionId: string;
}

/**
 * An SMTP peer that takes `delayMs` to answer each message's DATA. A message counts as accepted
 * (and is kept in `messages`) only when the peer answers 250 on a connection that is still open:
 * when the sender died while the peer was still thinking, the sender never learned of it, so the
 * peer drops it, as a relay does with a transaction that did not finish. The message that arrives
 * `silentAt` is never answered: the peer holds it until its sender hangs up, then drops it.
 */
export class SlowSmtpPeer {
  readonly messages: AcceptedMessage[] = [];
  /** Messages whose data arrived but whose sender hung up before the answer: never accepted. */
  readonly dropped: AcceptedMessage[] = [];
  /** Called when a message's data has arrived, before the peer answers (that is, while the sender waits). */
  onDataArrived: ((message: AcceptedMessage, waitingCount: number) => void) | null = null;
  /** Called just before the peer answers 250 for an accepted message. */
  onAccepting: ((message: AcceptedMessage) => void) | null = null;
  /** The arrival (1-based, counting every sender's) that the peer does not answer: it waits for the sender to hang up. */
  silentAt: number | null = null;
  /** Errors of connections (such as a sender that died mid-conversation). */
  readonly connectionErrors: Error[] = [];
  private readonly closedSessions = new Set<string>();
  /** What to do when a session closes, for the messages held until then. */
  private readonly onSessionClosed = new Map<string, () => void>();
  private arrived = 0;
  private server!: SMTPServer;
  port = 0;

  private constructor(readonly delayMs: number) {}

  static async start(delayMs: number): Promise<SlowSmtpPeer> {
    const peer = new SlowSmtpPeer(delayMs);
    await peer.listen();
    return peer;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** How many times each Message-ID was accepted. */
  countByMessageId(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const message of this.messages) counts.set(message.messageId, (counts.get(message.messageId) ?? 0) + 1);
    return counts;
  }

  close(): Promise<void> {
    return new Promise((done) => this.server.close(() => done()));
  }

  private listen(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      closeTimeout: 1000,
      // No reverse DNS lookup of 127.0.0.1 on every connection: it costs ~100 ms each.
      disableReverseLookup: true,
      onClose: (session: SMTPServerSession) => {
        this.closedSessions.add(session.id);
        this.onSessionClosed.get(session.id)?.();
        this.onSessionClosed.delete(session.id);
      },
      onData: (stream: SMTPServerDataStream, session: SMTPServerSession, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const message: AcceptedMessage = {
            to: session.envelope.rcptTo.map((address) => address.address),
            messageId: /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? '',
            decoded: raw.replace(/=\r?\n/g, '').replace(/=3D/gi, '='),
            sessionId: session.id,
          };
          this.arrived += 1;
          this.onDataArrived?.(message, this.arrived);
          if (this.arrived === this.silentAt) {
            const drop = () => {
              this.dropped.push(message);
              callback(new Error('connection closed'));
            };
            if (this.closedSessions.has(session.id)) drop();
            else this.onSessionClosed.set(session.id, drop);
            return;
          }
          setTimeout(() => {
            if (this.closedSessions.has(session.id)) {
              this.dropped.push(message);
              return callback(new Error('connection closed'));
            }
            this.onAccepting?.(message);
            this.messages.push(message);
            callback();
          }, this.delayMs);
        });
      },
    });
    // A sender killed mid-conversation resets its connection: an error to note, not to crash on.
    this.server.on('error', (error) => this.connectionErrors.push(error));
    return new Promise<void>((listening, failed) => {
      this.server.server.once('error', failed);
      this.server.listen(0, '127.0.0.1', () => {
        this.server.server.off('error', failed);
        this.port = (this.server.server.address() as AddressInfo).port;
        listening();
      });
    });
  }
}

/** The setup link token in a (decoded) message. */
export function linkTokenIn(text: string): string | undefined {
  return /\/setup\/(wxl_[A-Za-z0-9_-]+)/.exec(text)?.[1];
}
