/**
 * The built server, as deployed, on its embedded PostgreSQL: /healthz answers while requests hang, and SIGTERM ends
 * it within 10 s, a request in flight answered, a stalled one cut after the grace, the PostgreSQL stopped with it.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../server/db/embedded';
import { buildServer, postgresRunningIn, startOnEmbeddedPostgres } from './support';

let dataDir: string;

beforeAll(() => {
  buildServer();
  dataDir = mkdtempSync(join(tmpdir(), 'wxcc-shutdown-'));
  // Run as root, the embedded PostgreSQL drops to a postgres user, who must be able to reach the data dir.
  chmodSync(dataDir, 0o755);
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const BODY = JSON.stringify({ query: '{ supportedCountries { code } }' });

/**
 * A POST whose body is held back after its first byte: the server has the request (it answered 100 Continue)
 * and waits for the rest. `finish` sends the rest; `answer` is everything the server wrote after 100 Continue.
 */
async function heldRequest(port: number): Promise<{ finish(): void; answer: Promise<string>; socket: Socket }> {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  const answer = new Promise<string>((done) => socket.on('close', () => done(received.replace(/^HTTP\/1\.1 100 Continue\r\n\r\n/, ''))));
  await new Promise<void>((continued) => {
    socket.on('data', (chunk) => {
      received += chunk;
      if (received.startsWith('HTTP/1.1 100 Continue\r\n\r\n')) continued();
    });
    socket.write(
      `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${BODY.length}\r\n` +
        `Expect: 100-continue\r\nConnection: close\r\n\r\n${BODY[0]}`,
    );
  });
  return { finish: () => socket.write(BODY.slice(1)), answer, socket };
}

test('SIGTERM: a request in flight is answered, a stalled one cut after the grace, and all is over within 10 s', async () => {
  const port = await freePort();
  const { child, output } = await startOnEmbeddedPostgres(dataDir, port);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  try {
    const inFlight = await heldRequest(port);
    const stalled = await heldRequest(port);
    // Two requests hang; the health check does not wait for them.
    expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toEqual({ status: 'ok' });

    const signalled = performance.now();
    child.kill('SIGTERM');
    inFlight.finish();
    const answer = await inFlight.answer;
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)).data.supportedCountries.length).toBeGreaterThanOrEqual(60);

    // The stalled request's connection is closed without an answer, after the grace of 5 s.
    expect(await stalled.answer).toBe('');
    expect(performance.now() - signalled).toBeGreaterThanOrEqual(4_900);
    expect(await exited).toBe(0);
    expect(performance.now() - signalled).toBeLessThan(10_000);
    expect(postgresRunningIn(dataDir)).toBe(false);
    // A clean stop says nothing at warn (40) or above: the job runner stops before the PostgreSQL under it.
    expect(
      output()
        .split('\n')
        .filter((line) => line.startsWith('{') && JSON.parse(line).level >= 40),
    ).toEqual([]);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}, 120_000);
