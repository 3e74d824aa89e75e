/**
 * A case leads to its fix without leaving its page: a customer whose trial expired reports it from the wizard in
 * Bulgarian; a representative opens the case and sees the order (with whether its Set up now email was really sent),
 * the org and its expired trial; extends the trial, corrects the org's name and resends the Set up now email from the
 * case's page, each showing there at once; resolves the case, and the reporter is emailed the resolution in Bulgarian.
 * The order's page lists its case. In English, then the same pages in Bulgarian, each step a screenshot and an axe check.
 */
import { StaffRole } from '../../server/staff/staff.entity';
import { useBrowserFixture } from '../support/browser-fixture';
import { bookOrder, USER_ERRORS, WizardClient } from '../support/wizard';
import { consoleUrl, createStaff, openConsolePage, say, signIn } from './console';

const fixture = useBrowserFixture();

test('a representative extends the trial, edits the org, resends the email and resolves the case, all from the case', async () => {
  const started = await fixture.h.gql(
    `mutation ($input: CustomerOrgStartTrialInput!) { customerOrgStartTrial(input: $input) { customerOrg { id } ${USER_ERRORS} } }`,
    { input: { companyName: 'Trey Reserch', countryCode: 'GB', adminEmail: 'admin@treyresearch.example', days: 14 } },
    { token: fixture.h.commerceKey },
  );
  const trialId = started.data.customerOrgStartTrial.customerOrg.id;
  const { order, linkToken } = await bookOrder(fixture.h, {
    provisioningContactEmail: 'admin@treyresearch.example',
    trialCustomerOrgId: trialId,
  });
  fixture.h.clock.advanceDays(15);
  const wizard = await WizardClient.open(fixture.h, linkToken!, { language: 'bg' });
  await wizard.step('ChooseRole', { role: 'CUSTOMER' });
  await wizard.step('SetCustomerCompany', { companyName: 'Trey Research', countryCode: 'GB' });
  const reported = await wizard.step('ReportProblem', { kind: 'TRIAL_EXPIRED', message: 'Пробният период изтече.' }, 'case { id }');
  const caseId = reported.case.id;

  const rep = await createStaff(fixture.h, StaffRole.REP);
  const { page, record, close } = await openConsolePage(fixture.browser, { locale: 'en-US', file: 'case-to-fix', prefix: 'en' });
  try {
    await signIn(page, fixture.h, rep);
    await page.goto(consoleUrl(fixture.h, `/cases/${caseId}/show`));
    await page.getByText('Пробният период изтече.').waitFor();
    // The order, and its Set up now email: queued and delivered (the harness delivers at once).
    const theOrder = page.getByTestId('case-order');
    await theOrder.getByRole('link', { name: order.subscriptionId }).waitFor();
    await page.getByText(say('console.cases.reporterLanguage', { language: say('console.enum.Language.bg') })).waitFor();
    // The org and its trial, expired.
    const trial = page.getByTestId('trial-panel');
    await trial.getByText(say('console.enum.TrialStatus.EXPIRED'), { exact: true }).waitFor();
    await record('case-opened');

    // Extend the trial: the case's own trial panel shows it active.
    await page.getByRole('button', { name: say('console.customerOrgs.trial.extend30') }).click();
    await trial.getByText(say('console.enum.TrialStatus.ACTIVE'), { exact: true }).waitFor();
    await record('trial-extended');

    // Correct the org's name in the case's org form: the case's link to the org takes the new name.
    const orgSection = page.getByTestId('case-customer-org');
    await orgSection.getByLabel(say('resources.customerOrgs.fields.name')).fill('Trey Research');
    await orgSection.getByRole('button', { name: say('ra.action.save') }).click();
    await orgSection.getByRole('link', { name: 'Trey Research', exact: true }).waitFor();
    await record('org-edited');
    const [org] = await fixture.h.db.query(`SELECT name, trial_status FROM customer_org WHERE id = $1`, [trialId]);
    expect(org).toEqual({ name: 'Trey Research', trial_status: 'ACTIVE' });

    // Resend the Set up now email from the case: a new email to the contact.
    const before = fixture.h.setupEmails.length;
    await theOrder
      .locator('..')
      .getByRole('button', { name: say('console.orders.action.resendSetupEmail') })
      .click();
    await page.getByText(say('console.done.resendSetupEmail')).waitFor();
    await fixture.h.deliverMail();
    expect(fixture.h.setupEmails.length).toBe(before + 1);
    await record('email-resent');

    // Resolve: the reporter is emailed the resolution, in Bulgarian, the language they reported in.
    await page.getByLabel(say('resources.cases.fields.resolution')).fill('Удължихме пробния период с 30 дни.');
    await page.getByRole('button', { name: say('console.cases.resolveSubmit') }).click();
    await page.getByTestId('resolution').getByText('Удължихме пробния период с 30 дни.').waitFor();
    await page.getByText(say('console.cases.emailed')).waitFor();
    await record('case-resolved');
    await fixture.h.deliverMail();
    const answer = fixture.h.emails.find((email) => email.subject.startsWith('Разрешено'));
    expect(answer).toMatchObject({ to: 'admin@treyresearch.example' });
    expect(answer!.text).toContain('Удължихме пробния период с 30 дни.');
    expect(answer!.text).toContain('Пробният период изтече.');

    // The order's page lists its case.
    await page.goto(consoleUrl(fixture.h, `/orders/${order.id}/show`));
    const cases = page.getByTestId('order-cases');
    await cases.getByRole('row', { name: new RegExp(say('console.enum.CaseKind.TRIAL_EXPIRED')) }).waitFor();
    await record('order-cases');
    await cases.getByRole('row', { name: new RegExp(say('console.enum.CaseKind.TRIAL_EXPIRED')) }).click();
    await page.waitForURL(consoleUrl(fixture.h, `/cases/${caseId}/show`));
  } finally {
    await close();
  }

  // The same pages in Bulgarian, and on a phone's width.
  const bg = await openConsolePage(fixture.browser, { locale: 'bg-BG', file: 'case-to-fix', prefix: 'bg' });
  try {
    await signIn(bg.page, fixture.h, rep, 'bg');
    await bg.page.goto(consoleUrl(fixture.h, `/cases/${caseId}/show`));
    await bg.page.getByRole('heading', { name: say('console.cases.theOrder', {}, 'bg') }).waitFor();
    await bg.page.getByText(say('console.cases.emailed', {}, 'bg')).waitFor();
    await bg.record('case-resolved');
    await bg.page.goto(consoleUrl(fixture.h, `/orders/${order.id}/show`));
    await bg.page
      .getByTestId('order-cases')
      .getByRole('row', { name: new RegExp(say('console.enum.CaseKind.TRIAL_EXPIRED', {}, 'bg')) })
      .waitFor();
    await bg.record('order-cases');
    await bg.page.setViewportSize({ width: 390, height: 844 });
    await bg.page.goto(consoleUrl(fixture.h, `/cases/${caseId}/show`));
    await bg.page.getByRole('heading', { name: say('console.cases.theOrder', {}, 'bg') }).waitFor();
    // The case and its fixes fit a phone's width: no sideways scroll.
    await bg.page.waitForFunction(() => document.documentElement.scrollWidth <= 390);
    await bg.record('case-phone');
  } finally {
    await bg.close();
  }
}, 180_000);
