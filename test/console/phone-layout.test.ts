/**
 * The console on a phone (390 x 844, as an iPhone 14 held upright) and on a desktop (1440 px): every list and show
 * page an administrator opens, in English and in Bulgarian, is no wider than the screen (no sideways scroll of the
 * page; lists turn into simple lists, detail pages stack), with a screenshot and the axe check of each.
 */
import type { Page } from 'playwright-core';
import { StaffRole } from '../../server/staff/staff.entity';
import { useBrowserFixture } from '../support/browser-fixture';
import { bookOrder, partnerReadyToConfirm, WizardClient } from '../support/wizard';
import { consoleUrl, createStaff, openConsolePage, signIn, type ConsoleLanguage } from './console';

const fixture = useBrowserFixture();

/** One of each record: a mapped order (its partner and customer orgs, session, emails), a case, a trial, an API key. */
async function seed() {
  const { h } = fixture;
  const { order, linkToken } = await bookOrder(h, { provisioningContactEmail: 'maria.ivanova@northwind-partners.example' });
  const wizard = await WizardClient.open(h, linkToken!);
  await partnerReadyToConfirm(wizard, { partnerAdmin: 'admin@northwind-partners.example', customerAdmin: 'it.admin@contoso.example' });
  await wizard.confirm();
  const reported = await bookOrder(h, { provisioningContactEmail: 'georgi.petrov@a-very-long-partner-domain-name.example' });
  const other = await WizardClient.open(h, reported.linkToken!);
  const problem = await other.step(
    'ReportProblem',
    { kind: 'OTHER', message: 'Поръчката трябва да бъде разделена на две части, моля свържете се с нас.' },
    'case { id }',
  );
  const rep = await h.staffToken('ADMIN');
  const trial = await h.gql(
    `mutation ($input: CustomerOrgStartTrialInput!) { customerOrgStartTrial(input: $input) { customerOrg { id } } }`,
    { input: { companyName: 'Fabrikam Contact Center Services Ltd', countryCode: 'BG', adminEmail: 'trial@fabrikam.example', days: 30 } },
    { token: rep },
  );
  await h.gql(`mutation { apiKeyCreate(input: { name: "Commerce production" }) { apiKey { id } } }`, {}, { token: rep });
  const [ids] = await h.db.query(`SELECT partner_org_id, customer_org_id FROM orders WHERE id = $1`, [order.id]);
  const [session] = await h.db.query(`SELECT id FROM provisioning_session WHERE order_id = $1 ORDER BY started_at LIMIT 1`, [order.id]);
  return {
    orderId: order.id,
    partnerOrgId: ids.partner_org_id as string,
    customerOrgId: ids.customer_org_id as string,
    trialOrgId: trial.data.customerOrgStartTrial.customerOrg.id as string,
    caseId: problem.case.id as string,
    sessionId: session.id as string,
  };
}

/** Waits until the page has drawn its records: no progress bar or skeleton left, the main area there. */
async function loaded(page: Page, name: string): Promise<void> {
  try {
    await page.locator('#main-content').first().waitFor();
    await page.waitForFunction(
      () =>
        !document.querySelector('[role="progressbar"], .MuiSkeleton-root') && Boolean(document.querySelector('main')?.textContent?.trim()),
    );
  } catch (error) {
    await page.screenshot({ path: `test/artifacts/console-phone-layout/failed-${name}.png`, fullPage: true });
    throw error;
  }
}

const pageWidth = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth);

/** The elements wider than the screen whose parent is not: what makes a page too wide. */
const widest = (page: Page) =>
  page.evaluate(() => {
    const wide = (element: Element | null) => Boolean(element) && element!.getBoundingClientRect().width > window.innerWidth + 1;
    return [...document.querySelectorAll('body *')]
      .filter((element) => wide(element) && !wide(element.parentElement))
      .slice(0, 4)
      .map((element) => {
        const path: string[] = [];
        for (let e: Element | null = element; e && path.length < 4; e = e.parentElement) {
          path.unshift(
            `${e.tagName.toLowerCase()}${[...e.classList]
              .filter((c) => !c.startsWith('css-'))
              .slice(0, 2)
              .map((c) => `.${c}`)
              .join('')}`,
          );
        }
        return `${path.join(' > ')} (${Math.round(element.getBoundingClientRect().width)} px)`;
      });
  });

let records: Awaited<ReturnType<typeof seed>>;

beforeAll(async () => {
  records = await seed();
});

const PAGES = () => [
  ['dashboard', '/'],
  ['orders', '/orders'],
  ['order', `/orders/${records.orderId}/show`],
  ['customer-orgs', '/customerOrgs'],
  ['customer-org', `/customerOrgs/${records.customerOrgId}/show`],
  ['customer-org-edit', `/customerOrgs/${records.customerOrgId}`],
  ['trial-org', `/customerOrgs/${records.trialOrgId}/show`],
  ['trial-org-edit', `/customerOrgs/${records.trialOrgId}`],
  ['partner-orgs', '/partnerOrgs'],
  ['partner-org', `/partnerOrgs/${records.partnerOrgId}/show`],
  ['partner-org-edit', `/partnerOrgs/${records.partnerOrgId}`],
  ['cases', '/cases'],
  ['case', `/cases/${records.caseId}/show`],
  ['sessions', '/sessions'],
  ['session', `/sessions/${records.sessionId}/show`],
  ['outbox', '/outbox'],
  ['audit', '/audit'],
  ['staff', '/staff'],
  ['api-keys', '/apiKeys'],
  ['countries', '/countries'],
  ['country-edit', '/countries/BG'],
];

test.each([['en', 'en-US'] as const, ['bg', 'bg-BG'] as const])(
  'in %s, every list, show and edit page fits 390 px without sideways scrolling, and reads at 1440 px',
  async (language: ConsoleLanguage, locale) => {
    const admin = await createStaff(fixture.h, StaffRole.ADMIN);
    const { page, record, close } = await openConsolePage(fixture.browser, { locale, file: 'console-phone-layout', prefix: language });
    try {
      await page.setViewportSize({ width: 390, height: 844 });
      await signIn(page, fixture.h, admin, language);
      const tooWide: string[] = [];
      for (const [name, path] of PAGES()) {
        await page.goto(consoleUrl(fixture.h, path));
        await loaded(page, name);
        await record(`390-${name}`);
        const width = await pageWidth(page);
        if (width > 390) tooWide.push(`${name} is ${width} px wide: ${(await widest(page)).join(', ')}`);
      }
      expect(tooWide).toEqual([]);
      // A phone's list is a simple list, each record one link.
      await page.goto(consoleUrl(fixture.h, '/orders'));
      await page.locator('.phone-list a').first().waitFor();
      expect(await page.locator('table').count()).toBe(0);

      await page.setViewportSize({ width: 1440, height: 900 });
      for (const [name, path] of PAGES()) {
        await page.goto(consoleUrl(fixture.h, path));
        await loaded(page, name);
        await record(`1440-${name}`);
        expect(await pageWidth(page)).toBeLessThanOrEqual(1440);
      }
      await page.goto(consoleUrl(fixture.h, '/orders'));
      await page.locator('table .RaDataTable-row').first().waitFor();
    } finally {
      await close();
    }
  },
  240_000,
);
