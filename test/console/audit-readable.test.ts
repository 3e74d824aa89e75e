/**
 * The audit log as a person reads it, in English and in Bulgarian: who (the wizard and its partner contact, a
 * representative as "Name (email)"), what (a sentence), and on opening a row the fields changed, each before and
 * after; the orgs the wizard created are there like any other change.
 */
import { StaffRole } from '../../server/staff/staff.entity';
import { useBrowserFixture } from '../support/browser-fixture';
import { bookOrder, partnerReadyToConfirm, USER_ERRORS, WizardClient } from '../support/wizard';
import { consoleUrl, createStaff, openConsolePage, say, signIn, type ConsoleLanguage } from './console';

const fixture = useBrowserFixture();

test("the wizard's creations and a representative's change read as sentences with a field-by-field diff", async () => {
  const { linkToken } = await bookOrder(fixture.h, { provisioningContactEmail: 'dana@northwind.example' });
  const wizard = await WizardClient.open(fixture.h, linkToken!);
  await partnerReadyToConfirm(wizard, { partnerAdmin: 'admin@northwind.example', customerAdmin: 'it@contoso.example' });
  const orgId = (await wizard.confirm()).customerOrg.id;

  const rep = await createStaff(fixture.h, StaffRole.REP);
  // A name as an administrator gives it; a long one, in Cyrillic, to see that the column still reads on a phone.
  const repName = 'Радослава Петрова-Иванова';
  await fixture.h.db.query(`UPDATE staff SET name = $1 WHERE id = $2`, [repName, rep.id]);
  const [{ version }] = await fixture.h.db.query(`SELECT version FROM customer_org WHERE id = $1`, [orgId]);
  // The change is made as the console's representative, so the trail names them.
  const login = await fixture.h.gql(`mutation ($input: LoginInput!) { login(input: $input) { token } }`, {
    input: { email: rep.email, password: rep.password },
  });
  const updated = await fixture.h.gql(
    `mutation ($input: CustomerOrgUpdateInput!) { customerOrgUpdate(input: $input) { customerOrg { id } ${USER_ERRORS} } }`,
    { input: { id: orgId, version, countryCode: 'AT', name: 'Contoso Austria' } },
    { token: login.data.login.token },
  );
  expect(updated.data.customerOrgUpdate.userErrors).toEqual([]);

  for (const language of ['en', 'bg'] as ConsoleLanguage[]) {
    const opened = await openConsolePage(fixture.browser, {
      locale: language === 'en' ? 'en-US' : 'bg-BG',
      file: 'audit-readable',
      prefix: language,
    });
    try {
      const { page, record } = opened;
      const t = (key: string, params: Record<string, string | number> = {}) => say(key, params, language);
      await signIn(page, fixture.h, rep, language);
      await page.goto(consoleUrl(fixture.h, `/audit?filter=${encodeURIComponent(JSON.stringify({ entityId: orgId }))}`));
      const wizardWho = t('console.audit.who.WIZARD', { role: t('console.audit.role.PARTNER'), email: 'dana@northwind.example' });
      const created = page.getByRole('row', { name: new RegExp(escape(t('console.audit.actions.customerOrg.create'))) });
      await created.getByText(wizardWho).waitFor();
      await page
        .getByRole('row', { name: new RegExp(escape(t('console.audit.actions.customerOrg.addAdmin'))) })
        .getByText(wizardWho)
        .waitFor();
      const change = page.getByRole('row', { name: new RegExp(escape(t('console.audit.actions.customerOrg.update'))) });
      const repWho = t('console.audit.who.STAFF_NAMED', { name: repName, email: rep.email });
      expect(repWho).toBe(`${repName} (${rep.email})`);
      expect(await change.getByTestId('audit-actor').textContent()).toBe(repWho);
      // No actor id, no raw action key, no JSON left on the page.
      const text = await page.locator('main').textContent();
      expect(text).not.toContain('customerOrg.update');
      expect(text).not.toContain('{"');
      await record('trail');

      // Opened: each changed field, before and after, named in the console's language.
      await change.click();
      const diff = page.getByTestId('audit-changes');
      await diff.waitFor();
      const rows = (await diff.getByRole('row').allTextContents()).slice(1);
      expect(rows).toEqual([
        t('resources.customerOrgs.fields.name') + 'Contoso GmbHContoso Austria',
        t('resources.customerOrgs.fields.countryCode') + 'DEAT',
      ]);
      await record('diff');
      await page.setViewportSize({ width: 1440, height: 900 });
      await record('wide');
      await page.setViewportSize({ width: 390, height: 844 });
      // On a phone the trail scrolls inside its table, not the page.
      await page.waitForFunction(() => document.documentElement.scrollWidth <= 390);
      await record('phone');
    } finally {
      await opened.close();
    }
  }
}, 180_000);

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
