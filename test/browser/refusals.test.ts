/**
 * Refusals in the browser: each appears beside the field it concerns, in the page's language, and the focus
 * moves to the first one. A colleague outside the company, a customer admin who already belongs to a partner
 * org, and a country where Webex Contact Center stopped being sold while the page was open.
 */
import { focusedId, openTestPage, setupPageUrl, text, waitForStep } from '../support/browser';
import { useBrowserFixture } from '../support/browser-fixture';
import { bookOrder, partnerReadyToConfirm, WizardClient } from '../support/wizard';
import { chooseCountry } from './country';

const fixture = useBrowserFixture();

beforeAll(async () => {
  // Lee administers the partner org Northwind Partners, from an earlier order set up through the API.
  const first = await bookOrder(fixture.h, { provisioningContactEmail: 'jo@fabrikam-partners.example' });
  const wizard = await WizardClient.open(fixture.h, first.linkToken!);
  await partnerReadyToConfirm(wizard, { partnerAdmin: 'lee@fabrikam-partners.example', customerAdmin: 'it@tailspin.example' });
  expect((await wizard.confirm()).userErrors).toEqual([]);
});

/** Marks a country as not sold, as an administrator would in the console. */
async function stopSelling(code: string) {
  const admin = await fixture.h.staffToken('ADMIN');
  const countries = await fixture.h.gql(`{ supportedCountries { code version } }`, {}, { token: admin });
  const { version } = countries.data.supportedCountries.find((country: { code: string }) => country.code === code);
  const result = await fixture.h.gql(
    `mutation ($input: SupportedCountryUpdateInput!) { supportedCountryUpdate(input: $input) { userErrors { code } } }`,
    { input: { code, version, contactCenterSold: false } },
    { token: admin },
  );
  expect(result.data.supportedCountryUpdate.userErrors).toEqual([]);
}

test('a partner sees each refusal beside its field, with the focus on the first, and corrects it', async () => {
  const say = (key: Parameters<typeof text>[1], params?: Record<string, string>) => text('en', key, params);
  const { linkToken } = await bookOrder(fixture.h, { provisioningContactEmail: 'sam@adatum.example' });
  const { page, record, close } = await openTestPage(fixture.browser, { locale: 'en-US', file: 'refusals', prefix: 'en' });
  try {
    await page.goto(setupPageUrl(fixture.h, linkToken!));
    await waitForStep(page, 'ROLE');
    await page.getByLabel(say('role.PARTNER'), { exact: true }).check();
    await page.getByRole('button', { name: say('action.continue') }).click();

    // Handing over to someone outside the company is refused beside the colleague's email.
    await waitForStep(page, 'SETUP_PERFORMER');
    await page.getByLabel(say('performer.OTHER'), { exact: true }).check();
    await page.getByLabel(say('performer.delegateEmail.label')).fill('pat@elsewhere.example');
    await page.getByRole('button', { name: say('performer.handOver') }).click();
    await page.locator('#delegateEmail-error').waitFor();
    expect(await page.locator('#delegateEmail-error').textContent()).toContain(
      'The person who sets up must be someone else in your company, with an email address at adatum.example.',
    );
    expect(await focusedId(page)).toBe('delegateEmail');
    expect(await page.locator('#delegateEmail').getAttribute('aria-invalid')).toBe('true');
    await record('delegate-refused');
    await page.getByLabel(say('performer.SELF')).check();
    await page.getByRole('button', { name: say('action.continue') }).click();

    await waitForStep(page, 'PARTNER_ORG');
    await page.getByLabel(say('partnerOrg.companyName.label')).fill('Adatum Partners');
    await chooseCountry(page, say('partnerOrg.country.label'), 'united states', 'US');
    await page.getByRole('button', { name: say('action.continue') }).click();

    // A customer admin who already belongs to a partner org: USER_IN_OTHER_ORG beside the email, focused.
    await waitForStep(page, 'CUSTOMER_ADMIN');
    await page.getByLabel(say('customerAdmin.adminEmail.label')).fill('lee@fabrikam-partners.example');
    await page.getByRole('button', { name: say('action.continue') }).click();
    await page.locator('#adminEmail-error').waitFor();
    expect(await page.locator('#adminEmail-error').textContent()).toContain(
      'This email address already belongs to another Webex organization (Northwind Partners).',
    );
    expect(await focusedId(page)).toBe('adminEmail');
    expect(await page.locator('#adminEmail').getAttribute('aria-describedby')).toContain('adminEmail-error');
    await record('customer-admin-refused');
    await page.getByLabel(say('customerAdmin.adminEmail.label')).fill('it@fourthcoffee.example');
    await page.getByRole('button', { name: say('action.continue') }).click();

    // Countries that are not sold are listed, disabled.
    await waitForStep(page, 'CUSTOMER_COMPANY');
    await page.getByRole('combobox', { name: say('company.country.label'), exact: true }).fill('cub');
    const cuba = page.locator('#countryCode-option-CU');
    expect(await cuba.getAttribute('aria-disabled')).toBe('true');
    expect(await cuba.textContent()).toBe('Cuba (not sold)');

    // France stops being sold after the page loaded its list; the contact also forgets the company name.
    await stopSelling('FR');
    await chooseCountry(page, say('company.country.label'), 'fran', 'FR');
    await page.getByRole('button', { name: say('action.continue') }).click();
    await page.locator('#countryCode-error').waitFor();
    expect(await page.locator('#companyName-error').textContent()).toContain('This field is required.');
    expect(await page.locator('#countryCode-error').textContent()).toContain('Webex Contact Center is not sold in this country.');
    // Both fields are refused: the focus is on the first, the company name.
    expect(await focusedId(page)).toBe('companyName');
    expect(await page.locator('.form-errors').count()).toBe(0);
    // The page reloads its country list: France is now shown as not sold, and no region is promised for it.
    await page.getByRole('combobox', { name: say('company.country.label'), exact: true }).fill('fran');
    await page.locator('#countryCode-option-FR', { hasText: 'France (not sold)' }).waitFor();
    expect(await page.locator('#countryCode-region').textContent()).toBe('');
    await record('company-refused');

    await page.getByLabel(say('company.companyName.label')).fill('Fourth Coffee');
    await chooseCountry(page, say('company.country.label'), 'germ', 'DE');
    await page.getByRole('button', { name: say('action.continue') }).click();
    await waitForStep(page, 'CUSTOMER_ORG');
  } finally {
    await close();
  }
});

