/**
 * Every metric on a small, hand-built history whose numbers are worked out in the comments: two weeks of orders,
 * sessions, trials and cases, starting Tuesday 2026-11-24 (the harness clock), in the ISO weeks of Monday 11-23
 * and Monday 11-30.
 */
import { Harness, startHarness } from '../support/harness';
import { bookOrder, partnerReadyToConfirm, USER_ERRORS, WizardClient } from '../support/wizard';

let h: Harness;
let analyst: string;
let rep: string;
const partners: Record<string, string> = {};

const TWO_WEEKS = { from: '2026-11-23', to: '2026-12-06' };

async function metric(name: string, selection: string, range: object, groupBy: string, token = analyst) {
  await h.services.metrics.refresh();
  const result = await h.gql(
    `query ($range: MetricRange!, $groupBy: MetricGrouping!) { ${name}(range: $range, groupBy: $groupBy) { group { key label } ${selection} } }`,
    { range, groupBy },
    { token },
  );
  expect(result.errors).toBeUndefined();
  return result.data[name] as any[];
}

/** A funnel group as [key, orders per stage, sessions per wizard step]. */
async function funnel(range: object, groupBy: string) {
  const groups = await metric('onboardingFunnel', 'stages { stage orders sessions rateFromPrevious }', range, groupBy);
  return groups.map((g) => [
    g.group.key,
    g.stages.map((s: any) => s.orders),
    g.stages.filter((s: any) => s.sessions !== null).map((s: any) => s.sessions),
  ]);
}

/** A representative's mutation; a fresh login each time, as staff tokens expire within hours of the test's clock. */
async function rep_(mutation: string, input: object) {
  const result = await h.gql(
    `mutation ($input: ${mutation[0].toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) { ${USER_ERRORS} ${
      mutation.startsWith('customerOrg') ? 'customerOrg { id }' : 'case { id }'
    } } }`,
    { input },
    { token: await h.staffToken('REP') },
  );
  expect(result.errors).toBeUndefined();
  expect(result.data[mutation].userErrors).toEqual([]);
  return result.data[mutation];
}

async function reportProblem(wizard: WizardClient) {
  const result = await h.gql(
    `mutation { provisioningReportProblem(input: { kind: OTHER, message: "The wizard cannot help us" }) { case { id } ${USER_ERRORS} } }`,
    {},
    { token: wizard.sessionToken },
  );
  expect(result.data.provisioningReportProblem.userErrors).toEqual([]);
  return result.data.provisioningReportProblem.case.id as string;
}

