/**
 * English and Bulgarian: the language menu switches the console to Bulgarian (menus, pages, the enums, and the
 * server's own refusals, which follow Accept-Language); the choice outlives a reload; a browser that prefers
 * Bulgarian gets the login page in Bulgarian.
 */
import { StaffRole } from '../../server/staff/staff.entity';
import { useBrowserFixture } from '../support/browser-fixture';
import { USER_ERRORS } from '../support/wizard';
import { consoleUrl, createStaff, openConsolePage, refusal, say, signIn } from './console';

const fixture = useBrowserFixture();

let orgId: string;
beforeAll(async () => {
  const started = await fixture.h.gql(
    `mutation ($input: CustomerOrgStartTrialInput!) { customerOrgStartTrial(input: $input) { customerOrg { id } ${USER_ERRORS} } }`,
    { input: { companyName: 'Fourth Coffee', countryCode: 'BG', adminEmail: 'it@fourthcoffee.example', days: 20 } },
    { token: fixture.h.commerceKey },
  );
  orgId = started.data.customerOrgStartTrial.customerOrg.id;
});

test('the language menu switches the console, and the server refusals, to Bulgarian', async () => {
  const rep = await createStaff(fixture.h, StaffRole.REP);
  const { page, record, close } = await openConsolePage(fixture.browser, { locale: 'en-US', file: 'console-language', prefix: 'menu' });
  try {
    await signIn(page, fixture.h, rep);
    await page.getByRole('menuitem', { name: say('resources.orders.name', { smart_count: 2 }) }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: 'Български' }).click();
    await page.getByRole('menuitem', { name: say('resources.orders.name', { smart_count: 2 }, 'bg') }).waitFor();
    await page.getByText(say('console.dashboard.openCases', { smart_count: 0 }, 'bg')).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('bg');
    await record('dashboard-bg');

    // Pages, fields and enums in Bulgarian; a refusal from the server in Bulgarian, under its field.
    await page.goto(consoleUrl(fixture.h, `/customerOrgs/${orgId}`));
    await page
      .getByTestId('trial-panel')
      .getByText(say('console.enum.TrialStatus.ACTIVE', {}, 'bg'), { exact: true })
      .waitFor();
    const name = page.getByRole('textbox', { name: say('resources.customerOrgs.fields.name', {}, 'bg'), exact: true });
    await name.fill('F'.repeat(201));
    await page.getByRole('button', { name: say('ra.action.save', {}, 'bg') }).click();
    await page.getByText(refusal('TOO_LONG', { max: 200 }, 'bg')).waitFor();
    await record('refusal-bg');

    // The choice is kept: a reload stays in Bulgarian.
    await page.reload();
    await page.getByRole('menuitem', { name: say('resources.cases.name', { smart_count: 2 }, 'bg') }).waitFor();
  } finally {
    await close();
  }
});

test('a browser that prefers Bulgarian gets the console in Bulgarian from the login page on', async () => {
  const rep = await createStaff(fixture.h, StaffRole.REP);
  const { page, record, close } = await openConsolePage(fixture.browser, { locale: 'bg-BG', file: 'console-language', prefix: 'browser' });
  try {
    await page.goto(consoleUrl(fixture.h, '/login'));
    await page.getByRole('button', { name: say('ra.auth.sign_in', {}, 'bg') }).waitFor();
    await record('login-bg');
    // A wrong password is refused in Bulgarian too.
    await page.getByLabel(say('ra.auth.username', {}, 'bg')).fill(rep.email);
    await page
      .getByLabel(say('ra.auth.password', {}, 'bg'))
      .first()
      .fill('not the password');
    await page.getByRole('button', { name: say('ra.auth.sign_in', {}, 'bg') }).click();
    await page.getByText(refusal('INVALID_CREDENTIALS', {}, 'bg')).waitFor();
    await record('login-refused-bg');

    await signIn(page, fixture.h, rep, 'bg');
    await page.getByRole('menuitem', { name: say('resources.customerOrgs.name', { smart_count: 2 }, 'bg') }).waitFor();
  } finally {
    await close();
  }
});
