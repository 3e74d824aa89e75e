/**
 * A server killed (SIGKILL) in the middle of the morning's Set up now emails: the next server process
 * delivers the rest, and every contact gets exactly one email.
 *
 * The first server is killed at a moment the relay has accepted 30 of the 100 emails and is still
 * reading the 31st, so the server is waiting for its answer: the 31st never was accepted, its row is
 * still PENDING, and the next server sends it. The relay holds its answer to the 31st until the
 * server has hung up, so the kill lands there however long it takes. (The one moment a kill can
 * make an email go out twice, after the relay accepted it and before the server recorded that, is
 * the scenario of crash-between-acceptance-and-commit.test.ts.)
 */
import {
  AcceptedMessage,
  dueOrderRows,
  linkTokenIn,
  messageIdOf,
  ordersNotSetUpOnce,
  seedDueOrders,
  sentCount,
  ServerProcess,
  sha256,
  SlowSmtpPeer,
  TestDatabase,
  waitFor,
  useMigratedDatabase,
} from './support';

const DUE = 100;
/** The relay answers each message at once: where the server dies is decided, not raced, so no window needs widening. */
const PEER_DELAY_MS = 0;
/** How many emails the relay has accepted when the first server dies. */
const ACCEPTED_BEFORE_KILL = 30;

let db: TestDatabase;
let peer: SlowSmtpPeer;

useMigratedDatabase(
  () => SlowSmtpPeer.start(PEER_DELAY_MS),
  (ready) => ({ db, peer } = ready),
);

test('a server killed while the relay reads an email loses none and sends none twice: the next server sends the rest', async () => {
  await seedDueOrders(db, 'crash', DUE);

  // The first server starts and, in its catch-up sweep, delivers one email after another;
  // when the 31st has reached the relay, which does not answer it, the server is killed.
  peer.silentAt = ACCEPTED_BEFORE_KILL + 1;
  const first = await ServerProcess.spawn({ name: 'first', databaseUrl: db.url, smtpUrl: peer.url });
  const inFlight = await new Promise<AcceptedMessage>((arrived, failed) => {
    first.child.once('exit', () => failed(new Error(`the first server exited by itself:\n${first.log}`)));
    peer.onDataArrived = (message) => {
      if (peer.messages.length < ACCEPTED_BEFORE_KILL) return;
      peer.onDataArrived = null;
      arrived(message);
    };
  });
  await first.kill();
  expect(first.child.signalCode).toBe('SIGKILL');

  // What the relay accepted is what the database says was sent; the email in flight is still pending.
  expect(peer.messages).toHaveLength(ACCEPTED_BEFORE_KILL);
  expect(await sentCount(db)).toBe(ACCEPTED_BEFORE_KILL);
  const [inFlightRow] = await db.query(`SELECT status, attempts FROM outbox_email WHERE $1 = '<' || id || '@outbox.wxcc-provisioning>'`, [
    inFlight.messageId,
  ]);
  expect(inFlightRow).toEqual({ status: 'PENDING', attempts: 0 });
  // The relay never answered it: the sender hung up first, so it dropped the message.
  await waitFor(
    () => peer.dropped.length === 1,
    5_000,
    () => `dropped: ${peer.dropped.length}`,
  );
  expect(peer.dropped[0].messageId).toBe(inFlight.messageId);

  // A new server process catches up on its first sweep.
  const second = await ServerProcess.spawn({ name: 'second', databaseUrl: db.url, smtpUrl: peer.url });
  await waitFor(
    async () => (await sentCount(db)) === DUE,
    30_000,
    async () => `${await sentCount(db)} of ${DUE} SENT, ${peer.messages.length} at the relay\n${second.log}`,
  );
  await second.ready();

  // Nothing lost, nothing twice: 100 messages, 100 distinct Message-IDs, those of the 100 outbox rows.
  const rows = await dueOrderRows(db, 'crash');
  expect(rows).toHaveLength(DUE);
  expect(peer.messages).toHaveLength(DUE);
  const byMessageId = peer.countByMessageId();
  expect(byMessageId.size).toBe(DUE);
  expect([...byMessageId.entries()].filter(([, n]) => n !== 1)).toEqual([]);
  expect([...byMessageId.keys()].sort()).toEqual(rows.map((o) => messageIdOf(o.outbox_id)).sort());
  expect(byMessageId.get(inFlight.messageId)).toBe(1);

  // Each contact got one email, with the link of the order's one link; each order was set up once,
  // its email SENT at the first recorded attempt (the killed one left no trace).
  expect(ordersNotSetUpOnce(rows)).toEqual([]);
  for (const order of rows) {
    const received = peer.messages.filter((m) => m.to.includes(order.email));
    expect({ to: order.email, count: received.length }).toEqual({ to: order.email, count: 1 });
    expect(received[0].messageId).toBe(messageIdOf(order.outbox_id));
    expect(sha256(linkTokenIn(received[0].decoded)!).equals(order.token_hash)).toBe(true);
  }
}, 60_000);
