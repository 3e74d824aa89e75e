/**
 * When the mail relay refuses or is down, emails wait in the outbox and are retried with backoff;
 * once the relay takes them, each email arrives exactly once, whoever delivers it.
 */
import { Harness, startHarness } from '../support/harness';
import { setupLinkIn, SmtpPeer } from '../support/smtp-peer';
import { USER_ERRORS } from '../support/wizard';

let h: Harness;
let peer: SmtpPeer;
beforeAll(async () => {
  peer = await SmtpPeer.start();
  h = await startHarness({ smtpUrl: peer.url });
});
afterAll(async () => {
  await h.close();
  await peer.close();
});
afterEach(async () => {
  peer.accept();
  await peer.restart();
});

let sequence = 0;

/** Books an order due today through the API, leaving its email in the outbox (nothing delivers it yet). */
async function submitOrder(contact: string) {
  sequence += 1;
  const result = await h.gql(
    `mutation ($input: OrderSubmitInput!) { orderSubmit(input: $input) { order { id subscriptionId status } ${USER_ERRORS} } }`,
    {
      input: {
        subscriptionId: `Sub-faults-${sequence}`,
        commerceOrderNumber: `CCW-F-${sequence}`,
        offerCode: 'WXCC-STD',
        seats: 10,
        requestedStartDate: h.clock.now().toISOString().slice(0, 10),
        provisioningContactEmail: contact,
      },
    },
    { token: h.commerceKey },
  );
  expect(result.data.orderSubmit.userErrors).toEqual([]);
  expect(result.data.orderSubmit.order.status).toBe('AWAITING_PROVISIONING_DETAILS');
  return result.data.orderSubmit.order as { id: string; subscriptionId: string };
}

async function outboxRow(orderId: string) {
  const rows = await h.db.query(
    `SELECT id, status, attempts, last_error, next_attempt_at, sent_at, text_body, html_body FROM outbox_email WHERE order_id = $1`,
    [orderId],
  );
  expect(rows).toHaveLength(1);
  return rows[0];
}

function advanceSeconds(seconds: number) {
  h.clock.set(new Date(h.clock.now().getTime() + seconds * 1000));
}

function secondsFromNow(at: Date): number {
  return (at.getTime() - h.clock.now().getTime()) / 1000;
}

/** How many times each outbox row arrived at the relay. */
function arrivals(rowIds: string[]): number[] {
  const counts = peer.countByMessageId();
  return rowIds.map((id) => counts.get(`<${id}@outbox.wxcc-provisioning>`) ?? 0);
}

