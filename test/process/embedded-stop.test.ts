/**
 * Stopping the embedded PostgreSQL lets its clients leave first (a smart shutdown), so that a pool which has just been
 * ended, its connections still closing, is not cut ("terminating connection due to administrator command", which
 * pg-boss logged at level 50 on a clean stop about one time in four). A client that stays is cut after a grace.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../server/db/embedded';

let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'wxcc-embedded-stop-'));
  // Run as root, the embedded PostgreSQL drops to a postgres user, who must be able to reach the data dir.
  chmodSync(dataDir, 0o755);
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

async function connected(url: string): Promise<{ client: Client; errors: Error[] }> {
  const client = new Client({ connectionString: url });
  const errors: Error[] = [];
  client.on('error', (error) => errors.push(error));
  await client.connect();
  return { client, errors };
}

test('a stop waits for a connected client to leave, and its session keeps working meanwhile', async () => {
  const database = await startEmbeddedPostgres(dataDir, { persistent: false, callerHandlesSignals: true });
  const { client, errors } = await connected(database.url);
  let stopped = false;
  const stopping = database.stop().then(() => (stopped = true));

  // Asked to stop, PostgreSQL takes no new connection, but the session that is open still answers.
  await expect(connected(database.url)).rejects.toThrow(/shutting down/);
  expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  expect(stopped).toBe(false);

  await client.end();
  await stopping;
  expect(errors).toEqual([]);
}, 60_000);

test('a client that does not leave is cut after the grace', async () => {
  const database = await startEmbeddedPostgres(dataDir, { persistent: false, callerHandlesSignals: true });
  const { client, errors } = await connected(database.url);
  const ended = new Promise<void>((done) => client.once('end', () => done()));
  await database.stop();
  await ended;
  expect(errors.map((error) => (error as Error & { code?: string }).code)).toEqual(['57P01']);
}, 60_000);
