/**
 * Reminders before the setup window closes, walked with the injected clock while two sweepers (each with its own
 * services and connection pool, as two server processes have) sweep at once: each reminder goes out once, at its
 * time, to the contact of the moment, in the order's language, with a fresh link that revokes none; none after the
 * order is mapped or cancelled, none to a contact who was replaced.
 */
import pino from 'pino';
import { createDataSource } from '../../server/db/data-source';
import { createServices, Services, sweep } from '../../server/services';
import { Harness, startHarness } from '../support/harness';
import { bookOrder, linkStatus, partnerReadyToConfirm, WizardClient } from '../support/wizard';

let h: Harness;
let other: Services;
let closeOther: () => Promise<void>;

beforeAll(async () => {
  h = await startHarness();
  // A second sweeper on the same database and clock: its own pool, and no SMTP (the harness delivers what it queues).
  const db = createDataSource({ url: process.env.DATABASE_URL!, schema: h.schema, poolSize: 10 });
  await db.initialize();
  other = createServices({
    db,
    clock: h.clock,
    logger: pino({ level: 'silent' }),
    publicUrl: 'http://setup.test',
    mailTransport: null,
    mailFrom: 'Webex Contact Center <no-reply@setup.test>',
    logEmailText: false,
    mailQueued: () => undefined,
    entryRequestsPerMinute: 1_000_000,
  });
  closeOther = () => db.destroy();
});
afterAll(async () => {
  await closeOther();
  await h.close();
});

const DAY = 24 * 60 * 60 * 1000;

/** Both sweepers at once, three times over, then delivery: what the outbox holds is what the contacts get. */
async function sweepAt(at: Date): Promise<void> {
  h.clock.set(at.toISOString());
  await Promise.all([sweep(h.services), sweep(other), sweep(h.services), sweep(other), sweep(other), sweep(h.services)]);
  await h.deliverMail();
}

/** The reminders of an order's contact(s) delivered so far, oldest first. */
async function reminders(orderId: string) {
  const rows: { recipient: string; subject: string; created_at: Date; setup_link_id: string }[] = await h.db.query(
    `SELECT recipient, subject, created_at, setup_link_id FROM outbox_email WHERE order_id = $1 AND kind = 'SETUP_REMINDER' ORDER BY created_at`,
    [orderId],
  );
  return rows;
}

function tokenIn(text: string): string {
  return /\/setup\/(wxl_[A-Za-z0-9_-]+)/.exec(text)![1];
}

/** The delivered email to `to` whose subject starts with `prefix`, newest. */
function delivered(to: string, prefix: string) {
  return h.emails.filter((email) => email.to === to && email.subject.startsWith(prefix)).pop();
}

test('a 30-day order in Bulgarian: after 7 days, after 14 days and 2 days before the close, once each, then none', async () => {
  h.clock.set('2026-11-24T09:00:00Z');
  const opened = new Date('2026-11-24T09:00:00Z');
  const { order, linkToken } = await bookOrder(h, {});
  // The language goes in with the order; bookOrder's input has none, so set it through a second order.
  const bg = await h.gql(
    `mutation ($input: OrderSubmitInput!) { orderSubmit(input: $input) { order { id language provisioningContactEmail } userErrors { code } } }`,
    {
      input: {
        subscriptionId: `Sub-rem-bg-${process.pid}`,
        commerceOrderNumber: 'CO-REM-1',
        offerCode: 'WXCC-STD',
        seats: 10,
        requestedStartDate: '2026-11-24',
        provisioningContactEmail: 'ivan@partner-bg.example',
        language: 'bg',
      },
    },
    { token: h.commerceKey },
  );
  expect(bg.data.orderSubmit.userErrors).toEqual([]);
  expect(bg.data.orderSubmit.order.language).toBe('bg');
  const bgOrder = bg.data.orderSubmit.order as { id: string; provisioningContactEmail: string };
  await h.deliverMail();
  const firstBgLink = tokenIn(delivered('ivan@partner-bg.example', 'Настройте сега')!.text);

  const due = [7, 14, 28].map((days) => new Date(opened.getTime() + days * DAY));
  let expected = 0;
  for (const at of due) {
    await sweepAt(new Date(at.getTime() - 60_000));
    expect((await reminders(bgOrder.id)).length).toBe(expected);
    await sweepAt(at);
    expected += 1;
    const sent = await reminders(bgOrder.id);
    expect(sent.length).toBe(expected);
    expect(sent[expected - 1].recipient).toBe('ivan@partner-bg.example');
    expect(sent[expected - 1].created_at.toISOString()).toBe(at.toISOString());
    await sweepAt(new Date(at.getTime() + 6 * 60 * 60 * 1000));
    expect((await reminders(bgOrder.id)).length).toBe(expected);
  }
  // Past the close: the order closes, and no more reminders.
  await sweepAt(new Date(opened.getTime() + 31 * DAY));
  expect((await reminders(bgOrder.id)).length).toBe(3);

  // What the contact got: three reminders in Bulgarian, each with its own link; none revoked another.
  const mails = h.emails.filter((email) => email.to === 'ivan@partner-bg.example' && email.subject.startsWith('Напомняне'));
  expect(mails).toHaveLength(3);
  for (const mail of mails) {
    expect(mail.subject).toContain(`Sub-rem-bg-${process.pid}`);
    expect(mail.text).toContain('още не е настроена');
    expect(mail.html).toContain('<html lang="bg"');
  }
  const tokens = mails.map((mail) => tokenIn(mail.text));
  expect(new Set([firstBgLink, ...tokens]).size).toBe(4);
  // The order closed with its window, so its links read EXPIRED now, not REVOKED.
  for (const token of [firstBgLink, ...tokens]) expect(await linkStatus(h, token)).toBe('EXPIRED');

  // The order submitted without a language had the same reminders, in English.
  const english = h.emails.filter((email) => email.to === order.provisioningContactEmail && email.subject.startsWith('Reminder:'));
  expect(english).toHaveLength(3);
  for (const mail of english)
    expect(mail.subject).toBe(`Reminder: set up Webex Contact Center order ${order.subscriptionId} before 24 December 2026 at 09:00 UTC`);
  expect(await linkStatus(h, linkToken!)).toBe('EXPIRED');
});