beforeAll(async () => {
  h = await startHarness();

  // Tue 11-24 09:00: order A is booked and emailed; opened at 09:10 and mapped at 09:30 onto a new DE customer org.
  const a = await bookOrder(h, { offerCode: 'WXCC-STD' });
  h.clock.advanceMinutes(10);
  const wizardA = await WizardClient.open(h, a.linkToken!);
  await partnerReadyToConfirm(wizardA, { partnerAdmin: 'admin@northwind.example', customerAdmin: 'it@contoso.example' });
  h.clock.advanceMinutes(20);
  const mappedA = await wizardA.confirm();
  expect(mappedA.userErrors).toEqual([]);
  partners.northwind = mappedA.partnerOrg.id;

  // 09:40: order B (A-Flex) is booked. Its first session reaches SETUP_PERFORMER and is abandoned at 09:50; its second,
  // a customer's, is its own administrator by default and so reaches CUSTOMER_COMPANY; it reports a problem at 10:05 and expires idle by 11:10.
  h.clock.advanceMinutes(10);
  const b = await bookOrder(h, { offerCode: 'A-FLEX-WXCC' });
  h.clock.advanceMinutes(5);
  const wizardB1 = await WizardClient.open(h, b.linkToken!);
  expect((await wizardB1.step('ChooseRole', { role: 'PARTNER' })).session.furthestStep).toBe('SETUP_PERFORMER');
  h.clock.advanceMinutes(5);
  await wizardB1.step('Abandon', {});
  h.clock.advanceMinutes(10);
  const wizardB2 = await WizardClient.open(h, b.linkToken!);
  expect((await wizardB2.step('ChooseRole', { role: 'CUSTOMER' })).session.furthestStep).toBe('CUSTOMER_COMPANY');
  h.clock.advanceMinutes(5);
  const caseOne = await reportProblem(wizardB2);
  h.clock.advanceMinutes(65);
  expect(await h.services.provisioning.expireIdleSessions()).toBe(1);

  // 12:05: the case is resolved (two hours after it was opened); order C is booked for December (no email yet);
  // three trials start: T1 (GB, 10 days), T2 (GB, 1 day), T3 (US, 30 days), and order F, to convert T3, is booked and
  // emailed, opened at 12:10 and mapped at 12:20.
  h.clock.advanceMinutes(55);
  await rep_('caseResolve', { id: caseOne, resolution: 'Explained the customer path on the phone.' });
  await bookOrder(h, { requestedStartDate: '2026-12-10' });
  const trial = (companyName: string, countryCode: string, adminEmail: string, days: number) =>
    rep_('customerOrgStartTrial', { companyName, countryCode, adminEmail, days }).then((p) => p.customerOrg.id as string);
  await trial('Fabrikam Ltd', 'GB', 'ops@fabrikam.example', 10);
  const t2 = await trial('Tailspin Ltd', 'GB', 'ops@tailspin.example', 1);
  const t3 = await trial('Litware Inc', 'US', 'ops@litware.example', 30);
  const f = await bookOrder(h, { trialCustomerOrgId: t3 });
  h.clock.advanceMinutes(5);
  const wizardF = await WizardClient.open(h, f.linkToken!);
  await wizardF.step('ChooseRole', { role: 'PARTNER' });
  await wizardF.step('ChooseSetupPerformer', { performer: 'SELF' });
  await wizardF.step('SetPartnerOrg', {
    useExisting: false,
    adminEmail: 'admin@proseware.example',
    companyName: 'Proseware Partners',
    countryCode: 'US',
  });
  await wizardF.step('SetCustomerAdmin', { adminEmail: 'ops@litware.example' });
  await wizardF.step('SetCustomerCompany', { companyName: 'Litware Inc', countryCode: 'US' });
  expect((await wizardF.step('ChooseCustomerOrg', { choice: 'EXISTING' })).userErrors).toEqual([]);
  h.clock.advanceMinutes(10);
  const mappedF = await wizardF.confirm();
  expect(mappedF.customerOrg).toMatchObject({ id: t3, trialStatus: 'CONVERTED' });
  partners.proseware = mappedF.partnerOrg.id;

  // Thu 11-26: the sweep finds T2 lapsed (on 11-25) and a representative extends it.
  h.clock.advanceDays(2);
  expect(await h.services.orgs.expireTrials()).toBe(1);
  await rep_('customerOrgExtendTrial', { id: t2 });

  // Sun 11-29 23:50: order D is booked and emailed, opened at 23:55; on Monday 11-30 at 00:05 its session answers
  // the role and is abandoned at 00:10: the order counts in the first week, the abandoned session in the second.
  h.clock.set(new Date('2026-11-29T23:50:00Z'));
  const d = await bookOrder(h);
  h.clock.advanceMinutes(5);
  const wizardD = await WizardClient.open(h, d.linkToken!);
  h.clock.advanceMinutes(10);
  await wizardD.step('ChooseRole', { role: 'PARTNER' });
  h.clock.advanceMinutes(5);
  await wizardD.step('Abandon', {});

  // Mon 11-30 09:00: order E is booked and emailed; opened at 09:05, its session reports a problem that stays open.
  h.clock.set(new Date('2026-11-30T09:00:00Z'));
  const e = await bookOrder(h);
  h.clock.advanceMinutes(5);
  await reportProblem(await WizardClient.open(h, e.linkToken!));
  analyst = await h.staffToken('ANALYST');
  rep = await h.staffToken('REP');
});

