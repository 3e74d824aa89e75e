/**
 * A partner whose email already belongs to a partner org: the page shows that org for review. Kept ("this is
 * right") the order lands on it; wrong, the partner reports a problem and a representative will be in touch.
 */
import { focusedId, openTestPage, setupPageUrl, text, waitForStep, waitForView } from '../support/browser';
import { useBrowserFixture } from '../support/browser-fixture';
import { bookOrder, partnerReadyToConfirm, WizardClient } from '../support/wizard';

const fixture = useBrowserFixture();

const say = (key: Parameters<typeof text>[1], params?: Record<string, string>) => text('en', key, params);

let partnerOrgId: string;
beforeAll(async () => {
  // Lee's partner org exists since an earlier order (set up through the API), which named Lee its admin.
  const first = await bookOrder(fixture.h, { provisioningContactEmail: 'jo@fabrikam-partners.example' });
  const wizard = await WizardClient.open(fixture.h, first.linkToken!);
  await partnerReadyToConfirm(wizard, { partnerAdmin: 'lee@fabrikam-partners.example', customerAdmin: 'it@tailspin.example' });
  const confirmed = await wizard.confirm();
  expect(confirmed.userErrors).toEqual([]);
  partnerOrgId = confirmed.partnerOrg.id;
});

async function count(table: string): Promise<number> {
  const [{ count }] = await fixture.h.db.query(`SELECT count(*)::int AS count FROM ${table}`);
  return count;
}

test('with the keyboard only, a partner reviews the partner org, keeps it, and the order lands on it', async () => {
  const { order, linkToken } = await bookOrder(fixture.h, { provisioningContactEmail: 'lee@fabrikam-partners.example' });
  const partnerOrgsBefore = await count('partner_org');
  const { page, record, close } = await openTestPage(fixture.browser, { locale: 'en-GB', file: 'partner-existing-org', prefix: 'keep' });
  try {
    await page.goto(setupPageUrl(fixture.h, linkToken!));

    // Role and who sets up, by keyboard: Tab to the radio group, Space to choose, Tab to Continue, Enter.
    await waitForStep(page, 'ROLE');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('role-partner');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(say('action.continue'));
    await page.keyboard.press('Enter');

    await waitForStep(page, 'SETUP_PERFORMER');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('performer-self');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

    // The partner org for review: name, admin and country, with "this is right" and "report a problem".
    expect(await waitForStep(page, 'PARTNER_ORG')).toBe(say('partnerOrg.review.title'));
    const details = (await page.locator('dl.details').textContent()) ?? '';
    expect(details).toContain('Northwind Partners');
    expect(details).toContain('lee@fabrikam-partners.example');
    expect(details).toContain('Germany');
    expect(await page.getByRole('button', { name: say('report.open') }).isVisible()).toBe(true);
    await record('partner-org-review');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(say('partnerOrg.review.right'));
    await page.keyboard.press('Enter');

    // The rest, typed: focus starts on each step's heading, Tab reaches the field.
    await waitForStep(page, 'CUSTOMER_ADMIN');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('adminEmail');
    await page.keyboard.type('it@wingtip.example');
    await page.keyboard.press('Enter');

    await waitForStep(page, 'CUSTOMER_COMPANY');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Wingtip Toys Ltd');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('countryCode');
    await page.keyboard.type('united k');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.locator('#countryCode-region', { hasText: 'United Kingdom (eu1)' }).waitFor();
    expect(await page.locator('#countryCode').inputValue()).toBe('United Kingdom');
    await record('company');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

    await waitForStep(page, 'CUSTOMER_ORG');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('choice-new');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

    await waitForStep(page, 'CONFIRM');
    expect(await page.locator('dl.review').textContent()).toContain('Northwind Partners (administrator lee@fabrikam-partners.example)');
    await record('review');
    await page.getByRole('button', { name: say('review.confirm') }).focus();
    await page.keyboard.press('Enter');

    await waitForView(page, 'done');
    expect(await page.locator('main').textContent()).toContain('The order has been mapped to Northwind Partners and Wingtip Toys Ltd.');
    await record('done');

    const [row] = await fixture.h.db.query(`SELECT status, partner_org_id FROM orders WHERE id = $1`, [order.id]);
    expect(row).toEqual({ status: 'MAPPED', partner_org_id: partnerOrgId });
    expect(await count('partner_org')).toBe(partnerOrgsBefore);
  } finally {
    await close();
  }
});

test('a partner whose partner org is wrong reports a problem: a case for a representative, and a confirmation', async () => {
  const { order, linkToken } = await bookOrder(fixture.h, { provisioningContactEmail: 'lee@fabrikam-partners.example' });
  const { page, record, close } = await openTestPage(fixture.browser, { locale: 'en-US', file: 'partner-existing-org', prefix: 'report' });
  try {
    await page.goto(setupPageUrl(fixture.h, linkToken!));
    await waitForStep(page, 'ROLE');
    await page.getByLabel(say('role.PARTNER'), { exact: true }).check();
    await page.getByRole('button', { name: say('action.continue') }).click();
    await waitForStep(page, 'SETUP_PERFORMER');
    await page.getByLabel(say('performer.SELF')).check();
    await page.getByRole('button', { name: say('action.continue') }).click();

    await waitForStep(page, 'PARTNER_ORG');
    await page.getByRole('button', { name: say('report.open') }).click();
    // The form opens with the focus in its message box.
    expect(await focusedId(page)).toBe('report-message');
    await page.keyboard.type('Our company is Fabrikam Partners, not Northwind Partners.');
    await record('report-form');
    await page.getByRole('button', { name: say('report.send') }).click();

    expect(await waitForView(page, 'reported')).toBe(say('reported.title'));
    expect(await page.locator('main').textContent()).toContain(say('reported.body', { email: 'lee@fabrikam-partners.example' }));
    await record('reported');

    const cases = await fixture.h.db.query(
      `SELECT kind, status, order_id, partner_org_id, reporter_email, message FROM support_case WHERE order_id = $1`,
      [order.id],
    );
    expect(cases).toEqual([
      {
        kind: 'PARTNER_ORG_INCORRECT',
        status: 'OPEN',
        order_id: order.id,
        partner_org_id: partnerOrgId,
        reporter_email: 'lee@fabrikam-partners.example',
        message: 'Our company is Fabrikam Partners, not Northwind Partners.',
      },
    ]);

    // Back to the setup: the session is still there, at the partner org.
    await page.getByRole('button', { name: say('reported.back') }).click();
    await waitForStep(page, 'PARTNER_ORG');
  } finally {
    await close();
  }
});
