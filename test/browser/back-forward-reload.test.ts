/**
 * The answers live on the server: the browser's Back and Forward move between steps and show the answers
 * given; an answered step can be opened again and changed (the server clears what depended on it); a reload
 * in the same tab continues; the link opened in a new tab starts over, and the old tab says so.
 */
import type { Page } from 'playwright-core';
import { openTestPage, setupPageUrl, text, waitForStep, waitForView } from '../support/browser';
import { useBrowserFixture } from '../support/browser-fixture';
import { bookOrder } from '../support/wizard';
import { chooseCountry } from './country';

const fixture = useBrowserFixture();

const say = (key: Parameters<typeof text>[1], params?: Record<string, string>) => text('en', key, params);

/** The order's wizard sessions; the clock stands still in tests, so ended ones first, then by status. */
async function sessions(orderId: string): Promise<{ status: string; draft: Record<string, unknown> }[]> {
  return fixture.h.db.query(`SELECT status, draft FROM provisioning_session WHERE order_id = $1 ORDER BY status = 'ACTIVE', status`, [
    orderId,
  ]);
}

async function next(page: Page) {
  await page.getByRole('button', { name: say('action.continue') }).click();
}

test('Back and Forward keep the answers, a changed answer clears its dependents, a reload continues and a new tab starts over', async () => {
  const { order, linkToken } = await bookOrder(fixture.h, { provisioningContactEmail: 'kim@proseware.example' });
  const { context, page, record, close } = await openTestPage(fixture.browser, { locale: 'en-US', file: 'back-forward-reload' });
  try {
    await page.goto(setupPageUrl(fixture.h, linkToken!));
    await waitForStep(page, 'ROLE');
    await page.getByLabel(say('role.PARTNER'), { exact: true }).check();
    await next(page);
    await waitForStep(page, 'SETUP_PERFORMER');
    await page.getByLabel(say('performer.SELF')).check();
    await next(page);
    await waitForStep(page, 'PARTNER_ORG');
    await page.getByLabel(say('partnerOrg.companyName.label')).fill('Proseware Partners');
    await chooseCountry(page, say('partnerOrg.country.label'), 'austr', 'AT');
    await next(page);
    await waitForStep(page, 'CUSTOMER_ADMIN');
    await page.getByLabel(say('customerAdmin.adminEmail.label')).fill('it@alpine.example');
    await next(page);
    await waitForStep(page, 'CUSTOMER_COMPANY');
    expect(new URL(page.url()).hash).toBe('#company');

    // The browser's Back: the earlier steps, with their answers as the server has them.
    await page.goBack();
    await waitForStep(page, 'CUSTOMER_ADMIN');
    expect(await page.getByLabel(say('customerAdmin.adminEmail.label')).inputValue()).toBe('it@alpine.example');
    await page.goBack();
    await waitForStep(page, 'PARTNER_ORG');
    expect(await page.getByLabel(say('partnerOrg.companyName.label')).inputValue()).toBe('Proseware Partners');
    await record('back-to-partner-org');
    // And Forward again.
    await page.goForward();
    await waitForStep(page, 'CUSTOMER_ADMIN');
    expect(await page.getByLabel(say('customerAdmin.adminEmail.label')).inputValue()).toBe('it@alpine.example');
    await page.goForward();
    await waitForStep(page, 'CUSTOMER_COMPANY');
    await page.getByLabel(say('company.companyName.label')).fill('Alpine Ski House');
    await chooseCountry(page, say('company.country.label'), 'austria', 'AT');
    await next(page);
    await waitForStep(page, 'CUSTOMER_ORG');

    // A reload in the same tab continues the same session, at the same step.
    await page.reload();
    await waitForStep(page, 'CUSTOMER_ORG');
    expect((await sessions(order.id)).map((session) => session.status)).toEqual(['ACTIVE']);

    // Open the partner org again from the step list and change it: the customer admin and org choice depend on it.
    await page
      .getByRole('navigation', { name: say('progress.label') })
      .getByRole('button', { name: '3. Partner organization' })
      .click();
    await waitForStep(page, 'PARTNER_ORG');
    await page.getByLabel(say('partnerOrg.companyName.label')).fill('Proseware Group');
    await next(page);
    await waitForStep(page, 'CUSTOMER_ADMIN');
    expect(await page.getByLabel(say('customerAdmin.adminEmail.label')).inputValue()).toBe('');
    // Steps whose answers were cleared cannot be opened from the list any more.
    expect(await page.locator('nav.progress button', { hasText: 'Customer organization' }).count()).toBe(0);
    await record('dependents-cleared');
    const [{ draft }] = await sessions(order.id);
    expect(draft).toMatchObject({
      partnerOrg: { companyName: 'Proseware Group' },
      customerCompany: { name: 'Alpine Ski House', countryCode: 'AT' },
    });
    expect(draft).not.toHaveProperty('customerAdminEmail');
    // The company step was not a dependent: its answers are still there.
    await page.getByLabel(say('customerAdmin.adminEmail.label')).fill('it@alpine.example');
    await next(page);
    await waitForStep(page, 'CUSTOMER_COMPANY');
    expect(await page.getByLabel(say('company.companyName.label')).inputValue()).toBe('Alpine Ski House');

    // The link opened in a new tab starts over, with a new session.
    const second = await context.newPage();
    await second.goto(setupPageUrl(fixture.h, linkToken!));
    await waitForStep(second, 'ROLE');
    expect(await second.getByLabel(say('role.PARTNER'), { exact: true }).isChecked()).toBe(false);
    expect((await sessions(order.id)).map((session) => session.status)).toEqual(['SUPERSEDED', 'ACTIVE']);

    // The first tab's next answer finds its session ended, and says why.
    await page.bringToFront();
    await next(page);
    expect(await waitForView(page, 'ended')).toBe(say('ended.SUPERSEDED.title'));
    expect(await page.locator('main').textContent()).toContain(say('ended.nothingSaved'));
    await record('superseded');
    await second.close();
  } finally {
    await close();
  }
});

