/**
 * The dashboard an analyst opens: the open cases, the orders awaiting setup whose window closes soonest, the
 * trials expiring within a week, and the onboarding metrics (the funnel and where sessions end) with the
 * grouping the analyst picks, showing the server's figures. The browser's clock is set to the harness's, as the
 * server's is.
 */
import type { Locator } from 'playwright-core';
import { formatters } from '../../admin/console/common/format';
import { StaffRole } from '../../server/staff/staff.entity';
import { useBrowserFixture } from '../support/browser-fixture';
import { bookOrder, USER_ERRORS, WizardClient } from '../support/wizard';
import { cardTitle, createStaff, openConsolePage, say, signIn } from './console';

const fixture = useBrowserFixture();

async function startTrial(companyName: string, adminEmail: string, days: number) {
  const started = await fixture.h.gql(
    `mutation ($input: CustomerOrgStartTrialInput!) { customerOrgStartTrial(input: $input) { customerOrg { id } ${USER_ERRORS} } }`,
    { input: { companyName, countryCode: 'CH', adminEmail, days } },
    { token: fixture.h.commerceKey },
  );
  expect(started.data.customerOrgStartTrial.userErrors).toEqual([]);
}

/** The funnel's groups as the API gives them to an analyst. */
async function funnel(range: { from: string; to: string }, groupBy: string, token: string) {
  const result = await fixture.h.gql(
    `query ($range: MetricRange!, $groupBy: MetricGrouping!) {
       onboardingFunnel(range: $range, groupBy: $groupBy) {
         group { key label } stages { stage orders rateFromPrevious } reminders { ordersReminded ordersMappedAfterReminder mappedRate } } }`,
    { range, groupBy },
    { token },
  );
  return result.data.onboardingFunnel as {
    group: { key: string; label: string };
    stages: { orders: number; rateFromPrevious: number | null }[];
    reminders: { ordersReminded: number; ordersMappedAfterReminder: number; mappedRate: number | null };
  }[];
}

const format = formatters('en');

/** A group's name as the console writes it: a week by its days ("Nov 23 – 29, 2026"), an offer as the server names it. */
function groupName(groupBy: string, group: { key: string; label: string }): string {
  return format.period(groupBy, group.key, group.label);
}

/** A funnel group's cells as the console writes them: its name, orders and the rate from the stage before, the reminders. */
function funnelCells(groupBy: string, group: Awaited<ReturnType<typeof funnel>>[number]): string[] {
  return [
    groupName(groupBy, group.group),
    ...group.stages.map((stage) => `${format.number(stage.orders)} (${format.percent(stage.rateFromPrevious)})`),
    // Then the reminders: orders reminded, and those mapped after a reminder with their share.
    format.number(group.reminders.ordersReminded),
    `${format.number(group.reminders.ordersMappedAfterReminder)} (${format.percent(group.reminders.mappedRate)})`,
  ];
}

/** A text with its spaces as plain ones: Intl's ranges hold thin and no-break spaces, which Chromium's ICU and Node's place differently. */
const spaced = (text: string) => text.replace(/\s+/g, ' ');

/** The table row of a group, by its name in the first cell. */
function groupRow(block: Locator, name: string): Locator {
  return block.locator('tbody tr').filter({ has: block.page().locator('td:first-child').getByText(name, { exact: true }) });
}

