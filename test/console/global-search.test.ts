/**
 * The app bar's search finds an order by its subscription id and a customer org by its administrator's email;
 * each result opens its record; the keyboard alone does it (type, arrow down, Enter); on a phone (390 px) a
 * button opens it full-screen, with no horizontal scroll. Against the built server run as in production.
 */
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { Deployed, startDeployed } from '../support/deployed';
import { type ConsoleLanguage, openConsolePage, say, signInAt } from './console';

let d: Deployed;
let browser: Browser;
let order: { orderId: string; subscriptionId: string; contactEmail: string };
let other: { subscriptionId: string };
let orgId: string;
beforeAll(async () => {
  [d, browser] = await Promise.all([startDeployed(), launchBrowser()]);
  await d.login('REP');
  order = await d.bookOrder({ subscriptionId: 'Sub-global-search-1' });
  other = await d.bookOrder({ subscriptionId: 'Sub-unrelated-2' });
  const { body } = await d.gql(
    `mutation ($input: CustomerOrgStartTrialInput!) { customerOrgStartTrial(input: $input) { customerOrg { id } userErrors { code } } }`,
    { input: { companyName: 'Tailspin Toys', countryCode: 'FR', adminEmail: 'it.admin@tailspin.example', days: 10 } },
    { token: d.commerceKey },
  );
  orgId = body.data.customerOrgStartTrial.customerOrg.id;
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await d?.close();
});

/** Signs in as the deployed server's representative. */
const signInAsRep = (page: Page, language: ConsoleLanguage) => signInAt(page, d.origin, d.credentials('REP'), language);

test('a representative finds an order by its subscription id and an org by its admin email, with the keyboard', async () => {
  const { page, record, close } = await openConsolePage(browser, { locale: 'en-US', file: 'console-global-search', prefix: 'desktop' });
  try {
    await signInAsRep(page, 'en');
    const search = page.getByRole('combobox', { name: say('console.search.label') });
    await search.click();
    await page.keyboard.type('global-search');
    const results = page.getByRole('listbox');
    const found = results.getByRole('option', { name: new RegExp(order.subscriptionId) });
    await found.waitFor();
    expect(await results.getByRole('option', { name: new RegExp(other.subscriptionId) }).count()).toBe(0);
    // The order's group is named, and the option shows its contact.
    await results.getByText(say('resources.orders.name', { smart_count: 2 }), { exact: true }).waitFor();
    await found.getByText(order.contactEmail).waitFor();
    await record('order-found');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${d.origin}/admin/orders/${order.orderId}/show`);
    await page.getByTestId('order-links').waitFor();

    await search.click();
    await page.keyboard.type('it.admin@tailspin');
    const org = results.getByRole('option', { name: /Tailspin Toys/ });
    await org.waitFor();
    await results.getByText(say('resources.customerOrgs.name', { smart_count: 2 }), { exact: true }).waitFor();
    await record('org-found');
    await org.click();
    await page.waitForURL(`${d.origin}/admin/customerOrgs/${orgId}/show`);

    // Too short a term asks for more; a term matching nothing says so.
    await search.click();
    await page.keyboard.type('zz');
    await page.getByText(say('console.search.hint')).waitFor();
    await page.keyboard.type('z-no-such-thing');
    await page.getByText(say('console.search.none')).waitFor();
  } finally {
    await close();
  }
});

test('on a phone, in Bulgarian, a button opens the search full-screen; a result opens its record', async () => {
  const { page, record, close } = await openConsolePage(browser, { locale: 'bg-BG', file: 'console-global-search', prefix: 'phone-bg' });
  try {
    await page.setViewportSize({ width: 390, height: 844 });
    await signInAsRep(page, 'bg');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.getByRole('button', { name: say('console.search.label', {}, 'bg') }).click();
    const dialog = page.getByRole('dialog', { name: say('console.search.label', {}, 'bg') });
    await dialog.waitFor();
    await page.keyboard.type(order.subscriptionId);
    const found = page.getByRole('option', { name: new RegExp(order.subscriptionId) });
    await found.waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await record('order-found');
    await found.click();
    await page.waitForURL(`${d.origin}/admin/orders/${order.orderId}/show`);
    await dialog.waitFor({ state: 'detached' });
    await record('order');
  } finally {
    await close();
  }
});
