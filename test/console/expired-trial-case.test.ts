/**
 * The console's everyday fix: a customer converting a trial finds it expired, reports it from the wizard; a
 * representative signs in, opens the case from the queue, extends the trial from the org it links to, resolves
 * the case with a written resolution; the customer's wizard then completes, and the order's page shows every
 * change to it disabled, past the point of no return.
 */
import { StaffRole } from '../../server/staff/staff.entity';
import { useBrowserFixture } from '../support/browser-fixture';
import { bookOrder, mappedOrder, USER_ERRORS, WizardClient } from '../support/wizard';
import { cardTitle, consoleUrl, createStaff, openConsolePage, say, signIn } from './console';

const fixture = useBrowserFixture();

const DAY = 86_400_000;

/** The longest scenario: eight recorded steps, each a screenshot and an axe check; more than jest's default 30 s on a busy machine. */
const SCENARIO_TIMEOUT = 180_000;

test(
  'a representative extends an expired trial from its case and resolves it; the wizard then maps the order',
  async () => {
    // The commerce integration starts a two-week trial and books the order that converts it.
    const started = await fixture.h.gql(
      `mutation ($input: CustomerOrgStartTrialInput!) { customerOrgStartTrial(input: $input) { customerOrg { id } ${USER_ERRORS} } }`,
      { input: { companyName: 'Trey Research', countryCode: 'GB', adminEmail: 'admin@treyresearch.example', days: 14 } },
      { token: fixture.h.commerceKey },
    );
    const trialId = started.data.customerOrgStartTrial.customerOrg.id;
    const { order, linkToken } = await bookOrder(fixture.h, {
      provisioningContactEmail: 'admin@treyresearch.example',
      trialCustomerOrgId: trialId,
    });

    // The customer opens the link after the trial ran out: the existing org is refused, and they report it.
    fixture.h.clock.advanceDays(15);
    const wizard = await WizardClient.open(fixture.h, linkToken!);
    await wizard.step('ChooseRole', { role: 'CUSTOMER' });
    await wizard.step('SetCustomerCompany', { companyName: 'Trey Research', countryCode: 'GB' });
    const blocked = await wizard.step('ChooseCustomerOrg', { choice: 'EXISTING' });
    expect(blocked.userErrors).toEqual([expect.objectContaining({ code: 'TRIAL_EXPIRED' })]);
    const reported = await wizard.step(
      'ReportProblem',
      { kind: 'TRIAL_EXPIRED', message: 'Our trial ran out before we could set up.' },
      'case { id }',
    );
    const caseId = reported.case.id;

    const rep = await createStaff(fixture.h, StaffRole.REP);
    const { page, record, close } = await openConsolePage(fixture.browser, { locale: 'en-US', file: 'console-expired-trial-case' });
    try {
      await signIn(page, fixture.h, rep);
      // The dashboard lists the open case.
      const openCases = page.getByTestId('open-cases');
      await openCases.getByText(cardTitle('openCases', 1)).waitFor();
      await record('dashboard');

      // The case queue: the case, oldest first, naming the org to fix.
      await page.getByRole('menuitem', { name: say('resources.cases.name', { smart_count: 2 }) }).click();
      await page.waitForURL((url) => url.pathname === '/admin/cases');
      const row = page.getByRole('row', { name: new RegExp(`${say('console.enum.CaseKind.TRIAL_EXPIRED')}.*admin@treyresearch`) });
      await row.waitFor();
      await record('case-queue');
      await row.getByText('admin@treyresearch.example').click();
      await page.waitForURL(consoleUrl(fixture.h, `/cases/${caseId}/show`));
      await page.getByText('Our trial ran out before we could set up.').waitFor();
      await record('case');

      // The org the case links to: its trial, expired; extended by 30 days.
      await page.getByRole('link', { name: 'Trey Research' }).click();
      await page.waitForURL(consoleUrl(fixture.h, `/customerOrgs/${trialId}`));
      const trial = page.getByTestId('trial-panel');
      await trial.getByText(say('console.enum.TrialStatus.EXPIRED'), { exact: true }).waitFor();
      await record('expired-trial');
      await page.getByRole('button', { name: say('console.customerOrgs.trial.extend30') }).click();
      await trial.getByText(say('console.enum.TrialStatus.ACTIVE'), { exact: true }).waitFor();
      await page.getByText(say('console.done.extendTrial')).waitFor();
      await record('trial-extended');
      const [org] = await fixture.h.db.query(`SELECT trial_expires_at FROM customer_org WHERE id = $1`, [trialId]);
      expect(org.trial_expires_at).toEqual(new Date(fixture.h.clock.now().getTime() + 30 * DAY));

      // Back to the case: resolved with what was done.
      await page.goBack();
      await page.waitForURL(consoleUrl(fixture.h, `/cases/${caseId}/show`));
      await page.getByLabel(say('resources.cases.fields.resolution')).fill('Trial extended by 30 days.');
      await page.getByRole('button', { name: say('console.cases.resolveSubmit') }).click();
      await page.getByTestId('resolution').getByText('Trial extended by 30 days.').waitFor();
      await page.getByText(say('console.done.resolve')).waitFor();
      await record('case-resolved');
      const [resolved] = await fixture.h.db.query(`SELECT status, resolution, resolved_by_staff_id FROM support_case WHERE id = $1`, [
        caseId,
      ]);
      expect(resolved).toEqual({ status: 'RESOLVED', resolution: 'Trial extended by 30 days.', resolved_by_staff_id: rep.id });

      // The customer's same session now goes on and maps the order onto the trial org.
      const chosen = await wizard.step('ChooseCustomerOrg', { choice: 'EXISTING' });
      expect(chosen.userErrors).toEqual([]);
      const confirmed = await wizard.confirm();
      expect(confirmed.userErrors).toEqual([]);
      expect(confirmed.order).toEqual({ id: order.id, status: 'MAPPED' });
      expect(confirmed.customerOrg.id).toBe(trialId);
      expect(await mappedOrder(fixture.h, order.id)).toMatchObject({ status: 'MAPPED', customerOrg: { id: trialId } });

      // The order's page: mapped, and every change to it disabled with the reason given.
      await page.goto(consoleUrl(fixture.h, `/orders/${order.id}/show`));
      await page.getByText(say('console.enum.OrderStatus.MAPPED'), { exact: true }).first().waitFor();
      for (const action of ['resendSetupEmail', 'changeProvisioningContact', 'cancel']) {
        await expect(page.getByRole('button', { name: say(`console.orders.action.${action}`), exact: true }).isDisabled()).resolves.toBe(
          true,
        );
      }
      await expect(page.getByTestId('order-final').textContent()).resolves.toBe(say('console.refusal.PAST_POINT_OF_NO_RETURN'));
      await record('order-mapped');

      // The wizard session behind it, with its step timeline: started, each step answered, completed (the refused one is not there).
      await page.getByRole('row', { name: new RegExp(say('console.enum.SessionStatus.COMPLETED')) }).click();
      await page.waitForURL(consoleUrl(fixture.h, `/sessions/${wizard.sessionId}/show`));
      const events = page.getByTestId('session-events');
      await events.getByRole('row', { name: new RegExp(say('console.enum.SessionEventKind.COMPLETED')) }).waitFor();
      const timeline = (await events.getByRole('row').allTextContents()).slice(1);
      expect(timeline.map((row) => row.replace(/^.*(AM|PM)/, ''))).toEqual([
        say('console.enum.SessionEventKind.STARTED') + '-',
        say('console.enum.SessionEventKind.STEP_ANSWERED') + say('console.enum.WizardStep.ROLE'),
        say('console.enum.SessionEventKind.STEP_ANSWERED') + say('console.enum.WizardStep.CUSTOMER_COMPANY'),
        say('console.enum.SessionEventKind.STEP_ANSWERED') + say('console.enum.WizardStep.CUSTOMER_ORG'),
        say('console.enum.SessionEventKind.COMPLETED') + say('console.enum.WizardStep.DONE'),
      ]);
      await record('session-timeline');
    } finally {
      await close();
    }
  },
  SCENARIO_TIMEOUT,
);
