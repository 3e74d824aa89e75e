/**
 * An administrator registers a webhook endpoint in the console and copies its signing secret (shown once); the
 * receiver gets the next order's event signed with that secret; the endpoint's page shows each delivery attempt
 * (status, latency, the first bytes of the answer) and sends one again with the same Webhook-Id; the order's page
 * lists what the integration was told; a malformed URL is refused under the field; a new secret is shown once and
 * signs from then on; disabling stops deliveries. In English, then the pages in Bulgarian at 390 px.
 */
import { EVENT_TYPES as SERVER_EVENT_TYPES } from '../../server/events/event-types';
import { StaffRole } from '../../server/staff/staff.entity';
import { EVENT_TYPES as CONSOLE_EVENT_TYPES } from '../../admin/console/webhooks/eventTypes';
import { useBrowserFixture } from '../support/browser-fixture';
import { bookOrder } from '../support/wizard';
import { startReceiver, verifyWebhook, type Receiver } from '../webhooks/receiver';
import { consoleUrl, createStaff, openConsolePage, refusal, say, signIn } from './console';

const fixture = useBrowserFixture();
let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver?.close());

const deliver = () => fixture.h.services.webhookDelivery.deliverDue();
const nowSeconds = () => Math.floor(fixture.h.clock.now().getTime() / 1000);

test("the console offers exactly the server's event types", () => {
  expect([...CONSOLE_EVENT_TYPES]).toEqual([...SERVER_EVENT_TYPES]);
});

