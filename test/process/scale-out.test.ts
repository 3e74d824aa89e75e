/**
 * Two server processes on one database, started together after a quiet spell: both run their
 * catch-up sweep at once, yet every order due today gets exactly one Set up now email and every
 * order whose window ran out is closed once. Both serve, and a staff login on one works on the other.
 */
import { SmtpPeer } from '../support/smtp-peer';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  dueOrderRows,
  linkTokenIn,
  messageIdOf,
  ordersNotSetUpOnce,
  seedDueOrders,
  seedExpiredAwaitingOrders,
  ServerProcess,
  sha256,
  sentCount,
  TestDatabase,
  waitFor,
  useMigratedDatabase,
} from './support';

const DUE = 200;
const EXPIRED = 50;

let db: TestDatabase;
let peer: SmtpPeer;
let a: ServerProcess;
let b: ServerProcess;

// A first server migrates the new database, then goes away.
useMigratedDatabase(
  () => SmtpPeer.start(),
  (ready) => ({ db, peer } = ready),
);

test('two servers starting together send each due Set up now email once and close each expired order once', async () => {
  await seedDueOrders(db, 'due', DUE);
  await seedExpiredAwaitingOrders(db, 'expired', EXPIRED);

  // Both start at the same moment; each sweeps on start.
  [a, b] = await Promise.all([
    ServerProcess.spawn({ name: 'A', databaseUrl: db.url, smtpUrl: peer.url }),
    ServerProcess.spawn({ name: 'B', databaseUrl: db.url, smtpUrl: peer.url }),
  ]);
  await Promise.all([a.ready(), b.ready()]);

  // Wait until every row is SENT. A row is marked SENT only after the peer accepted its message while the row was
  // locked, so once all are, nothing can be in flight any more and what the peer holds is final.
  await waitFor(
    async () => (await sentCount(db)) >= DUE && peer.messages.length >= DUE,
    45_000,
    async () => `${await sentCount(db)} outbox rows SENT, ${peer.messages.length} messages at the peer\nA:\n${a.log}\nB:\n${b.log}`,
  );

  // Both serve, each on its own port.
  for (const server of [a, b]) {
    const ready = await server.get('/readyz');
    expect({ server: server.name, status: ready.status, body: ready.body }).toEqual({
      server: server.name,
      status: 200,
      body: { status: 'ready' },
    });
  }

  // A representative logs in on A; B accepts the token (the signing key is shared through the database).
  const [anOrder] = await db.query(`SELECT id, subscription_id FROM orders WHERE subscription_id = 'Sub-due-1'`);
  const login = await a.gql(`mutation ($input: LoginInput!) { login(input: $input) { token userErrors { code } } }`, {
    input: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
  });
  expect(login.errors).toBeUndefined();
  expect(login.data.login.userErrors).toEqual([]);
  const token: string = login.data.login.token;
  const onB = await b.gql(`query ($id: ID!) { order(id: $id) { id subscriptionId status } }`, { id: anOrder.id }, token);
  expect(onB.errors).toBeUndefined();
  expect(onB.data.order).toEqual({ id: anOrder.id, subscriptionId: 'Sub-due-1', status: 'AWAITING_PROVISIONING_DETAILS' });
  // And without it, B refuses.
  const anonymous = await b.gql(`query ($id: ID!) { order(id: $id) { id } }`, { id: anOrder.id });
  expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

  // Each due order: awaiting details, claimed once (version 2), one unrevoked link, one SETUP_LINK email, SENT on the first attempt.
  const due = await dueOrderRows(db, 'due');
  expect(due).toHaveLength(DUE);
  expect(ordersNotSetUpOnce(due)).toEqual([]);
  expect(Number((await db.query(`SELECT count(*) AS n FROM outbox_email`))[0].n)).toBe(DUE);

  // The peer got exactly one message per order: 200 distinct Message-IDs, the outbox rows' own, one per recipient,
  // each carrying the link whose hash the order's one link row holds.
  expect(peer.messages).toHaveLength(DUE);
  const byMessageId = peer.countByMessageId();
  expect(byMessageId.size).toBe(DUE);
  expect([...byMessageId.values()].every((n) => n === 1)).toBe(true);
  expect([...byMessageId.keys()].sort()).toEqual(due.map((o) => messageIdOf(o.outbox_id)).sort());
  for (const order of due) {
    const received = peer.messagesTo(order.email);
    expect({ to: order.email, count: received.length }).toEqual({ to: order.email, count: 1 });
    expect(received[0].messageId).toBe(messageIdOf(order.outbox_id));
    const token = linkTokenIn(received[0].text);
    expect(token).toBeDefined();
    expect(sha256(token!).equals(order.token_hash)).toBe(true);
  }

  // Each expired order was closed exactly once.
  const expired: { subscription_id: string; status: string; version: number }[] = await db.query(
    `SELECT subscription_id, status, version FROM orders WHERE subscription_id LIKE 'Sub-expired-%'`,
  );
  expect(expired).toHaveLength(EXPIRED);
  expect(expired.filter((o) => o.status !== 'CLOSED' || o.version !== 2)).toEqual([]);
}, 60_000);

test('both servers stop on SIGTERM, exiting 0 (a server still running 5 s after the signal is killed, and exits with none)', async () => {
  expect(a.running && b.running).toBe(true);
  const codes = await Promise.all([a.stop(5_000), b.stop(5_000)]);
  expect({ codes, log: codes.every((code) => code === 0) ? '' : `A:\n${a.log}\nB:\n${b.log}` }).toEqual({ codes: [0, 0], log: '' });
}, 15_000);
