/**
 * The partner's way from the email to a mapped order, in English and Bulgarian, on a laptop (Bulgarian at 1440x900,
 * a screenshot of every step and the done page under test/artifacts/partner-way/) and a 390 px phone:
 * a trial conversion named from the first step and filled in, a new partner org's own country, step 6 offering only
 * what can work, the country as one combobox, the done page's Control Hub link, and clear pages and refusals for
 * the odd paths.
 */
import type { Page } from 'playwright-core';
import { focusedId, openTestPage, PageLanguage, setupPageUrl, text, waitForStep, waitForView } from '../support/browser';
import { useBrowserFixture } from '../support/browser-fixture';
import { bookOrder, USER_ERRORS } from '../support/wizard';
import { chooseCountry } from './country';

const fixture = useBrowserFixture();

interface Device {
  locale: string;
  language: PageLanguage;
  width: number;
  name: string;
}

const PHONE = { width: 390, height: 844 };
/** A laptop's screen, for the Bulgarian screenshots of every step (the longer words are the ones that wrap). */
const LAPTOP = { width: 1440, height: 900 };
const DEVICES: Device[] = [
  { locale: 'en-US', language: 'en', width: 1100, name: 'en-laptop' },
  { locale: 'bg-BG', language: 'bg', width: LAPTOP.width, name: 'bg-laptop' },
  { locale: 'en-US', language: 'en', width: PHONE.width, name: 'en-phone' },
  { locale: 'bg-BG', language: 'bg', width: PHONE.width, name: 'bg-phone' },
];

/** What the server says in each language (provisioning.errors.ts, platform/messages.ts). */
const SERVER = {
  en: { required: 'This field is required.', delegateIsYou: 'This is your own email address.' },
  bg: { required: 'Това поле е задължително.', delegateIsYou: 'Това е вашият собствен имейл адрес.' },
};

async function open(device: Device, linkToken: string, prefix: string) {
  const opened = await openTestPage(fixture.browser, { locale: device.locale, file: 'partner-way', prefix: `${prefix}-${device.name}` });
  if (device.width === PHONE.width) await opened.page.setViewportSize(PHONE);
  if (device.width === LAPTOP.width) await opened.page.setViewportSize(LAPTOP);
  await opened.page.goto(setupPageUrl(fixture.h, linkToken));
  return opened;
}

/** Nothing sticks out sideways: the page fits the phone's width. */
async function fitsWidth(page: Page, device: Device) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(device.width);
}

async function startTrial(companyName: string, adminEmail: string) {
  const started = await fixture.h.gql(
    `mutation ($input: CustomerOrgStartTrialInput!) { customerOrgStartTrial(input: $input) { customerOrg { id } ${USER_ERRORS} } }`,
    { input: { companyName, countryCode: 'AT', adminEmail, days: 30 } },
    { token: fixture.h.commerceKey },
  );
  expect(started.data.customerOrgStartTrial.userErrors).toEqual([]);
  return started.data.customerOrgStartTrial.customerOrg.id as string;
}

