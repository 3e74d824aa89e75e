/**
 * English and Bulgarian: the language menu switches the console to Bulgarian (menus, pages, the enums, and the
 * server's own refusals, which follow Accept-Language); the choice outlives a reload; a browser that prefers
 * Bulgarian gets the login page in Bulgarian.
 */
import { StaffRole } from '../../server/staff/staff.entity';
import { useBrowserFixture } from '../support/browser-fixture';
import { USER_ERRORS } from '../support/wizard';
import { cardTitle, consoleUrl, createStaff, openConsolePage, refusal, say, signIn } from './console';

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
    await page.getByText(cardTitle('openCases', 0, 'bg')).waitFor();
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

test('in Bulgarian, days are typed as dd.mm.yyyy and countries are named in Bulgarian', async () => {
  const rep = await createStaff(fixture.h, StaffRole.REP);
  const { page, record, close } = await openConsolePage(fixture.browser, { locale: 'bg-BG', file: 'console-language', prefix: 'formats' });
  try {
    await page.clock.setFixedTime(fixture.h.clock.now());
    await signIn(page, fixture.h, rep, 'bg');
    // The metrics range: the harness's day (2026-11-24) as Bulgarian writes it, whatever the browser's own date input would show.
    const to = page.getByRole('textbox', { name: say('console.metrics.to', {}, 'bg'), exact: true });
    expect(await to.inputValue()).toBe('24.11.2026');
    expect(await to.getAttribute('placeholder')).toBe('дд.мм.гггг');
    // A day that is not one is refused under the field, in Bulgarian, and the metrics keep the last good range.
    await to.fill('31.02.2026');
    await page.getByText(say('console.dateInput.invalid', { pattern: 'дд.мм.гггг' }, 'bg')).waitFor();
    await to.fill('20.11.2026');
    expect(await page.getByText(say('console.dateInput.invalid', { pattern: 'дд.мм.гггг' }, 'bg')).count()).toBe(0);
    await record('date-input-bg');

    // The org's country by its Bulgarian name, and the picker searched in Bulgarian.
    await page.goto(consoleUrl(fixture.h, `/customerOrgs/${orgId}`));
    const country = page.getByRole('combobox', { name: say('resources.customerOrgs.fields.countryCode', {}, 'bg') });
    await country.waitFor();
    // The field shows the org's country once the org has loaded.
    await page.waitForFunction(
      (name) => [...document.querySelectorAll<HTMLInputElement>('input[role="combobox"]')].some((input) => input.value === name),
      'България (BG)',
    );
    expect(await country.inputValue()).toBe('България (BG)');
    await country.fill('Швейц');
    await page.getByRole('option', { name: 'Швейцария (CH)' }).waitFor();
    await record('country-picker-bg');

    // The supported-countries table sorts by the names it shows, in Bulgarian order, and is searched by them.
    await page.goto(consoleUrl(fixture.h, '/countries'));
    const names = page.locator('td.column-name');
    await names.first().waitFor();
    const shown = await names.allInnerTexts();
    expect(shown.length).toBeGreaterThan(10);
    expect(shown).toEqual([...shown].sort(new Intl.Collator('bg').compare));
    // (Searched by the link's filter: the page's clock is fixed above, and the search box waits for it to move.)
    await page.goto(consoleUrl(fixture.h, `/countries?filter=${encodeURIComponent(JSON.stringify({ q: 'Швейц' }))}`));
    await page.getByRole('cell', { name: 'Швейцария' }).waitFor();
    expect(await names.count()).toBe(1);
    await record('countries-bg');
  } finally {
    await close();
  }
});