test('an administrator registers an endpoint, sees its deliveries, sends one again, rotates its secret and disables it', async () => {
  const admin = await createStaff(fixture.h, StaffRole.ADMIN);
  const en = await openConsolePage(fixture.browser, { locale: 'en-US', file: 'console-webhooks', prefix: 'en' });
  const { page } = en;
  try {
    await signIn(page, fixture.h, admin);
    await page.getByRole('menuitem', { name: say('resources.webhooks.name', { smart_count: 2 }) }).click();
    await page.getByRole('link', { name: say('ra.action.create') }).click();

    // A URL that is not one is refused under the field, and nothing is registered.
    const url = page.getByLabel(say('resources.webhooks.fields.url'));
    await url.fill('not a url');
    await page.getByRole('checkbox', { name: 'order.submitted' }).check();
    await page.getByRole('button', { name: say('ra.action.save') }).click();
    await page.getByText(refusal('WEBHOOK_URL_INVALID')).waitFor();
    await en.record('url-refused');
    expect(await fixture.h.db.query('SELECT count(*)::int AS n FROM webhook_endpoint')).toEqual([{ n: 0 }]);

    await url.fill(`${receiver.url}/hooks/ccw`);
    await page.getByRole('checkbox', { name: 'order.setup_email_sent' }).check();
    await page.getByLabel(say('resources.webhooks.fields.description')).fill('CCW staging');
    await page.getByRole('button', { name: say('ra.action.save') }).click();
    const secret = (await page.getByTestId('shown-once').innerText()).trim();
    expect(secret.length).toBeGreaterThanOrEqual(32);
    await en.record('secret-shown-once');
    await page.getByRole('button', { name: say('console.shownOnce.done') }).click();
    await page.getByText('CCW staging').waitFor();
    await page.getByText(say('console.webhooks.state.enabled')).first().waitFor();

    // The next order is told to the receiver, signed with the secret the administrator copied.
    const orderId = (await bookOrder(fixture.h)).order.id;
    await deliver();
    const submitted = receiver.received.filter((r) => r.event.type === 'order.submitted');
    expect(submitted).toHaveLength(1);
    expect(submitted[0].path).toBe('/hooks/ccw');
    expect(verifyWebhook(secret, String(submitted[0].headers['webhook-signature']), submitted[0].body, nowSeconds())).toBe(true);

    // The endpoint's page lists the attempt: 200, its latency, the first bytes of the answer.
    await page.reload();
    // (The id wraps inside its cell; its first group is enough to find the row.)
    const attempt = page.getByRole('row').filter({ hasText: submitted[0].event.id.split('-')[0] });
    await attempt.getByText(say('console.enum.WebhookAttemptOutcome.SUCCEEDED')).waitFor();
    await attempt.getByText('200', { exact: true }).waitFor();
    await en.record('delivery-log');

    // Sent again from its row: the same event, the same Webhook-Id.
    await attempt.getByRole('button', { name: say('console.webhooks.resend') }).click();
    await page.getByRole('button', { name: say('ra.action.confirm') }).click();
    await page.getByText(say('console.done.resend')).waitFor();
    await deliver();
    const again = receiver.received.filter((r) => r.event.id === submitted[0].event.id);
    expect(again.map((r) => r.headers['webhook-id'])).toEqual([submitted[0].event.id, submitted[0].event.id]);

    // The order's page says what the integration was told of it.
    await page.goto(consoleUrl(fixture.h, `/orders/${orderId}/show`));
    const told = page.getByRole('region', { name: say('console.webhooks.orderEvents') });
    await told.getByText('order.submitted').waitFor();
    await en.record('order-events');

    // A new secret is shown once; the old one no longer signs.
    await page.goBack();
    await page.getByRole('button', { name: say('console.webhooks.rotateSecret') }).click();
    await page.getByRole('button', { name: say('ra.action.confirm') }).click();
    const rotated = (await page.getByTestId('shown-once').innerText()).trim();
    expect(rotated).not.toBe(secret);
    await page.getByRole('button', { name: say('console.shownOnce.done') }).click();
    const next = (await bookOrder(fixture.h)).order.id;
    await deliver();
    const latest = receiver.received.find((r) => r.event.type === 'order.submitted' && r.event.data.orderId === next)!;
    expect(verifyWebhook(rotated, String(latest.headers['webhook-signature']), latest.body, nowSeconds())).toBe(true);
    expect(verifyWebhook(secret, String(latest.headers['webhook-signature']), latest.body, nowSeconds())).toBe(false);

    // Disabled, it gets nothing more.
    await page.getByRole('button', { name: say('console.webhooks.disable') }).click();
    await page.getByRole('button', { name: say('ra.action.confirm') }).click();
    await page.getByText(say('console.webhooks.state.disabled')).first().waitFor();
    await en.record('disabled');
    const before = receiver.received.length;
    await bookOrder(fixture.h);
    await deliver();
    expect(receiver.received).toHaveLength(before);
  } catch (error) {
    await page.screenshot({ path: 'test/artifacts/console-webhooks/failed.png', fullPage: true });
    throw error;
  } finally {
    await en.close();
  }

  // The same pages in Bulgarian on a phone.
  const bg = await openConsolePage(fixture.browser, { locale: 'bg-BG', file: 'console-webhooks', prefix: 'bg' });
  try {
    await bg.page.setViewportSize({ width: 390, height: 844 });
    await signIn(bg.page, fixture.h, admin, 'bg');
    await bg.page.goto(consoleUrl(fixture.h, '/webhooks'));
    await bg.page.getByText(`${receiver.url}/hooks/ccw`).first().click();
    await bg.page.getByText(say('console.webhooks.deliveries', {}, 'bg')).waitFor();
    await bg.record('endpoint-phone');
    expect(await bg.page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(390);
  } finally {
    await bg.close();
  }
}, 120_000);

test('a representative sees neither the webhooks nor what an order told the integration', async () => {
  const rep = await createStaff(fixture.h, StaffRole.REP);
  const orderId = (await bookOrder(fixture.h)).order.id;
  const opened = await openConsolePage(fixture.browser, { locale: 'en-US', file: 'console-webhooks', prefix: 'rep' });
  try {
    await signIn(opened.page, fixture.h, rep);
    expect(await opened.page.getByRole('menuitem', { name: say('resources.webhooks.name', { smart_count: 2 }) }).count()).toBe(0);
    await opened.page.goto(consoleUrl(fixture.h, `/orders/${orderId}/show`));
    await opened.page.getByText(say('console.orders.section.links')).waitFor();
    expect(await opened.page.getByText(say('console.webhooks.orderEvents')).count()).toBe(0);
  } finally {
    await opened.close();
  }
}, 60_000);
