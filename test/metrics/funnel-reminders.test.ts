/**
 * The funnel counts the reminders before the setup window closes, by the order's booking day: orders reminded,
 * reminder emails sent, and orders mapped after a reminder. Walked with the injected clock: an order reminded and
 * then mapped counts in both; one reminded twice and never mapped counts its two emails; one mapped before any
 * reminder counts in neither. The rollups the refresh keeps equal the plain statement over the raw tables, and the
 * CSV export carries the same numbers.
 */
import { Client } from 'pg';
import { FunnelReminders1765400000000 } from '../../server/db/migrations/1765400000000-FunnelReminders';
import { Harness, startHarness } from '../support/harness';
import { parseCsv, plainFunnel } from '../support/metrics-plain-sql';
import { bookOrder, partnerReadyToConfirm, WizardClient } from '../support/wizard';

let h: Harness;
let client: Client;
const DAY_MINUTES = 24 * 60;
const BOOKED = '2026-11-24';
const range = { from: BOOKED, to: BOOKED };

const REMINDERS = 'reminders { ordersReminded remindersSent ordersMappedAfterReminder mappedRate }';

beforeAll(async () => {
  h = await startHarness();
  client = new Client({ connectionString: process.env.DATABASE_URL, options: `-c search_path=${h.schema}` });
  await client.connect();
});
afterAll(async () => {
  await client.end();
  await h.close();
});

async function funnel(groupBy: string, fields = `group { key } stages { stage orders } ${REMINDERS}`) {
  const result = await h.gql(
    `query ($range: MetricRange!) { onboardingFunnel(range: $range, groupBy: ${groupBy}) { ${fields} } }`,
    { range },
    // A token of the clock's moment: the clock moves weeks, past a token's 8 hours.
    { token: await h.staffToken('ANALYST') },
  );
  expect(result.errors).toBeUndefined();
  return result.data.onboardingFunnel;
}

/** Walks a partner to a mapped order from a link. */
async function mapFrom(linkToken: string, n: number) {
  const wizard = await WizardClient.open(h, linkToken);
  await partnerReadyToConfirm(wizard, { partnerAdmin: `admin@partner${n}.example`, customerAdmin: `it@customer${n}.example` });
  expect((await wizard.confirm()).userErrors).toEqual([]);
}

async function remindersOf(orderId: string): Promise<number> {
  const [{ n }] = await h.db.query(`SELECT count(*)::int AS n FROM outbox_email WHERE order_id = $1 AND kind = 'SETUP_REMINDER'`, [
    orderId,
  ]);
  return n;
}

test('an order reminded then mapped counts in both; reminders are counted per email; a mapping before any reminder in neither', async () => {
  // All three booked on the same day, with a 30-day window: reminders 7 and 14 days after the email, 2 before the close.
  const remindedThenMapped = await bookOrder(h, { provisioningContactEmail: 'dana@first-partner.example' });
  const remindedTwice = await bookOrder(h, { provisioningContactEmail: 'sam@second-partner.example' });
  const mappedAtOnce = await bookOrder(h, { provisioningContactEmail: 'kim@third-partner.example' });
  await mapFrom(mappedAtOnce.linkToken!, 3);

  await h.services.metrics.refresh();
  expect((await funnel('WEEK'))[0].reminders).toEqual({
    ordersReminded: 0,
    remindersSent: 0,
    ordersMappedAfterReminder: 0,
    mappedRate: null,
  });

  // Day 7: the first reminder, to the two orders still awaiting details.
  h.clock.advanceMinutes(7 * DAY_MINUTES + 1);
  expect(await h.services.orders.sendDueReminders()).toBe(2);
  await h.deliverMail();
  const reminder = h.setupEmails.filter((email) => email.subscriptionId === remindedThenMapped.order.subscriptionId).pop()!;
  expect(reminder.token).not.toBe(remindedThenMapped.linkToken);
  // The contact acts on the reminder's link.
  h.clock.advanceMinutes(60);
  await mapFrom(reminder.token, 1);

  // Day 14: the second reminder, to the order still awaiting; none to the one mapped.
  h.clock.advanceMinutes(7 * DAY_MINUTES);
  expect(await h.services.orders.sendDueReminders()).toBe(1);
  expect([
    await remindersOf(remindedThenMapped.order.id),
    await remindersOf(remindedTwice.order.id),
    await remindersOf(mappedAtOnce.order.id),
  ]).toEqual([1, 2, 0]);

  await h.services.metrics.refresh();
  const [week] = await funnel('WEEK');
  expect(week.stages.find((s: { stage: string }) => s.stage === 'ORDERS_MAPPED').orders).toBe(2);
  expect(week.reminders).toEqual({ ordersReminded: 2, remindersSent: 3, ordersMappedAfterReminder: 1, mappedRate: 0.5 });

  // The same by a dimension: every order is under the offer it was booked with.
  const byOffer = await funnel('OFFER');
  expect(byOffer.map((g: any) => [g.group.key, g.reminders])).toEqual([
    ['WXCC-STD', { ordersReminded: 2, remindersSent: 3, ordersMappedAfterReminder: 1, mappedRate: 0.5 }],
  ]);

  // As the plain statement over the raw tables counts them (its last three numbers: reminded, sent, mapped after one).
  const plain = await plainFunnel(client, range, 'OFFER');
  expect(plain['WXCC-STD'].slice(-3)).toEqual([2, 3, 1]);

  // And in the CSV export.
  const csv = await fetch(
    `${h.url.replace('/graphql', '')}/exports/metrics/onboardingFunnel.csv?groupBy=WEEK&from=${BOOKED}&to=${BOOKED}`,
    {
      headers: { authorization: `Bearer ${await h.staffToken('ANALYST')}` },
    },
  );
  expect(csv.status).toBe(200);
  const [header, row] = parseCsv(await csv.text());
  const cell = (name: string) => row[header.indexOf(name)];
  expect(['orders_reminded', 'reminders_sent', 'orders_mapped_after_reminder', 'mapped_after_reminder_rate'].map(cell)).toEqual([
    '2',
    '3',
    '1',
    '0.5',
  ]);
});

test('the migration fills in the booking days of orders reminded before it: down and up again, then one refresh', async () => {
  const before = (await funnel('WEEK'))[0].reminders;
  expect(before.remindersSent).toBe(3);
  const migration = new FunnelReminders1765400000000();
  const runner = h.db.createQueryRunner();
  try {
    await migration.down(runner);
    await migration.up(runner);
  } finally {
    await runner.release();
  }
  const [{ n }] = await h.db.query(`SELECT count(*)::int AS n FROM metric_funnel WHERE reminders_sent > 0`);
  expect(n).toBe(0);
  await h.services.metrics.refresh();
  expect((await funnel('WEEK'))[0].reminders).toEqual(before);
});