afterAll(() => h.close());

// Stages: booked, emailed, opened, ROLE, SETUP_PERFORMER, PARTNER_ORG, CUSTOMER_ADMIN, CUSTOMER_COMPANY, CUSTOMER_ORG, CONFIRM, mapped.
// Furthest steps by rank: A 8 (done), B 2 then 5, C none, D 2, F 8, E 1.
test('the funnel by week: orders booked each week and how far each got, sessions by the step they reached', async () => {
  expect(await funnel(TWO_WEEKS, 'WEEK')).toEqual([
    ['2026-11-23', [5, 4, 4, 4, 4, 3, 3, 3, 2, 2, 2], [5, 5, 3, 3, 3, 2, 2]],
    ['2026-11-30', [1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0, 0]],
  ]);
  const [first] = await metric('onboardingFunnel', 'stages { stage rateFromPrevious }', TWO_WEEKS, 'WEEK');
  expect(first.group.label).toBe('2026-W48');
  expect(first.stages.map((s: any) => [s.stage, s.rateFromPrevious])).toEqual([
    ['ORDERS_BOOKED', null],
    ['SETUP_EMAILS_SENT', 0.8],
    ['LINKS_OPENED', 1],
    ['ROLE', 1],
    ['SETUP_PERFORMER', 1],
    ['PARTNER_ORG', 0.75],
    ['CUSTOMER_ADMIN', 1],
    ['CUSTOMER_COMPANY', 1],
    ['CUSTOMER_ORG', 2 / 3],
    ['CONFIRM', 1],
    ['ORDERS_MAPPED', 1],
  ]);
});

test('the funnel by dimension: the mapped org gives the country, region and partner; the rest is not known yet', async () => {
  // A maps to Germany (eu2) through Northwind; F to its US trial org (us1) through Proseware; B, C, D, E are unmapped.
  const unknown = ['UNKNOWN', [4, 3, 3, 3, 2, 1, 1, 1, 0, 0, 0], [4, 3, 1, 1, 1, 0, 0]];
  const all = (key: string) => [key, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1]];
  expect(await funnel(TWO_WEEKS, 'COUNTRY')).toEqual([unknown, all('DE'), all('US')]);
  expect(await funnel(TWO_WEEKS, 'REGION')).toEqual([unknown, all('eu2'), all('us1')]);
  // Ranked by orders booked, ties by label: Northwind before Proseware.
  expect(await funnel(TWO_WEEKS, 'PARTNER_ORG')).toEqual([unknown, all(partners.northwind), all(partners.proseware)]);
  const byPartner = await metric('onboardingFunnel', 'stages { orders }', TWO_WEEKS, 'PARTNER_ORG');
  expect(byPartner.map((g) => g.group.label).sort()).toEqual(['Northwind Partners', 'Not known yet', 'Proseware Partners']);
  const byCountry = await metric('onboardingFunnel', 'stages { orders }', TWO_WEEKS, 'COUNTRY');
  expect(byCountry.map((g) => g.group.label)).toEqual(['Not known yet', 'Germany', 'United States']);
  const byRegion = await metric('onboardingFunnel', 'stages { orders }', TWO_WEEKS, 'REGION');
  expect(byRegion.map((g) => g.group.label)).toEqual(['Not known yet', 'European Union and EMEA', 'North America']);
  // Every metric names its groups by the country's or partner org's name, never by a code or an id.
  for (const [name, selection] of [
    ['onboardingDropOff', 'totalAbandoned'],
    ['provisioningDurations', 'emailToMapping { orders }'],
    ['trialMetrics', 'started'],
    ['caseMetrics', 'opened'],
  ]) {
    for (const groupBy of ['PARTNER_ORG', 'COUNTRY']) {
      const groups = (await metric(name, selection, TWO_WEEKS, groupBy)).map((g) => g.group);
      expect(groups.length).toBeGreaterThan(0);
      const unnamed = groups.filter(({ key, label }) => label === key || (key !== 'UNKNOWN' && label === 'Not known yet'));
      expect([name, groupBy, unnamed]).toEqual([name, groupBy, []]);
    }
  }
  // B is the only A-Flex order; A, C, D, E and F are standard.
  expect((await funnel(TWO_WEEKS, 'OFFER')).map(([key, orders]) => [key, (orders as number[])[0]])).toEqual([
    ['WXCC-STD', 5],
    ['A-FLEX-WXCC', 1],
  ]);
});

