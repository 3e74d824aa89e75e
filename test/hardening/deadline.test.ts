/** Bounded work: PostgreSQL cancels a long statement of the server's pool, and a request past its deadline is answered TIMEOUT and stopped. */
import express from 'express';
import { randomBytes } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';
import { createDataSource, migrate } from '../../server/db/data-source';
import { requestDeadline, Timers, TIMEOUT_MESSAGE } from '../../server/platform/deadline';

/** Timers that fire when the test says so. */
class ManualTimers implements Timers {
  private pending = new Map<number, () => void>();
  private next = 0;

  set(run: () => void): number {
    this.next += 1;
    this.pending.set(this.next, run);
    return this.next;
  }

  clear(timer: unknown): void {
    this.pending.delete(timer as number);
  }

  get count(): number {
    return this.pending.size;
  }

  fireAll(): void {
    const due = [...this.pending.values()];
    this.pending.clear();
    for (const run of due) run();
  }
}

const url = process.env.DATABASE_URL!;
const schema = `test_${randomBytes(6).toString('hex')}`;

beforeAll(async () => {
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
});

afterAll(async () => {
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
});

describe('the statement timeout', () => {
  test("is 15 s on the server's connections, and PostgreSQL cancels a statement that runs longer (57014)", async () => {
    const server = createDataSource({ url, schema });
    await server.initialize();
    expect(await server.query('SHOW statement_timeout')).toEqual([{ statement_timeout: '15s' }]);
    await server.destroy();

    const short = createDataSource({ url, schema, statementTimeoutMs: 100 });
    await short.initialize();
    try {
      const slow = short.query('SELECT pg_sleep(0.5)');
      await expect(slow).rejects.toBeInstanceOf(QueryFailedError);
      await expect(slow).rejects.toMatchObject({ driverError: { code: '57014' } });
      // The connection is fine afterwards, and still under the timeout.
      expect(await short.query('SHOW statement_timeout')).toEqual([{ statement_timeout: '100ms' }]);
    } finally {
      await short.destroy();
    }
  });

  test("migrations run without it, waiting for another process's as long as those take", async () => {
    const short = createDataSource({ url, schema, statementTimeoutMs: 100, poolSize: 1 });
    await short.initialize();
    const other = new Client({ connectionString: url });
    await other.connect();
    try {
      await other.query(`SELECT pg_advisory_lock(hashtext('wxcc:migrations'))`);
      const migrating = migrate(short);
      const waiting = () =>
        other.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND pid <> pg_backend_pid()`);
      while ((await waiting()).rows[0].n === 0) await new Promise((next) => setImmediate(next));
      // Another process migrating for longer than the timeout.
      await other.query('SELECT pg_sleep(0.3)');
      await other.query(`SELECT pg_advisory_unlock(hashtext('wxcc:migrations'))`);
      await migrating;
      expect(await short.showMigrations()).toBe(false);
      expect(await short.query('SHOW statement_timeout')).toEqual([{ statement_timeout: '100ms' }]);
    } finally {
      await other.end();
      await short.destroy();
    }
  });
});

describe('the request deadline', () => {
  let db: DataSource;
  let timers: ManualTimers;
  let server: ReturnType<express.Express['listen']>;
  let base: string;
  /** What the handler under test does once let go, and what became of it. */
  let work: (() => Promise<unknown>) | null;
  let release: () => void;
  let outcome: Promise<{ value?: unknown; error?: unknown }>;

  beforeAll(async () => {
    db = createDataSource({ url, schema, poolSize: 1 });
    await db.initialize();
    timers = new ManualTimers();
    const app = express();
    app.use('/graphql', requestDeadline({ ms: 20_000, timers }), (_req, res) => {
      const gate = new Promise<void>((resolve) => (release = resolve));
      outcome = gate
        .then(() => work!())
        .then(
          (value) => ({ value }),
          (error) => ({ error }),
        );
      void outcome.then(({ value, error }) => res.json({ data: { value: value ?? null, error: error ? String(error) : null } }));
    });
    await new Promise<void>((listening) => (server = app.listen(0, '127.0.0.1', () => listening())));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((closed) => server.close(closed));
    await db.destroy();
  });

  /** Sends a request and lets the handler start; the response is wrapped, so that awaiting this does not await it. */
  async function send(): Promise<{ response: Promise<Response> }> {
    const response = fetch(`${base}/graphql`, { method: 'POST' });
    while (timers.count === 0) await new Promise((next) => setImmediate(next));
    return { response };
  }

  test('a request done in time is answered as it is, and its timer is cleared', async () => {
    work = () => db.query('SELECT 1 AS one');
    const { response } = await send();
    release();
    expect(await (await response).json()).toEqual({ data: { value: [{ one: 1 }], error: null } });
    await outcome;
    expect(timers.count).toBe(0);
  });

  test('at the deadline the client gets TIMEOUT (HTTP 200, data null); the late work sends no statement and its answer is dropped', async () => {
    work = () => db.query('SELECT 1 AS one');
    const { response } = await send();
    timers.fireAll();
    const answered = await response;
    expect(answered.status).toBe(200);
    expect(await answered.json()).toEqual({ errors: [{ message: TIMEOUT_MESSAGE, extensions: { code: 'TIMEOUT' } }], data: null });
    release();
    const { error } = await outcome;
    expect(error).toMatchObject({ message: TIMEOUT_MESSAGE, extensions: { code: 'TIMEOUT' } });
  });

  test('a transaction open at the deadline is rolled back, and its connection goes back to the pool clean', async () => {
    await db.query('CREATE TABLE IF NOT EXISTS deadline_probe (n int)');
    work = () =>
      db.transaction(async (m) => {
        await m.query('INSERT INTO deadline_probe VALUES (1)');
        timers.fireAll();
        await m.query('INSERT INTO deadline_probe VALUES (2)');
      });
    const { response } = await send();
    release();
    expect((await response).status).toBe(200);
    expect((await outcome).error).toMatchObject({ extensions: { code: 'TIMEOUT' } });
    // The pool has one connection: the same one, outside any transaction, and nothing was kept.
    expect(await db.query('SELECT xact_start = query_start AS fresh FROM pg_stat_activity WHERE pid = pg_backend_pid()')).toEqual([
      { fresh: true },
    ]);
    expect(await db.query('SELECT count(*)::int AS n FROM deadline_probe')).toEqual([{ n: 0 }]);
  });
});
