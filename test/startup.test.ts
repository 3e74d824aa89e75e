/**
 * What `npm start` does on a fresh machine: build, start an embedded PostgreSQL under the data dir,
 * migrate, print the GraphQL URL and the first admin's login, serve; and on SIGTERM stop it all.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../server/db/embedded';

const root = join(__dirname, '..');
let dataDir: string;

beforeAll(() => {
  execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json'], { cwd: root });
  dataDir = mkdtempSync(join(tmpdir(), 'wxcc-start-'));
  // Run as root, the embedded PostgreSQL drops to a postgres user, who must be able to reach the data dir.
  chmodSync(dataDir, 0o755);
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function postgresRunningIn(dir: string): boolean {
  try {
    return execFileSync('pgrep', ['-f', dir]).toString().trim() !== '';
  } catch {
    return false;
  }
}

async function start(port: number): Promise<{ child: ChildProcess; output: () => string }> {
  // NODE_ENV=production as deployed (jest sets test, which would hide signal handling that differs outside tests).
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  delete env.ADMIN_EMAIL;
  delete env.ADMIN_PASSWORD;
  const child = spawn(process.execPath, ['dist/server/main.js'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  await new Promise<void>((ready, failed) => {
    const poll = setInterval(() => {
      if (!output.includes('GraphQL API:')) return;
      clearInterval(poll);
      ready();
    }, 50);
    child.once('exit', (code) => {
      clearInterval(poll);
      failed(new Error(`server exited with ${code}: ${output}`));
    });
  });
  return { child, output: () => output };
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  child.kill('SIGTERM');
  return exited;
}

test('a fresh start serves the API on the embedded database, prints the admin login once, and SIGTERM leaves nothing behind', async () => {
  const port = await freePort();
  const first = await start(port);
  try {
    expect(first.output()).toContain(`GraphQL API: http://localhost:${port}/graphql`);
    expect(first.output()).toMatch(/First administrator: admin@localhost \/ password \S+ \(shown once\)/);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ready' });
    const countries = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ supportedCountries { code } }' }),
    });
    expect((await countries.json()).data.supportedCountries.length).toBeGreaterThanOrEqual(60);
  } finally {
    expect(await stop(first.child)).toBe(0);
  }
  expect(postgresRunningIn(dataDir)).toBe(false);

  // The data is kept between runs: the admin exists, so no password is printed again.
  const second = await start(port);
  try {
    expect(second.output()).not.toContain('First administrator');
  } finally {
    expect(await stop(second.child)).toBe(0);
  }
  expect(postgresRunningIn(dataDir)).toBe(false);
}, 60_000);
