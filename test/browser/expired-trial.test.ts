/**
 * A customer converting a trial that ran out: the page shows the trial org for verification, refuses it with
 * TRIAL_EXPIRED beside the choice, and offers to report the problem; the report opens a case, and the page
 * says that a Cisco representative will be in touch.
 */
import { focusedId, openTestPage, setupPageUrl, text, waitForStep, waitForView } from '../support/browser';
import { useBrowserFixture } from '../support/browser-fixture';
import { bookOrder, USER_ERRORS } from '../support/wizard';
import { chooseCountry } from './country';

const fixture = useBrowserFixture();

const say = (key: Parameters<typeof text>[1], params?: Record<string, string>) => text('en', key, params);

test('an expired trial blocks the existing org; the customer reports it and a case awaits a representative', async () => {
  // The commerce integration starts a two-week trial and books the order that converts it.
  const started = await fixture.h.gql(
    `mutation ($input: CustomerOrgStartTrialInput!) { customerOrgStartTrial(input: $input) { customerOrg { id } ${USER_ERRORS} } }`,
    { input: { companyName: 'Trey Research', countryCode: 'GB', adminEmail: 'admin@treyresearch.example', days: 14 } },
    { token: fixture.h.commerceKey },
  );
  expect(started.data.customerOrgStartTrial.userErrors).toEqual([]);
  const trialId = started.data.customerOrgStartTrial.customerOrg.id;
  const { order, linkToken } = await bookOrder(fixture.h, {
    provisioningContactEmail: 'admin@treyresearch.example',
    trialCustomerOrgId: trialId,
  });
  // The contact opens the link only after the trial has run out.
  fixture.h.clock.advanceDays(15);

  const { page, record, close } = await openTestPage(fixture.browser, { locale: 'en-US', file: 'expired-trial' });
  try {
    await page.goto(setupPageUrl(fixture.h, linkToken!));
    await waitForStep(page, 'ROLE');
    await page.getByLabel(say('role.CUSTOMER'), { exact: true }).check();
    await page.getByRole('button', { name: say('action.continue') }).click();

    // A customer is its own administrator by default: the email is filled in.
    await waitForStep(page, 'CUSTOMER_ADMIN');
    expect(await page.getByLabel(say('customerAdmin.adminEmail.label')).inputValue()).toBe('admin@treyresearch.example');
    await record('customer-admin');
    await page.getByRole('button', { name: say('action.continue') }).click();

    await waitForStep(page, 'CUSTOMER_COMPANY');
    await page.getByLabel(say('company.companyName.label')).fill('Trey Research');
    await chooseCountry(page, say('company.country.label'), 'united kingdom', 'GB');
    await page.getByRole('button', { name: say('action.continue') }).click();

    // The existing org, for verification: the trial, expired.
    await waitForStep(page, 'CUSTOMER_ORG');
    const shown = (await page.locator('section.found').textContent()) ?? '';
    expect(shown).toContain('Trey Research');
    expect(shown).toContain('Expired');
    expect(await page.getByLabel(say('customerOrg.EXISTING'), { exact: true }).isChecked()).toBe(true);
    await record('customer-org');
    await page.getByRole('button', { name: say('action.continue') }).click();

    // TRIAL_EXPIRED beside the choice, focused, with the report-a-problem form for an expired trial.
    await page.locator('#choice-error').waitFor();
    expect(await page.locator('#choice-error').textContent()).toContain(
      'The trial of this organization has expired. Report a problem so that a Cisco representative can extend it.',
    );
    expect(await focusedId(page)).toBe('choice-existing');
    expect(await page.locator('section.report').textContent()).toContain(say('report.intro.TRIAL_EXPIRED'));
    await record('trial-expired');

    await page.getByRole('button', { name: say('report.open') }).click();
    await page.getByLabel(say('report.message.label')).fill('Our trial ran out before we could set up the order. Please extend it.');
    await record('report-form');
    await page.getByRole('button', { name: say('report.send') }).click();

    expect(await waitForView(page, 'reported')).toBe(say('reported.title'));
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('A Cisco representative will contact you at admin@treyresearch.example.');
    expect(main).toContain(say('reported.next.TRIAL_EXPIRED'));
    await record('reported');

    const cases = await fixture.h.db.query(
      `SELECT kind, status, order_id, customer_org_id, reporter_email, message FROM support_case WHERE order_id = $1`,
      [order.id],
    );
    expect(cases).toEqual([
      {
        kind: 'TRIAL_EXPIRED',
        status: 'OPEN',
        order_id: order.id,
        customer_org_id: trialId,
        reporter_email: 'admin@treyresearch.example',
        message: 'Our trial ran out before we could set up the order. Please extend it.',
      },
    ]);
    const [row] = await fixture.h.db.query(`SELECT status FROM orders WHERE id = $1`, [order.id]);
    expect(row.status).toBe('AWAITING_PROVISIONING_DETAILS');
  } finally {
    await close();
  }
});