test('an analyst sees what needs doing and the onboarding metrics, grouped as chosen', async () => {
  await startTrial('Alpine Ski House', 'it@alpineskihouse.example', 3);
  await startTrial('Bellows College', 'it@bellows.example', 30);
  const standard = await bookOrder(fixture.h, { provisioningContactEmail: 'kai@proseware.example' });
  const flex = await bookOrder(fixture.h, { provisioningContactEmail: 'ola@northwind.example', offerCode: 'A-FLEX-STD' });
  // One contact leaves the wizard at the partner org step; the other reports a problem.
  const leaving = await WizardClient.open(fixture.h, standard.linkToken!);
  await leaving.step('ChooseRole', { role: 'PARTNER' });
  await leaving.step('ChooseSetupPerformer', { performer: 'SELF' });
  await leaving.step('Abandon');
  const reporting = await WizardClient.open(fixture.h, flex.linkToken!);
  await reporting.step('ReportProblem', { kind: 'OTHER', message: 'Which offer did we buy?' }, 'case { id }');
  await fixture.h.services.metrics.refresh();

  const analyst = await createStaff(fixture.h, StaffRole.ANALYST);
  const { page, record, close } = await openConsolePage(fixture.browser, { locale: 'en-US', file: 'console-dashboard' });
  try {
    await page.clock.setFixedTime(fixture.h.clock.now());
    await signIn(page, fixture.h, analyst);

    // What needs doing: the case; the A-Flex order first (a 7-day window); the trial expiring in 3 days only.
    const cases = page.getByTestId('open-cases');
    await cases.getByText(cardTitle('openCases', 1)).waitFor();
    await cases.getByText(say('console.enum.CaseKind.OTHER')).waitFor();
    const awaiting = page.getByTestId('awaiting-setup');
    await awaiting.getByText(cardTitle('awaitingSetup', 2)).waitFor();
    expect(await awaiting.getByRole('link').allTextContents()).toEqual([
      flex.order.subscriptionId,
      standard.order.subscriptionId,
      say('console.dashboard.seeAll'),
    ]);
    const trials = page.getByTestId('expiring-trials');
    await trials.getByText(cardTitle('expiringTrials', 1)).waitFor();
    await trials.getByText('Alpine Ski House').waitFor();
    expect(await trials.getByText('Bellows College').count()).toBe(0);

    // The funnel by week, as the server counts it; the session left at the partner org step.
    const token = await fixture.h.staffToken(StaffRole.ANALYST);
    const [week] = (await funnel({ from: '2026-11-23', to: '2026-11-29' }, 'WEEK', token)).filter(
      (group) => group.group.key === '2026-11-23',
    );
    expect(week.stages[0].orders).toBe(2);
    const funnelBlock = page.getByTestId('metric-onboardingFunnel');
    expect(spaced(groupName('WEEK', week.group))).toBe('Nov 23 – 29, 2026');
    const weekRow = groupRow(funnelBlock, groupName('WEEK', week.group));
    await weekRow.waitFor();
    expect((await weekRow.getByRole('cell').allTextContents()).map(spaced)).toEqual(funnelCells('WEEK', week).map(spaced));
    const dropOff = page.getByTestId('metric-onboardingDropOff');
    const partnerStep = dropOff.getByRole('row', { name: new RegExp(`^${say('console.enum.WizardStep.PARTNER_ORG')}`) });
    expect(await partnerStep.getByRole('cell').allTextContents()).toEqual([say('console.enum.WizardStep.PARTNER_ORG'), '1', '0']);
    await record('dashboard');

    // Grouped by offer instead: one group per offer.
    await page.getByLabel(say('console.metrics.groupBy')).click();
    await page.getByRole('option', { name: say('console.enum.MetricGrouping.OFFER') }).click();
    // The range's first day as typed in English (mm/dd/yyyy), which the console reads as a calendar day.
    const typed = await page.getByRole('textbox', { name: say('console.metrics.from'), exact: true }).inputValue();
    expect(typed).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    const from = format.dateInput.read(typed)!;
    const offers = await funnel({ from, to: '2026-11-24' }, 'OFFER', token);
    expect(offers.map((group) => group.group.key).sort()).toEqual(['A-FLEX-STD', 'WXCC-STD']);
    for (const offer of offers) {
      const row = groupRow(funnelBlock, offer.group.label);
      await row.waitFor();
      expect((await row.getByRole('cell').allTextContents()).map(spaced)).toEqual(funnelCells('OFFER', offer).map(spaced));
    }
    await record('by-offer');
  } finally {
    await close();
  }
});