test('refusals follow the page language: Bulgarian from the browser, English after switching the language menu', async () => {
  const { linkToken } = await bookOrder(fixture.h, { provisioningContactEmail: 'maria@adatum-bg.example' });
  const { page, record, close } = await openTestPage(fixture.browser, { locale: 'bg-BG', file: 'refusals', prefix: 'bg' });
  try {
    await page.goto(setupPageUrl(fixture.h, linkToken!));
    await waitForStep(page, 'ROLE');
    await page.getByLabel(text('bg', 'role.PARTNER'), { exact: true }).check();
    await page.getByRole('button', { name: text('bg', 'action.continue') }).click();
    await waitForStep(page, 'SETUP_PERFORMER');
    await page.getByLabel(text('bg', 'performer.SELF')).check();
    await page.getByRole('button', { name: text('bg', 'action.continue') }).click();
    await waitForStep(page, 'PARTNER_ORG');
    await page.getByLabel(text('bg', 'partnerOrg.companyName.label')).fill('Адатум Партньори');
    await chooseCountry(page, text('bg', 'partnerOrg.country.label'), 'бълг', 'BG');
    await page.getByRole('button', { name: text('bg', 'action.continue') }).click();

    await waitForStep(page, 'CUSTOMER_ADMIN');
    await page.getByLabel(text('bg', 'customerAdmin.adminEmail.label')).fill('lee@fabrikam-partners.example');
    await page.getByRole('button', { name: text('bg', 'action.continue') }).click();
    await page.locator('#adminEmail-error').waitFor();
    expect(await page.locator('#adminEmail-error').textContent()).toContain(
      'Този имейл адрес вече принадлежи на друга организация в Webex (Northwind Partners).',
    );
    expect(await focusedId(page)).toBe('adminEmail');
    await record('customer-admin-refused');

    // The language menu switches the page, and the next answer's refusal comes back in English.
    await page.getByLabel(text('bg', 'language.label')).selectOption('en');
    await page.getByRole('heading', { name: text('en', 'customerAdmin.title') }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByRole('button', { name: text('en', 'action.continue') }).click();
    await page.locator('#adminEmail-error', { hasText: 'This email address already belongs to another Webex organization' }).waitFor();
    await record('customer-admin-refused-en');
  } finally {
    await close();
  }
});