test('the range includes both ends and nothing outside them', async () => {
  const booked = async (from: string, to: string) =>
    (await funnel({ from, to }, 'MONTH')).map(([key, orders]) => [key, (orders as number[])[0]]);
  expect(await booked('2026-11-24', '2026-11-24')).toEqual([['2026-11', 4]]);
  expect(await booked('2026-11-25', '2026-11-29')).toEqual([['2026-11', 1]]);
  expect(await booked('2026-11-30', '2026-12-01')).toEqual([
    ['2026-11', 1],
    ['2026-12', 0],
  ]);
  expect(await booked('2026-11-01', '2026-11-23')).toEqual([['2026-11', 0]]);
});

test('drop-off: abandoned and expired sessions by the day they ended and the furthest step reached', async () => {
  const groups = await metric(
    'onboardingDropOff',
    'abandoned { step sessions } expired { step sessions } totalAbandoned totalExpired',
    TWO_WEEKS,
    'WEEK',
  );
  const nonZero = (list: { step: string; sessions: number }[]) => list.filter((s) => s.sessions > 0).map((s) => [s.step, s.sessions]);
  // Week 1: B's first session (abandoned at SETUP_PERFORMER), B's second (expired at CUSTOMER_COMPANY).
  // Week 2: D's session, booked in week 1 but abandoned on Monday.
  expect(groups.map((g) => [g.group.key, nonZero(g.abandoned), nonZero(g.expired), g.totalAbandoned, g.totalExpired])).toEqual([
    ['2026-11-23', [['SETUP_PERFORMER', 1]], [['CUSTOMER_COMPANY', 1]], 1, 1],
    ['2026-11-30', [['SETUP_PERFORMER', 1]], [], 1, 0],
  ]);
  expect(groups[0].abandoned.map((s: any) => s.step)).toEqual([
    'ROLE',
    'SETUP_PERFORMER',
    'PARTNER_ORG',
    'CUSTOMER_ADMIN',
    'CUSTOMER_COMPANY',
    'CUSTOMER_ORG',
    'CONFIRM',
  ]);
});

test('durations: median and 90th percentile from email and from first opening to mapping', async () => {
  // A: emailed 09:00, opened 09:10, mapped 09:30 (1800 s and 1200 s). F: emailed 12:05, opened 12:10, mapped 12:20 (900 s, 600 s).
  // In 5% buckets (60 s × 1.05^k, rounded up): 1800 s is in k = 70 (1826 s), 1200 s in k = 62 (1236 s),
  // 900 s in k = 56 (923 s), 600 s in k = 48 (625 s).
  const groups = await metric(
    'provisioningDurations',
    'emailToMapping { orders medianSeconds p90Seconds } firstOpeningToMapping { orders medianSeconds p90Seconds }',
    TWO_WEEKS,
    'WEEK',
  );
  expect(groups.map((g) => [g.group.key, g.emailToMapping, g.firstOpeningToMapping])).toEqual([
    ['2026-11-23', { orders: 2, medianSeconds: 923, p90Seconds: 1826 }, { orders: 2, medianSeconds: 625, p90Seconds: 1236 }],
    ['2026-11-30', { orders: 0, medianSeconds: null, p90Seconds: null }, { orders: 0, medianSeconds: null, p90Seconds: null }],
  ]);
  const byCountry = await metric('provisioningDurations', 'emailToMapping { orders medianSeconds }', TWO_WEEKS, 'COUNTRY');
  expect(byCountry.map((g) => [g.group.key, g.emailToMapping.medianSeconds])).toEqual([
    ['DE', 1826],
    ['US', 923],
  ]);
});

