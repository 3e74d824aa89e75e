/**
 * A partner gets the Set up now email at a real SMTP peer, opens its link in a browser, and sets up the
 * order by clicking and typing: once with an English browser, once with a Bulgarian one.
 */
import { openTestPage, PageLanguage, setupPageUrl, text, waitForStep, waitForView } from '../support/browser';
import { useBrowserFixture } from '../support/browser-fixture';
import { setupLinkIn } from '../support/smtp-peer';
import { bookOrder } from '../support/wizard';
import { chooseCountry } from './country';

const fixture = useBrowserFixture({ smtpPeer: true });

const CASES: { locale: string; language: PageLanguage; done: string; mapped: string; search: string }[] = [
  {
    locale: 'en-US',
    language: 'en',
    done: 'The order has been set up',
    mapped: 'The order has been mapped to Northwind Partners en and Contoso en GmbH.',
    search: 'germ',
  },
  {
    locale: 'bg-BG',
    language: 'bg',
    done: 'Поръчката е настроена',
    mapped: 'Поръчката е свързана с Northwind Partners bg и Contoso bg GmbH.',
    search: 'герм',
  },
];

test.each(CASES)(
  'a partner opens the emailed link and sets up the order with new orgs ($locale)',
  async ({ locale, language, done, mapped, search }) => {
    const say = (key: Parameters<typeof text>[1], params?: Record<string, string>) => text(language, key, params);
    const contact = `jo@northwind-${language}.example`;
    const { order } = await bookOrder(fixture.h, { provisioningContactEmail: contact });

    // The email arrived at the SMTP peer; its link points at the public URL, so open the same path on this server.
    const [email] = fixture.peer.messagesTo(contact);
    const link = setupLinkIn(email.text)!;
    expect(link).toBeDefined();

    const { page, record, close } = await openTestPage(fixture.browser, { locale, file: 'partner-completes-wizard', prefix: language });
    try {
      await page.goto(setupPageUrl(fixture.h, link.token));

      // 1. Role: the page speaks the browser's language and says that leaving starts over.
      expect(await waitForStep(page, 'ROLE')).toBe(say('role.title'));
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
      expect(await page.locator('main').textContent()).toContain(say('role.startsOver'));
      await record('role');
      await page.getByLabel(say('role.PARTNER'), { exact: true }).check();
      await page.getByRole('button', { name: say('action.continue') }).click();

      // 2. Who sets up.
      await waitForStep(page, 'SETUP_PERFORMER');
      await record('who-sets-up');
      await page.getByLabel(say('performer.SELF')).check();
      await page.getByRole('button', { name: say('action.continue') }).click();

      // 3. The partner's first order: a new partner org.
      await waitForStep(page, 'PARTNER_ORG');
      const partnerAdmin = page.getByLabel(say('partnerOrg.adminEmail.label'));
      expect(await partnerAdmin.inputValue()).toBe(contact);
      await partnerAdmin.fill(`lee@northwind-${language}.example`);
      await page.getByLabel(say('partnerOrg.companyName.label')).pressSequentially(`Northwind Partners ${language}`);
      await chooseCountry(page, say('partnerOrg.country.label'), search, 'DE');
      await record('partner-org');
      await page.getByRole('button', { name: say('action.continue') }).click();

      // 4. The customer admin.
      await waitForStep(page, 'CUSTOMER_ADMIN');
      await page.getByLabel(say('customerAdmin.adminEmail.label')).pressSequentially(`it@contoso-${language}.example`);
      await record('customer-admin');
      await page.getByRole('button', { name: say('action.continue') }).click();

      // 5. Company and country: one type-ahead field, and the region of the chosen country.
      await waitForStep(page, 'CUSTOMER_COMPANY');
      await page.getByLabel(say('company.companyName.label')).fill(`Contoso ${language} GmbH`);
      await chooseCountry(page, say('company.country.label'), search, 'DE');
      await page.locator('#countryCode-region', { hasText: '(eu2)' }).waitFor();
      await record('company');
      await page.getByRole('button', { name: say('action.continue') }).click();

      // 6. No org uses the admin email yet: a new customer org.
      await waitForStep(page, 'CUSTOMER_ORG');
      expect(await page.getByLabel(say('customerOrg.NEW'), { exact: true }).isChecked()).toBe(true);
      await record('customer-org');
      await page.getByRole('button', { name: say('action.continue') }).click();

      // 7. Review: every answer, then confirm.
      await waitForStep(page, 'CONFIRM');
      const review = (await page.locator('dl.review').textContent()) ?? '';
      for (const shown of [
        `Northwind Partners ${language}`,
        `lee@northwind-${language}.example`,
        `it@contoso-${language}.example`,
        `Contoso ${language} GmbH`,
        'eu2',
      ]) {
        expect(review).toContain(shown);
      }
      await record('review');
      await page.getByRole('button', { name: say('review.confirm') }).click();

      // 8. Done: the server's message in the page's language, and what to do next.
      expect(await waitForView(page, 'done')).toBe(done);
      const main = (await page.locator('main').textContent()) ?? '';
      expect(main).toContain(mapped);
      expect(main).toContain(say('done.next.title'));
      await record('done');

      const [row] = await fixture.h.db.query(
        `SELECT o.status, p.name AS partner, c.name AS customer, c.data_residency_region AS region
         FROM orders o JOIN partner_org p ON p.id = o.partner_org_id JOIN customer_org c ON c.id = o.customer_org_id
        WHERE o.id = $1`,
        [order.id],
      );
      expect(row).toEqual({
        status: 'MAPPED',
        partner: `Northwind Partners ${language}`,
        customer: `Contoso ${language} GmbH`,
        region: 'eu2',
      });
    } finally {
      await close();
    }
  },
);
