/**
 * What `npm start` does on a fresh machine: build, start an embedded PostgreSQL under the data dir,
 * migrate, print the GraphQL URL and the first admin's login, serve; and on SIGTERM stop it all.
 */
import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../server/db/embedded';
import { buildServer, postgresRunningIn, startOnEmbeddedPostgres } from './process/support';

let dataDir: string;

beforeAll(() => {
  buildServer();
  dataDir = mkdtempSync(join(tmpdir(), 'wxcc-start-'));
  // Run as root, the embedded PostgreSQL drops to a postgres user, who must be able to reach the data dir.
  chmodSync(dataDir, 0o755);
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  child.kill('SIGTERM');
  return exited;
}

test('a fresh start serves the API on the embedded database, prints the admin login once, and SIGTERM leaves nothing behind', async () => {
  const port = await freePort();
  const first = await startOnEmbeddedPostgres(dataDir, port);
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
  const second = await startOnEmbeddedPostgres(dataDir, port);
  try {
    expect(second.output()).not.toContain('First administrator');
  } finally {
    expect(await stop(second.child)).toBe(0);
  }
  expect(postgresRunningIn(dataDir)).toBe(false);
}, 60_000);