test('trials: started in the range, and how many lapsed, were extended and converted', async () => {
  const selection = 'started expired extended converted conversionRate';
  expect((await metric('trialMetrics', selection, TWO_WEEKS, 'WEEK')).map(({ group, ...rest }) => [group.key, rest])).toEqual([
    ['2026-11-23', { started: 3, expired: 1, extended: 1, converted: 1, conversionRate: 1 / 3 }],
    ['2026-11-30', { started: 0, expired: 0, extended: 0, converted: 0, conversionRate: null }],
  ]);
  // T1 and T2 are British; T3 is American and was converted by F, a standard order.
  expect((await metric('trialMetrics', selection, TWO_WEEKS, 'COUNTRY')).map(({ group, ...rest }) => [group.key, rest])).toEqual([
    ['GB', { started: 2, expired: 1, extended: 1, converted: 0, conversionRate: 0 }],
    ['US', { started: 1, expired: 0, extended: 0, converted: 1, conversionRate: 1 }],
  ]);
  expect((await metric('trialMetrics', 'started converted', TWO_WEEKS, 'OFFER')).map((g) => [g.group.key, g.started, g.converted])).toEqual(
    [
      ['UNKNOWN', 2, 0],
      ['WXCC-STD', 1, 1],
    ],
  );
});

test('cases: opened and resolved by kind, with the median time to resolve', async () => {
  // The case took two hours, 7200 s: in the 5% bucket k = 99, 60 s × 1.05^99 = 7514.4, so 7515 s.
  const groups = await metric(
    'caseMetrics',
    'opened resolved medianSecondsToResolve byKind { kind opened resolved medianSecondsToResolve }',
    TWO_WEEKS,
    'WEEK',
  );
  expect(groups.map((g) => [g.group.key, g.opened, g.resolved, g.medianSecondsToResolve])).toEqual([
    ['2026-11-23', 1, 1, 7515],
    ['2026-11-30', 1, 0, null],
  ]);
  expect(groups[0].byKind).toEqual([
    { kind: 'PARTNER_ORG_INCORRECT', opened: 0, resolved: 0, medianSecondsToResolve: null },
    { kind: 'CUSTOMER_ORG_INCORRECT', opened: 0, resolved: 0, medianSecondsToResolve: null },
    { kind: 'TRIAL_EXPIRED', opened: 0, resolved: 0, medianSecondsToResolve: null },
    { kind: 'OTHER', opened: 1, resolved: 1, medianSecondsToResolve: 7515 },
  ]);
});

test('a bad range is refused with a clear error; metrics are for staff only', async () => {
  const ask = (range: object, token?: string) =>
    h.gql(`query ($range: MetricRange!) { caseMetrics(range: $range, groupBy: WEEK) { opened } }`, { range }, { token });
  const backwards = await ask({ from: '2026-12-01', to: '2026-11-01' }, analyst);
  expect(backwards.errors?.[0]).toMatchObject({
    message: 'range.from must be on or before range.to.',
    extensions: { code: 'BAD_USER_INPUT' },
  });
  const tooLong = await ask({ from: '2000-01-01', to: '2026-11-01' }, analyst);
  expect(tooLong.errors?.[0]).toMatchObject({
    message: 'A range spans at most 5 years: from 2000-01-01, range.to must be on or before 2004-12-31.',
    extensions: { code: 'BAD_USER_INPUT' },
  });
  const notADate = await ask({ from: '2026-02-30', to: '2026-03-01' }, analyst);
  expect(notADate.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect((await ask(TWO_WEEKS)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  expect((await ask(TWO_WEEKS, h.commerceKey)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect((await ask(TWO_WEEKS, rep)).errors).toBeUndefined();
});