test('a relay that answers "try again later" for a while: the email waits with backoff, then arrives once', async () => {
  peer.refuse(451, 'DATA');
  const order = await submitOrder('ari@tailspin-partners.example');
  const firstTry = h.clock.now();

  expect(await h.services.mail.deliverDue()).toEqual({ sent: 0, failed: 1 });
  let row = await outboxRow(order.id);
  expect(row).toMatchObject({ status: 'PENDING', attempts: 1, sent_at: null });
  expect(row.last_error).toMatch(/451/);
  expect(row.next_attempt_at).toEqual(new Date(firstTry.getTime() + 30_000));
  expect(peer.refused).toHaveLength(1);

  // Before its next attempt is due, delivering does nothing: no attempt, no connection, no change.
  for (const wait of [0, 29]) {
    advanceSeconds(wait);
    expect(await h.services.mail.deliverDue()).toEqual({ sent: 0, failed: 0 });
    expect(await outboxRow(order.id)).toEqual(row);
    expect(peer.refused).toHaveLength(1);
  }

  // Due again after 30 s: refused again, the next wait doubles to 60 s, then 120 s.
  advanceSeconds(1);
  expect(await h.services.mail.deliverDue()).toEqual({ sent: 0, failed: 1 });
  row = await outboxRow(order.id);
  expect(row).toMatchObject({ status: 'PENDING', attempts: 2 });
  expect(secondsFromNow(row.next_attempt_at)).toBe(60);

  advanceSeconds(59);
  expect(await h.services.mail.deliverDue()).toEqual({ sent: 0, failed: 0 });
  advanceSeconds(1);
  expect(await h.services.mail.deliverDue()).toEqual({ sent: 0, failed: 1 });
  row = await outboxRow(order.id);
  expect(row).toMatchObject({ status: 'PENDING', attempts: 3 });
  expect(row.last_error).toMatch(/451/);
  expect(secondsFromNow(row.next_attempt_at)).toBe(120);
  expect(peer.refused).toHaveLength(3);
  expect(peer.messages).toHaveLength(0);

  // The relay recovers; the email goes out when its retry is due, not before, and only once.
  peer.accept();
  advanceSeconds(119);
  expect(await h.services.mail.deliverDue()).toEqual({ sent: 0, failed: 0 });
  expect(peer.messages).toHaveLength(0);
  advanceSeconds(1);
  expect(await h.services.mail.deliverDue()).toEqual({ sent: 1, failed: 0 });
  expect(await h.services.mail.deliverDue()).toEqual({ sent: 0, failed: 0 });

  row = await outboxRow(order.id);
  expect(row).toMatchObject({ status: 'SENT', attempts: 4, last_error: null });
  expect(row.sent_at).toEqual(h.clock.now());
  expect(row.text_body).not.toMatch(/wxl_/);
  expect(arrivals([row.id])).toEqual([1]);
  expect(peer.messages).toHaveLength(1);
  expect(peer.messages[0].subject).toContain(order.subscriptionId);
  expect(setupLinkIn(peer.messages[0].text)).toBeDefined();
});

test('refused at RCPT TO: every pending email is retried and each arrives once', async () => {
  peer.refuse(451, 'RCPT');
  const orders = [];
  for (const name of ['bo', 'cy', 'di']) orders.push(await submitOrder(`${name}@litware-partners.example`));

  expect(await h.services.mail.deliverDue()).toEqual({ sent: 0, failed: 3 });
  const pending = await Promise.all(orders.map((order) => outboxRow(order.id)));
  for (const row of pending) {
    expect(row).toMatchObject({ status: 'PENDING', attempts: 1 });
    expect(row.last_error).toMatch(/451/);
    expect(secondsFromNow(row.next_attempt_at)).toBe(30);
  }
  expect(peer.refused.filter((refusal) => refusal.stage === 'RCPT')).toHaveLength(3);

  peer.accept();
  advanceSeconds(30);
  expect(await h.services.mail.deliverDue()).toEqual({ sent: 3, failed: 0 });
  expect(await h.services.mail.deliverDue()).toEqual({ sent: 0, failed: 0 });
  const ids = pending.map((row) => row.id);
  expect(arrivals(ids)).toEqual([1, 1, 1]);
  for (const order of orders) {
    expect(await outboxRow(order.id)).toMatchObject({ status: 'SENT', attempts: 2, last_error: null });
  }
  expect(peer.messagesTo('bo@litware-partners.example')).toHaveLength(1);
  expect(peer.messagesTo('cy@litware-partners.example')).toHaveLength(1);
  expect(peer.messagesTo('di@litware-partners.example')).toHaveLength(1);
});

test('the wait between attempts doubles from 30 s and stops growing at one hour', async () => {
  peer.refuse(550, 'RCPT');
  const order = await submitOrder('ed@woodgrove-partners.example');
  const waits: number[] = [];
  for (let attempt = 1; attempt <= 9; attempt++) {
    expect(await h.services.mail.deliverDue()).toEqual({ sent: 0, failed: 1 });
    const row = await outboxRow(order.id);
    expect(row).toMatchObject({ status: 'PENDING', attempts: attempt });
    expect(row.last_error).toMatch(/550/);
    waits.push(secondsFromNow(row.next_attempt_at));
    advanceSeconds(waits[waits.length - 1]);
  }
  expect(waits).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);

  peer.accept();
  expect(await h.services.mail.deliverDue()).toEqual({ sent: 1, failed: 0 });
  const row = await outboxRow(order.id);
  expect(row).toMatchObject({ status: 'SENT', attempts: 10 });
  expect(arrivals([row.id])).toEqual([1]);
});