describe.each(DEVICES)('$name', (device) => {
  const { language } = device;
  const say = (key: Parameters<typeof text>[1], params?: Record<string, string>) => text(language, key, params);
  const next = (page: Page) => page.getByRole('button', { name: say('action.continue') }).click();

  test('a trial conversion: named from step 1, filled in, the trial org its only choice, and Control Hub at the end', async () => {
    const tag = device.name;
    const trialAdmin = `ops@litware-${tag}.example`;
    const trialId = await startTrial(`Litware ${tag}`, trialAdmin);
    const { linkToken } = await bookOrder(fixture.h, {
      provisioningContactEmail: `sam@proseware-${tag}.example`,
      trialCustomerOrgId: trialId,
    });
    const { page, record, close } = await open(device, linkToken!, 'trial');
    try {
      // 1. The trial is named before anything is asked.
      await waitForStep(page, 'ROLE');
      const notice = page.locator('section.trial-notice');
      expect(await notice.textContent()).toContain(say('trial.conversion.body', { name: `Litware ${tag}`, email: trialAdmin }));
      await fitsWidth(page, device);
      await record('role');
      await page.getByLabel(say('role.PARTNER'), { exact: true }).check();
      await next(page);
      await waitForStep(page, 'SETUP_PERFORMER');
      expect(await notice.isVisible()).toBe(true);
      await page.getByLabel(say('performer.SELF')).check();
      await record('who-sets-up');
      await next(page);

      // 3. A new partner org: its own country, chosen with the keyboard in the combobox.
      await waitForStep(page, 'PARTNER_ORG');
      await page.getByLabel(say('partnerOrg.companyName.label')).fill(`Proseware ${tag}`);
      const country = page.getByRole('combobox', { name: say('partnerOrg.country.label'), exact: true });
      await country.focus();
      await page.keyboard.type(language === 'bg' ? 'герм' : 'germ');
      expect(await country.getAttribute('aria-expanded')).toBe('true');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      expect(await country.inputValue()).toBe(language === 'bg' ? 'Германия' : 'Germany');
      await fitsWidth(page, device);
      await record('partner-org');
      await next(page);

      // 4 and 5: the trial's administrator, company and country, filled in.
      await waitForStep(page, 'CUSTOMER_ADMIN');
      expect(await page.getByLabel(say('customerAdmin.adminEmail.label')).inputValue()).toBe(trialAdmin);
      expect(await page.locator('main').textContent()).toContain(say('customerAdmin.fromTrial', { email: trialAdmin }));
      await record('customer-admin');
      await next(page);
      await waitForStep(page, 'CUSTOMER_COMPANY');
      expect(await page.getByLabel(say('company.companyName.label')).inputValue()).toBe(`Litware ${tag}`);
      expect(await page.getByRole('combobox', { name: say('company.country.label'), exact: true }).inputValue()).toBe(
        language === 'bg' ? 'Австрия' : 'Austria',
      );
      await page.locator('#countryCode-region', { hasText: '(eu2)' }).waitFor();
      await record('company');
      await next(page);

      // 6. The trial org, for verification with its trial's state; no "new organization" to choose.
      await waitForStep(page, 'CUSTOMER_ORG');
      const found = (await page.locator('section.found').textContent()) ?? '';
      expect(found).toContain(`Litware ${tag}`);
      expect(found).toContain(say('trial.ACTIVE'));
      expect(await page.getByLabel(say('customerOrg.EXISTING'), { exact: true }).isChecked()).toBe(true);
      expect(await page.getByLabel(say('customerOrg.NEW'), { exact: true }).count()).toBe(0);
      await fitsWidth(page, device);
      await record('customer-org');
      await next(page);

      await waitForStep(page, 'CONFIRM');
      expect(await page.locator('main').textContent()).toContain(
        say('review.partnerOrg.new', {
          name: `Proseware ${tag}`,
          country: language === 'bg' ? 'Германия' : 'Germany',
          email: `sam@proseware-${tag}.example`,
        }),
      );
      await record('review');
      await page.getByRole('button', { name: say('review.confirm') }).click();

      // 8. Done: what to do next, and a link to Control Hub.
      await waitForView(page, 'done');
      const link = page.getByRole('link', { name: say('done.controlHub') });
      expect(await link.getAttribute('href')).toBe('https://admin.webex.com');
      const main = (await page.locator('main').textContent()) ?? '';
      expect(main).toContain(say('done.next.partner.1'));
      expect(main).toContain(say('done.next.partner.2', { email: trialAdmin }));
      // The address is kept whole on its line, never broken at one of its hyphens.
      expect(await page.locator('.next-steps .ident').allTextContents()).toEqual([trialAdmin]);
      await fitsWidth(page, device);
      await record('done');
      const [row] = await fixture.h.db.query(
        `SELECT p.country_code AS partner_country, o.customer_org_id FROM orders o JOIN partner_org p ON p.id = o.partner_org_id WHERE o.trial_customer_org_id = $1`,
        [trialId],
      );
      expect(row).toEqual({ partner_country: 'DE', customer_org_id: trialId });
    } finally {
      await close();
    }
  });

  test("a new partner org's country is asked; a customer admin of no org gets a new org only; the combobox's keys", async () => {
    const tag = device.name;
    const { linkToken } = await bookOrder(fixture.h, { provisioningContactEmail: `kim@fresh-${tag}.example` });
    const { page, record, close } = await open(device, linkToken!, 'new');
    try {
      await waitForStep(page, 'ROLE');
      expect(await page.locator('section.trial-notice').count()).toBe(0);
      await page.getByLabel(say('role.PARTNER'), { exact: true }).check();
      await next(page);
      await waitForStep(page, 'SETUP_PERFORMER');
      await page.getByLabel(say('performer.SELF')).check();
      await next(page);

      // Without a country the new partner org is refused, REQUIRED beside the country.
      await waitForStep(page, 'PARTNER_ORG');
      await page.getByLabel(say('partnerOrg.companyName.label')).fill(`Fresh Partners ${tag}`);
      await next(page);
      await page.locator('#countryCode-error').waitFor();
      expect(await page.locator('#countryCode-error').textContent()).toContain(SERVER[language].required);
      expect(await focusedId(page)).toBe('countryCode');
      await record('partner-org-refused');

      // The combobox: typing opens the list, Down and Up move the active option, Escape closes, Enter picks.
      const country = page.getByRole('combobox', { name: say('partnerOrg.country.label'), exact: true });
      expect(await country.getAttribute('aria-controls')).toBe('countryCode-list');
      expect(await country.getAttribute('aria-expanded')).toBe('false');
      await page.keyboard.type(language === 'bg' ? 'бълг' : 'bulg');
      expect(await country.getAttribute('aria-expanded')).toBe('true');
      expect(await page.locator('#countryCode-list [role="option"]').count()).toBe(1);
      await page.keyboard.press('ArrowDown');
      expect(await country.getAttribute('aria-activedescendant')).toBe('countryCode-option-BG');
      expect(await page.locator('#countryCode-option-BG').getAttribute('class')).toContain('combobox-option--active');
      await fitsWidth(page, device);
      await record('partner-country-list');
      await page.keyboard.press('Escape');
      expect(await country.getAttribute('aria-expanded')).toBe('false');
      expect(await country.getAttribute('aria-activedescendant')).toBeNull();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowUp');
      expect(await country.getAttribute('aria-activedescendant')).toBe('countryCode-option-BG');
      await page.keyboard.press('Enter');
      expect(await country.getAttribute('aria-expanded')).toBe('false');
      expect(await country.inputValue()).toBe(language === 'bg' ? 'България' : 'Bulgaria');
      await next(page);

      await waitForStep(page, 'CUSTOMER_ADMIN');
      await page.getByLabel(say('customerAdmin.adminEmail.label')).fill(`it@new-customer-${tag}.example`);
      await next(page);

      // An empty country of operation: REQUIRED, not "not sold".
      await waitForStep(page, 'CUSTOMER_COMPANY');
      await page.getByLabel(say('company.companyName.label')).fill(`New Customer ${tag}`);
      await next(page);
      await page.locator('#countryCode-error').waitFor();
      expect(await page.locator('#countryCode-error').textContent()).toContain(SERVER[language].required);
      await record('company-refused');
      await chooseCountry(page, say('company.country.label'), language === 'bg' ? 'бълг' : 'bulg', 'BG');
      await next(page);

      // 6. An administrator of no org: a new org, and only that.
      await waitForStep(page, 'CUSTOMER_ORG');
      expect(await page.locator('main').textContent()).toContain(say('customerOrg.none', { email: `it@new-customer-${tag}.example` }));
      expect(await page.getByLabel(say('customerOrg.NEW'), { exact: true }).isChecked()).toBe(true);
      expect(await page.getByLabel(say('customerOrg.EXISTING'), { exact: true }).count()).toBe(0);
      await fitsWidth(page, device);
      await record('customer-org-new');
    } finally {
      await close();
    }
  });

  test('odd paths: no token, a malformed token, handing the setup to yourself', async () => {
    const tag = device.name;
    const base = fixture.h.url.replace('/graphql', '');
    const { linkToken } = await bookOrder(fixture.h, { provisioningContactEmail: `mo@self-${tag}.example` });
    const { page, record, close } = await open(device, linkToken!, 'odd');
    try {
      await waitForStep(page, 'ROLE');
      await page.getByLabel(say('role.PARTNER'), { exact: true }).check();
      await next(page);
      await waitForStep(page, 'SETUP_PERFORMER');
      await page.getByLabel(say('performer.OTHER')).check();
      await page.getByLabel(say('performer.delegateEmail.label')).fill(`MO@self-${tag}.example`);
      await page.getByRole('button', { name: say('performer.handOver') }).click();
      await page.locator('#delegateEmail-error').waitFor();
      expect(await page.locator('#delegateEmail-error').textContent()).toContain(SERVER[language].delegateIsYou);
      // The colleague's field inside the choice is a whole field, its address readable (the radio's size once shrank it).
      expect((await page.locator('#delegateEmail').boundingBox())!.width).toBeGreaterThan(200);
      await fitsWidth(page, device);
      await record('hand-over-to-yourself');

      for (const [path, name] of [
        ['/setup/%%%', 'malformed'],
        ['/setup/', 'no-token'],
        ['/setup', 'no-token-no-slash'],
      ]) {
        const response = await page.goto(`${base}${path}`);
        expect(response?.status()).toBe(200);
        expect(await waitForView(page, 'link')).toBe(say('link.INVALID.title'));
        await fitsWidth(page, device);
        await record(name);
      }
    } finally {
      await close();
    }
  });
});
