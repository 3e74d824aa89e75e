/**
 * The lists by keyboard: Tab reaches an order's row, which shows a focus ring, and Enter opens the order; the same
 * for a customer org (its edit page, for a representative) and for a case. On a phone, where the list is a simple
 * list, each record is a link that Tab reaches and Enter opens.
 */
import type { Page } from 'playwright-core';
import { StaffRole } from '../../server/staff/staff.entity';
import { useBrowserFixture } from '../support/browser-fixture';
import { bookOrder, WizardClient } from '../support/wizard';
import { consoleUrl, createStaff, openConsolePage, signIn } from './console';

const fixture = useBrowserFixture();

/** Presses Tab until the focus is on an element matching `selector` (at most 80 times); returns its text. */
async function tabTo(page: Page, selector: string): Promise<string> {
  for (let presses = 0; presses < 80; presses += 1) {
    await page.keyboard.press('Tab');
    const text = await page.evaluate((wanted) => {
      const focused = document.activeElement;
      return focused?.matches(wanted) ? (focused as HTMLElement).innerText : null;
    }, selector);
    if (text !== null) return text;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** The focused element's outline, as the browser draws it. */
const focusRing = (page: Page) =>
  page.evaluate(() => {
    const style = getComputedStyle(document.activeElement!);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });

test('order, customer org and case rows are reached with Tab, show their focus, and open with Enter', async () => {
  const { h } = fixture;
  const { order, linkToken } = await bookOrder(h);
  const wizard = await WizardClient.open(h, linkToken!);
  const reported = await wizard.step('ReportProblem', { kind: 'OTHER', message: 'Please call us.' }, 'case { id }');
  const trial = await h.gql(
    `mutation ($input: CustomerOrgStartTrialInput!) { customerOrgStartTrial(input: $input) { customerOrg { id } } }`,
    { input: { companyName: 'Keyboard Works', countryCode: 'DE', adminEmail: 'it@keyboard.example', days: 30 } },
    { token: await h.staffToken('REP') },
  );
  const orgId = trial.data.customerOrgStartTrial.customerOrg.id;

  const rep = await createStaff(h, StaffRole.REP);
  const { page, record, close } = await openConsolePage(fixture.browser, { locale: 'en-US', file: 'console-keyboard' });
  try {
    await signIn(page, h, rep);
    await page.goto(consoleUrl(h, '/orders'));
    await page.locator('.RaDataTable-row').first().waitFor();
    const row = await tabTo(page, 'tr.RaDataTable-row');
    expect(row).toContain(order.subscriptionId);
    // The row's start (its subscription id) is in view, though the table is wider than the page and scrolls.
    const idCell = page.locator('tr.RaDataTable-row:focus td').nth(1);
    const box = (await idCell.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(page.viewportSize()!.width);
    const ring = await focusRing(page);
    expect(ring.style).toBe('solid');
    expect(ring.width).toBeGreaterThanOrEqual(2);
    await record('order-row-focused');
    await page.keyboard.press('Enter');
    await page.waitForURL(consoleUrl(h, `/orders/${order.id}/show`));

    await page.goto(consoleUrl(h, '/customerOrgs'));
    await page.locator('.RaDataTable-row').first().waitFor();
    expect(await tabTo(page, 'tr.RaDataTable-row')).toContain('Keyboard Works');
    await page.keyboard.press('Enter');
    await page.waitForURL(consoleUrl(h, `/customerOrgs/${orgId}`));

    await page.goto(consoleUrl(h, '/cases'));
    await page.locator('.RaDataTable-row').first().waitFor();
    expect(await tabTo(page, 'tr.RaDataTable-row')).toContain(order.subscriptionId);
    await record('case-row-focused');
    await page.keyboard.press('Enter');
    await page.waitForURL(consoleUrl(h, `/cases/${reported.case.id}/show`));

    // On a phone: the simple list's records are links.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(consoleUrl(h, '/orders'));
    await page.locator('.phone-list a').first().waitFor();
    expect(await tabTo(page, '.phone-list a')).toContain(order.subscriptionId);
    expect((await focusRing(page)).style).toBe('solid');
    await record('phone-order-focused');
    await page.keyboard.press('Enter');
    await page.waitForURL(consoleUrl(h, `/orders/${order.id}/show`));
  } finally {
    await close();
  }
}, 120_000);