test('a relay that is down and comes back on the same port: nothing is lost, nothing arrives twice', async () => {
  const port = peer.port;
  await peer.stop();
  const orders = [];
  for (const name of ['fay', 'gus']) orders.push(await submitOrder(`${name}@proseware-partners.example`));

  expect(await h.services.mail.deliverDue()).toEqual({ sent: 0, failed: 2 });
  for (const order of orders) {
    const row = await outboxRow(order.id);
    expect(row).toMatchObject({ status: 'PENDING', attempts: 1, sent_at: null });
    expect(row.last_error).toMatch(/ECONNREFUSED|connect/i);
    expect(secondsFromNow(row.next_attempt_at)).toBe(30);
  }

  // Still down at the first retry.
  advanceSeconds(30);
  expect(await h.services.mail.deliverDue()).toEqual({ sent: 0, failed: 2 });

  await peer.restart();
  expect(peer.port).toBe(port);
  // Back up, but the retries are not due yet.
  expect(await h.services.mail.deliverDue()).toEqual({ sent: 0, failed: 0 });
  advanceSeconds(60);
  expect(await h.services.mail.deliverDue()).toEqual({ sent: 2, failed: 0 });
  expect(await h.services.mail.deliverDue()).toEqual({ sent: 0, failed: 0 });

  const rows = await Promise.all(orders.map((order) => outboxRow(order.id)));
  for (const row of rows) expect(row).toMatchObject({ status: 'SENT', attempts: 3, last_error: null });
  expect(arrivals(rows.map((row) => row.id))).toEqual([1, 1]);
  expect(peer.messagesTo('fay@proseware-partners.example')).toHaveLength(1);
  expect(peer.messagesTo('gus@proseware-partners.example')).toHaveLength(1);
});

test('several deliveries racing each send every email once, and a failure counts one attempt', async () => {
  const contacts = Array.from({ length: 8 }, (_, i) => `racer${i}@contoso-partners.example`);
  const orders = [];
  for (const contact of contacts) orders.push(await submitOrder(contact));

  // While the relay refuses, racing deliveries make exactly one attempt per email.
  peer.refuse(451, 'DATA');
  const refusedBefore = peer.refused.length;
  const failedRound = await Promise.all([1, 2, 3, 4].map(() => h.services.mail.deliverDue()));
  expect(failedRound.reduce((total, result) => total + result.failed, 0)).toBe(8);
  expect(failedRound.reduce((total, result) => total + result.sent, 0)).toBe(0);
  expect(peer.refused.length - refusedBefore).toBe(8);
  for (const order of orders) expect(await outboxRow(order.id)).toMatchObject({ status: 'PENDING', attempts: 1 });

  // Once it accepts, racing deliveries send each email once between them.
  peer.accept();
  advanceSeconds(30);
  const before = peer.messages.length;
  const results = await Promise.all([1, 2, 3, 4].map(() => h.services.mail.deliverDue()));
  expect(results.reduce((total, result) => total + result.sent, 0)).toBe(8);
  expect(results.reduce((total, result) => total + result.failed, 0)).toBe(0);
  expect(peer.messages.length - before).toBe(8);

  const rows = await Promise.all(orders.map((order) => outboxRow(order.id)));
  for (const row of rows) expect(row).toMatchObject({ status: 'SENT', attempts: 2 });
  expect(arrivals(rows.map((row) => row.id))).toEqual(Array(8).fill(1));
  for (const contact of contacts) expect(peer.messagesTo(contact)).toHaveLength(1);
  // Nothing is left to deliver.
  const [{ pending }] = await h.db.query(`SELECT count(*)::int AS pending FROM outbox_email WHERE status = 'PENDING'`);
  expect(pending).toBe(0);
});
