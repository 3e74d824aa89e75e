/**
 * Webhook delivery across server processes on one database, with a real receiver on the loopback: two servers
 * deliver each event once in the common case, and a server killed with SIGKILL mid-delivery (after the receiver's
 * 2xx, before the commit: the fault point webhook.accepted) loses nothing: the next server delivers what was left,
 * the event caught in the window again with the same Webhook-Id, so the receiver dedupes it.
 */
import { SmtpPeer } from '../support/smtp-peer';
import { seedDueOrders, ServerProcess, TestDatabase, useMigratedDatabase, waitFor } from '../process/support';
import { Receiver, startReceiver } from './receiver';

let db: TestDatabase;
let peer: SmtpPeer;
let receiver: Receiver;

useMigratedDatabase(
  () => SmtpPeer.start(),
  (ready) => ({ db, peer } = ready),
);
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.close());
beforeEach(async () => {
  receiver.received.length = 0;
  receiver.answer = () => ({ status: 200, body: 'ok' });
  await db.query(`UPDATE webhook_endpoint SET enabled = false`);
  await db.query(
    `INSERT INTO webhook_endpoint (url, events, description, secret, enabled, created_at, updated_at)
     VALUES ($1, '{order.setup_email_sent}', 'process test', 'whsec_process', true, now(), now())`,
    [`${receiver.url}/process`],
  );
});

const ENV = { WEBHOOK_ALLOW_PRIVATE: 'true' };

async function deliveries(prefix: string): Promise<{ pending: number; delivered: number; events: number }> {
  const [row] = await db.query(
    `SELECT count(*) FILTER (WHERE d.status = 'PENDING')::int AS pending, count(*) FILTER (WHERE d.status = 'DELIVERED')::int AS delivered,
            count(DISTINCT e.id)::int AS events
       FROM integration_event e JOIN orders o ON o.id = e.order_id LEFT JOIN event_delivery d ON d.event_id = e.id
      WHERE o.subscription_id LIKE $1`,
    [`Sub-${prefix}-%`],
  );
  return row;
}

const receivedIds = (prefix: string, subscriptions: Map<string, string>) =>
  receiver.received.filter((r) => subscriptions.get(r.event.data.orderId)?.startsWith(`Sub-${prefix}-`)).map((r) => r.event.id);

async function subscriptionsOf(prefix: string): Promise<Map<string, string>> {
  const rows = await db.query(`SELECT id, subscription_id FROM orders WHERE subscription_id LIKE $1`, [`Sub-${prefix}-%`]);
  return new Map(rows.map((r) => [r.id, r.subscription_id]));
}

test('two servers on one database deliver each event once', async () => {
  const DUE = 40;
  await seedDueOrders(db, 'pair', DUE);
  const [a, b] = await Promise.all([
    ServerProcess.spawn({ name: 'A', databaseUrl: db.url, smtpUrl: peer.url, env: ENV }),
    ServerProcess.spawn({ name: 'B', databaseUrl: db.url, smtpUrl: peer.url, env: ENV }),
  ]);
  await Promise.all([a.ready(), b.ready()]);
  await waitFor(
    async () => (await deliveries('pair')).delivered === DUE,
    90_000,
    async () => `${JSON.stringify(await deliveries('pair'))}, ${receiver.received.length} received\nA:\n${a.log}\nB:\n${b.log}`,
  );
  const ids = receivedIds('pair', await subscriptionsOf('pair'));
  expect(ids).toHaveLength(DUE);
  expect(new Set(ids).size).toBe(DUE);
  expect(await deliveries('pair')).toEqual({ pending: 0, delivered: DUE, events: DUE });
  await Promise.all([a.stop(10_000), b.stop(10_000)]);
});

test('a server killed after the receiver answered 2xx but before recording it loses nothing: the next delivers the rest', async () => {
  const DUE = 40;
  const KILLED_AT = 10;
  await seedDueOrders(db, 'crash', DUE);
  const first = await ServerProcess.spawn({
    name: 'first',
    databaseUrl: db.url,
    smtpUrl: peer.url,
    env: { ...ENV, FAULT_KILL_AT: 'webhook.accepted', FAULT_KILL_AFTER: String(KILLED_AT) },
  });
  await first.ended();
  expect(first.child.signalCode).toBe('SIGKILL');

  const subscriptions = await subscriptionsOf('crash');
  const beforeRestart = receivedIds('crash', subscriptions);
  const afterKill = await deliveries('crash');
  // The receiver answered 2xx to at least the killed delivery that the database never recorded.
  // Four deliveries run at once in a process: besides the one killed, up to three others may have had their 2xx
  // and not committed yet.
  expect(afterKill.delivered).toBeLessThan(KILLED_AT);
  expect(afterKill.delivered).toBeGreaterThanOrEqual(KILLED_AT - 4);
  expect(beforeRestart.length).toBeGreaterThanOrEqual(KILLED_AT);
  const lost = await db.query(`SELECT d.event_id FROM event_delivery d WHERE d.status = 'PENDING' AND d.event_id = ANY ($1)`, [
    beforeRestart,
  ]);
  expect(lost.length).toBeGreaterThanOrEqual(1);
  // Every event recorded: the emails went out before the webhooks, and no event is missing.
  expect(afterKill.events).toBe(DUE);

  const second = await ServerProcess.spawn({ name: 'second', databaseUrl: db.url, smtpUrl: peer.url, env: ENV });
  await second.ready();
  await waitFor(
    async () => (await deliveries('crash')).delivered === DUE,
    90_000,
    async () => `${JSON.stringify(await deliveries('crash'))}\n${second.log}`,
  );
  const ids = receivedIds('crash', subscriptions);
  expect(new Set(ids).size).toBe(DUE);
  // The duplicates are exactly the deliveries caught between the 2xx and the commit, each with the same body.
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  const twice = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
  expect(twice.sort()).toEqual(lost.map((r) => r.event_id).sort());
  for (const id of twice) {
    const bodies = receiver.received.filter((r) => r.event.id === id).map((r) => r.body);
    expect(new Set(bodies).size).toBe(1);
  }
  await second.stop(10_000);
});
