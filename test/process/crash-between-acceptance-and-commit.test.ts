/**
 * The one moment a crash can make an email go out twice: a server delivers an outbox row by sending
 * it to the relay inside the transaction that holds the row, and marks it SENT after the relay has
 * accepted it. Killed after the relay's acceptance and before that commit, the server leaves the row
 * PENDING (its transaction rolls back), and the next server sends it again. No SMTP sender can close
 * this window (marking SENT before sending would lose the email instead), so delivery is at least
 * once: the copy carries the same Message-ID, the outbox row's id, so a relay or a mailbox can discard
 * it, and the same link, so the contact's two emails lead to the same wizard. Every other email still
 * goes out exactly once.
 *
 * A kill at a random moment lands in this window now and then (with a kill a few milliseconds after
 * an acceptance, most of the time); here it is made to land there on purpose: the server kills itself
 * at its fault point `mail.accepted` (FAULT_KILL_AT, docs/testing.md), after the relay's 30th acceptance.
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
/** The relay accepts this many emails; the server dies as the relay accepts the last of them. */
const ACCEPTED_BEFORE_KILL = 30;

let db: TestDatabase;
let peer: SlowSmtpPeer;

useMigratedDatabase(
  () => SlowSmtpPeer.start(PEER_DELAY_MS),
  (ready) => ({ db, peer } = ready),
);

test('a server killed after the relay accepted an email but before recording it: that one email goes out twice, with the same Message-ID and link; no other', async () => {
  await seedDueOrders(db, 'window', DUE);

  // The relay accepts the 30th email, and the server dies before it can commit SENT.
  const first = await ServerProcess.spawn({
    name: 'first',
    databaseUrl: db.url,
    smtpUrl: peer.url,
    env: { FAULT_KILL_AT: 'mail.accepted', FAULT_KILL_AFTER: String(ACCEPTED_BEFORE_KILL) },
  });
  const accepted = await new Promise<AcceptedMessage>((found, failed) => {
    first.child.once('exit', () => failed(new Error(`the first server exited before the relay accepted its 30th email:\n${first.log}`)));
    peer.onAccepting = (message) => {
      if (peer.messages.length < ACCEPTED_BEFORE_KILL - 1) return;
      peer.onAccepting = null;
      found(message);
    };
  });
  await first.ended();
  expect(first.child.signalCode).toBe('SIGKILL');

  // The relay has 30; the database recorded 29: the 30th is still PENDING, with no attempt recorded.
  expect(peer.messages).toHaveLength(ACCEPTED_BEFORE_KILL);
  expect(peer.messages[ACCEPTED_BEFORE_KILL - 1].messageId).toBe(accepted.messageId);
  expect(await sentCount(db)).toBe(ACCEPTED_BEFORE_KILL - 1);
  const [acceptedRow] = await db.query(`SELECT status, attempts FROM outbox_email WHERE $1 = '<' || id || '@outbox.wxcc-provisioning>'`, [
    accepted.messageId,
  ]);
  expect(acceptedRow).toEqual({ status: 'PENDING', attempts: 0 });

  // A new server process catches up on its first sweep.
  const second = await ServerProcess.spawn({ name: 'second', databaseUrl: db.url, smtpUrl: peer.url });
  await waitFor(
    async () => (await sentCount(db)) === DUE,
    30_000,
    async () => `${await sentCount(db)} of ${DUE} SENT, ${peer.messages.length} at the relay\n${second.log}`,
  );
  await second.ready();

  // Nothing lost; one email twice, the one in the window: 101 messages, 100 distinct Message-IDs.
  const rows = await dueOrderRows(db, 'window');
  expect(rows).toHaveLength(DUE);
  expect(peer.messages).toHaveLength(DUE + 1);
  const byMessageId = peer.countByMessageId();
  expect(byMessageId.size).toBe(DUE);
  expect([...byMessageId.keys()].sort()).toEqual(rows.map((o) => messageIdOf(o.outbox_id)).sort());
  expect([...byMessageId.entries()].filter(([, n]) => n !== 1)).toEqual([[accepted.messageId, 2]]);

  // Both copies carry the same link, the order's one link; the order itself was set up once.
  expect(ordersNotSetUpOnce(rows)).toEqual([]);
  const twice = rows.find((o) => messageIdOf(o.outbox_id) === accepted.messageId)!;
  const copies = peer.messages.filter((m) => m.messageId === accepted.messageId);
  expect(copies.map((m) => m.to)).toEqual([[twice.email], [twice.email]]);
  expect(copies.map((m) => sha256(linkTokenIn(m.decoded)!).equals(twice.token_hash))).toEqual([true, true]);

  // Every other contact got exactly one email, with the order's link.
  for (const order of rows.filter((o) => o !== twice)) {
    const received = peer.messages.filter((m) => m.to.includes(order.email));
    expect({ to: order.email, count: received.length }).toEqual({ to: order.email, count: 1 });
    expect(received[0].messageId).toBe(messageIdOf(order.outbox_id));
    expect(sha256(linkTokenIn(received[0].decoded)!).equals(order.token_hash)).toBe(true);
  }
}, 60_000);