test('leaving on purpose erases the answers and offers to start over', async () => {
  const { order, linkToken } = await bookOrder(fixture.h, { provisioningContactEmail: 'kim@fabrikam.example' });
  const { page, record, close } = await openTestPage(fixture.browser, { locale: 'en-US', file: 'back-forward-reload', prefix: 'leave' });
  try {
    await page.goto(setupPageUrl(fixture.h, linkToken!));
    await waitForStep(page, 'ROLE');
    await page.getByLabel(say('role.CUSTOMER'), { exact: true }).check();
    await next(page);
    await waitForStep(page, 'CUSTOMER_ADMIN');

    await page.getByRole('button', { name: say('leave.open') }).click();
    await record('leave-question');
    await page.getByRole('button', { name: say('leave.confirm') }).click();
    expect(await waitForView(page, 'ended')).toBe(say('ended.ABANDONED.title'));
    await record('left');
    expect(await sessions(order.id)).toEqual([{ status: 'ABANDONED', draft: {} }]);

    await page.getByRole('button', { name: say('ended.startOver') }).click();
    await waitForStep(page, 'ROLE');
    expect((await sessions(order.id)).map((session) => session.status)).toEqual(['ABANDONED', 'ACTIVE']);
  } finally {
    await close();
  }
});

test('a session left idle for an hour times out: the page says so, and starting over opens a new session', async () => {
  const { order, linkToken } = await bookOrder(fixture.h, { provisioningContactEmail: 'kim@wingtip.example' });
  const { page, record, close } = await openTestPage(fixture.browser, { locale: 'en-US', file: 'back-forward-reload', prefix: 'idle' });
  try {
    await page.goto(setupPageUrl(fixture.h, linkToken!));
    await waitForStep(page, 'ROLE');
    await page.getByLabel(say('role.CUSTOMER'), { exact: true }).check();
    await next(page);
    await waitForStep(page, 'CUSTOMER_ADMIN');

    fixture.h.clock.advanceMinutes(61);
    await next(page);
    expect(await waitForView(page, 'ended')).toBe(say('ended.EXPIRED.title'));
    await record('timed-out');
    expect(await sessions(order.id)).toEqual([{ status: 'EXPIRED', draft: {} }]);

    await page.getByRole('button', { name: say('ended.startOver') }).click();
    await waitForStep(page, 'ROLE');
    expect((await sessions(order.id)).map((session) => session.status)).toEqual(['EXPIRED', 'ACTIVE']);
  } finally {
    await close();
  }
});
