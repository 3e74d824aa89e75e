/**
 * Issue 19's small things (point 10a). The cancel dialog says what it does: "Cancel order <subscription id>?", what cancelling means, and the answers
 * "Keep order" (with the focus) and "Cancel order" (in the error colour), in English and Bulgarian, on a phone
 * too. Keeping the order changes nothing; cancelling it does. Against the built server run as in production.
 * And a region is named in the same words by the wizard and the console.
 */
import type { Browser, Page } from 'playwright-core';
import { REGIONS } from '../../server/countries/regions';
import { launchBrowser, text, type MessageKey } from '../support/browser';
import { Deployed, startDeployed } from '../support/deployed';
import { type ConsoleLanguage, openConsolePage, say, signInAt } from './console';

let d: Deployed;
let browser: Browser;
beforeAll(async () => {
  [d, browser] = await Promise.all([startDeployed(), launchBrowser()]);
  await d.login('REP');
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await d?.close();
});

/** Signs in as the deployed server's representative. */
const signInAsRep = (page: Page, language: ConsoleLanguage) => signInAt(page, d.origin, d.credentials('REP'), language);

async function orderStatus(orderId: string): Promise<string> {
  const { body } = await d.gql('query ($id: ID!) { order(id: $id) { status } }', { id: orderId }, { token: await d.login('REP') });
  return body.data.order.status;
}

test.each([
  ['en', 'en-US', 1100],
  ['bg', 'bg-BG', 390],
] as const)(
  'in %s, the cancel dialog names the order and its answers; keeping changes nothing, cancelling cancels',
  async (language, locale, width) => {
    const { orderId, subscriptionId } = await d.bookOrder();
    const { page, record, close } = await openConsolePage(browser, {
      locale,
      file: 'console-cancel-dialog',
      prefix: `${language}-${width}`,
    });
    try {
      await page.setViewportSize({ width, height: 844 });
      await signInAsRep(page, language);
      await page.goto(`${d.origin}/admin/orders/${orderId}/show`);
      await page.getByText(subscriptionId).first().waitFor();
      const before = await orderStatus(orderId);

      await page.getByRole('button', { name: say('console.orders.action.cancel', {}, language), exact: true }).click();
      const dialog = page.getByRole('alertdialog', { name: say('console.orders.action.cancelTitle', { subscriptionId }, language) });
      await dialog.waitFor();
      await dialog.getByText(say('console.orders.action.cancelConsequence', {}, language)).waitFor();
      const keep = dialog.getByRole('button', { name: say('console.orders.action.cancelKeep', {}, language), exact: true });
      const cancel = dialog.getByRole('button', { name: say('console.orders.action.cancelConfirm', {}, language), exact: true });
      // Nothing vague: no bare Cancel / Confirm.
      expect(await dialog.getByRole('button').allTextContents()).toEqual([
        say('console.orders.action.cancelKeep', {}, language),
        say('console.orders.action.cancelConfirm', {}, language),
      ]);
      // The safe answer has the focus; the destructive one is filled in the theme's error colour.
      expect(await keep.evaluate((button) => button === document.activeElement)).toBe(true);
      // The theme's error colour (admin/console/theme.ts: #b71c1c).
      expect(await cancel.evaluate((button) => getComputedStyle(button).backgroundColor)).toBe('rgb(183, 28, 28)');
      // The dialog fits the screen: no horizontal scroll.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await record('dialog');

      await keep.click();
      await dialog.waitFor({ state: 'detached' });
      expect(await orderStatus(orderId)).toBe(before);

      await page.getByRole('button', { name: say('console.orders.action.cancel', {}, language), exact: true }).click();
      await cancel.click();
      await page.getByText(say('console.done.cancel', {}, language)).waitFor();
      expect(await orderStatus(orderId)).toBe('CANCELLED');
      await record('cancelled');
    } finally {
      await close();
    }
  },
);

test('every data residency region is named in the same words by the wizard and the console, in both languages', () => {
  for (const language of ['en', 'bg'] as const) {
    for (const region of REGIONS) {
      const wizard = text(language, `region.${region}` as MessageKey);
      expect(say(`console.enum.Region.${region}`, {}, language)).toBe(`${region} – ${wizard}`);
    }
  }
});