test("a reminder's link works beside the earlier ones; a new contact gets the later reminders, the old one none", async () => {
  h.clock.set('2026-12-01T10:00:00Z');
  const opened = h.clock.now();
  const { order, linkToken } = await bookOrder(h, { provisioningContactEmail: 'old@contact.example' });
  await sweepAt(new Date(opened.getTime() + 7 * DAY));
  const first = delivered('old@contact.example', 'Reminder:')!;
  expect(await linkStatus(h, linkToken!)).toBe('VALID');
  expect(await linkStatus(h, tokenIn(first.text))).toBe('VALID');

  h.clock.set(new Date(opened.getTime() + 10 * DAY).toISOString());
  const changed = await h.gql(
    `mutation { orderChangeProvisioningContact(input: { orderId: "${order.id}", email: "new@contact.example" }) { userErrors { code } } }`,
    {},
    { token: h.commerceKey },
  );
  expect(changed.data.orderChangeProvisioningContact.userErrors).toEqual([]);
  await sweepAt(new Date(opened.getTime() + 14 * DAY));
  await sweepAt(new Date(opened.getTime() + 28 * DAY));
  const sent = await reminders(order.id);
  expect(sent.map((row) => row.recipient)).toEqual(['old@contact.example', 'new@contact.example', 'new@contact.example']);
  expect(h.emails.filter((email) => email.to === 'old@contact.example' && email.subject.startsWith('Reminder:'))).toHaveLength(1);
});

test('a 7-day order: after 3 days and 1 day before the close; none once it is mapped, none once it is cancelled', async () => {
  h.clock.set('2026-12-10T08:00:00Z');
  const opened = h.clock.now();
  const mapped = await bookOrder(h, { offerCode: 'A-FLEX-WXCC' });
  const cancelled = await bookOrder(h, { offerCode: 'A-FLEX-WXCC' });
  const running = await bookOrder(h, { offerCode: 'A-FLEX-WXCC' });

  await sweepAt(new Date(opened.getTime() + 3 * DAY));
  for (const { order } of [mapped, cancelled, running]) expect((await reminders(order.id)).length).toBe(1);

  // One is mapped through its reminder's link, another cancelled.
  const link = tokenIn(delivered(mapped.order.provisioningContactEmail, 'Reminder:')!.text);
  const wizard = await WizardClient.open(h, link);
  await partnerReadyToConfirm(wizard, { partnerAdmin: 'admin@flex-partner.example', customerAdmin: 'admin@flex-customer.example' });
  expect((await wizard.confirm()).order.status).toBe('MAPPED');
  const cancel = await h.gql(
    `mutation { orderCancel(input: { orderId: "${cancelled.order.id}" }) { userErrors { code } } }`,
    {},
    { token: h.commerceKey },
  );
  expect(cancel.data.orderCancel.userErrors).toEqual([]);

  await sweepAt(new Date(opened.getTime() + 6 * DAY));
  await sweepAt(new Date(opened.getTime() + 7 * DAY));
  expect((await reminders(mapped.order.id)).length).toBe(1);
  expect((await reminders(cancelled.order.id)).length).toBe(1);
  expect((await reminders(running.order.id)).map((row) => row.created_at.toISOString())).toEqual([
    new Date(opened.getTime() + 3 * DAY).toISOString(),
    new Date(opened.getTime() + 6 * DAY).toISOString(),
  ]);
});
