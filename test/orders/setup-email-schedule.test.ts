/** The Set up now email goes out on the requested start date, once, and the window closes the order when it runs out. */
import { Harness, startHarness } from '../support/harness';
import { bookOrder } from '../support/wizard';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

test('an order booked for a later date gets its email on that date, once, even with sweeps racing', async () => {
  const { order, linkToken } = await bookOrder(h, { requestedStartDate: '2026-11-26' });
  expect(order.status).toBe('BOOKED');
  expect(linkToken).toBeUndefined();

  h.clock.set('2026-11-25T23:59:59Z');
  expect(await h.services.orders.sendDueSetupEmails()).toBe(0);

  h.clock.set('2026-11-26T00:00:00Z');
  const sent = await Promise.all([1, 2, 3].map(() => h.services.orders.sendDueSetupEmails()));
  expect(sent.reduce((a, b) => a + b, 0)).toBe(1);
  const delivered = await Promise.all([1, 2, 3].map(() => h.services.mail.deliverDue()));
  expect(delivered.reduce((total, result) => total + result.sent, 0)).toBe(1);
  expect(h.setupEmails.filter((mail) => mail.subscriptionId === order.subscriptionId)).toHaveLength(1);

  const [row] = await h.db.query(`SELECT status, setup_email_sent_at, window_closes_at FROM orders WHERE id = $1`, [order.id]);
  expect(row.status).toBe('AWAITING_PROVISIONING_DETAILS');
  expect(row.setup_email_sent_at.toISOString()).toBe('2026-11-26T00:00:00.000Z');
  expect(row.window_closes_at.toISOString()).toBe('2026-12-26T00:00:00.000Z');
});

test('an A-Flex order has a 7-day window; when it runs out the order closes and its link reads EXPIRED', async () => {
  h.clock.set('2026-11-24T09:00:00Z');
  const { order, linkToken } = await bookOrder(h, { offerCode: 'A-FLEX-WXCC' });
  const linkStatus = async () =>
    (await h.gql(`query ($token: String!) { setupLink(token: $token) { status } }`, { token: linkToken })).data.setupLink.status;
  expect(await linkStatus()).toBe('VALID');

  h.clock.set('2026-12-01T08:59:59Z');
  expect(await linkStatus()).toBe('VALID');
  h.clock.set('2026-12-01T09:00:00Z');
  expect(await linkStatus()).toBe('EXPIRED');
  expect(await h.services.orders.closeExpiredOrders()).toBe(1);
  expect(await h.services.orders.closeExpiredOrders()).toBe(0);
  const [row] = await h.db.query(`SELECT status FROM orders WHERE id = $1`, [order.id]);
  expect(row.status).toBe('CLOSED');
  expect(await linkStatus()).toBe('EXPIRED');

  const start = await h.gql(
    `mutation ($token: String!) { provisioningStart(input: { token: $token }) { sessionToken userErrors { code field } } }`,
    { token: linkToken },
  );
  expect(start.data.provisioningStart).toEqual({ sessionToken: null, userErrors: [{ code: 'LINK_EXPIRED', field: ['input', 'token'] }] });
});
