/**
 * Two representatives open the same customer org. A refusal of one field shows under that field and saves
 * nothing; the first to save a correction wins (the country changed, the region followed); the second, still
 * holding the version read before, is refused with a clear message instead of silently overwriting it.
 */
import { StaffRole } from '../../server/staff/staff.entity';
import { useBrowserFixture } from '../support/browser-fixture';
import { USER_ERRORS } from '../support/wizard';
import { consoleUrl, createStaff, openConsolePage, refusal, say, signIn } from './console';

const fixture = useBrowserFixture();

async function orgRow(id: string) {
  const [row] = await fixture.h.db.query(
    `SELECT name, country_code, data_residency_region AS region, version FROM customer_org WHERE id = $1`,
    [id],
  );
  return row;
}

test('the second of two representatives saving the same org is refused with STALE_VERSION and a message', async () => {
  const started = await fixture.h.gql(
    `mutation ($input: CustomerOrgStartTrialInput!) { customerOrgStartTrial(input: $input) { customerOrg { id } ${USER_ERRORS} } }`,
    { input: { companyName: 'Contoso GmbH', countryCode: 'DE', adminEmail: 'it@contoso.example', days: 30 } },
    { token: fixture.h.commerceKey },
  );
  const orgId = started.data.customerOrgStartTrial.customerOrg.id;
  const original = await orgRow(orgId);

  const first = await openConsolePage(fixture.browser, { locale: 'en-US', file: 'console-stale-edit', prefix: 'first' });
  const second = await openConsolePage(fixture.browser, { locale: 'en-US', file: 'console-stale-edit', prefix: 'second' });
  try {
    // Both open the org.
    for (const { page } of [first, second]) {
      await signIn(page, fixture.h, await createStaff(fixture.h, StaffRole.REP));
      await page.goto(consoleUrl(fixture.h, `/customerOrgs/${orgId}`));
      await page.getByTestId('region-hint').getByText(say('console.enum.Region.eu2'), { exact: false }).waitFor();
    }
    const name = (page: typeof first.page) => page.getByRole('textbox', { name: say('resources.customerOrgs.fields.name'), exact: true });
    const save = (page: typeof first.page) => page.getByRole('button', { name: say('ra.action.save') });

    // The first: a name the server finds too long is refused under the name, and nothing is saved.
    await name(first.page).fill('C'.repeat(201));
    await save(first.page).click();
    await first.page.getByText(refusal('TOO_LONG', { max: 200 })).waitFor();
    await first.record('name-too-long');
    expect(await orgRow(orgId)).toEqual(original);

    // Then a correct name and another country: the region shown follows the country before saving.
    await name(first.page).fill('Contoso Austria');
    await first.page.getByLabel(say('resources.customerOrgs.fields.countryCode')).fill('Austria');
    await first.page.getByRole('option', { name: 'Austria (AT)' }).click();
    await first.page.getByTestId('region-hint').getByText(say('console.enum.Region.eu2'), { exact: false }).waitFor();
    await save(first.page).click();
    await first.page.getByText(say('ra.notification.updated', { smart_count: 1 })).waitFor();
    // The correction is in the org's audit trail on the same page.
    await first.page.getByRole('row', { name: new RegExp(say('console.audit.actions.customerOrg.update')) }).waitFor();
    await first.record('saved');
    expect(await orgRow(orgId)).toEqual({ name: 'Contoso Austria', country_code: 'AT', region: 'eu2', version: original.version + 1 });

    // The second still holds the version read before that save: refused, with the reason above the form.
    await name(second.page).fill('Contoso Deutschland');
    await save(second.page).click();
    const stale = second.page.getByTestId('server-error');
    await stale.waitFor();
    expect(await stale.textContent()).toBe(refusal('STALE_VERSION'));
    await second.record('stale');
    // Nothing was overwritten, and the refused page does not pretend otherwise.
    expect(await orgRow(orgId)).toEqual({ name: 'Contoso Austria', country_code: 'AT', region: 'eu2', version: original.version + 1 });
    expect(await name(second.page).inputValue()).toBe('Contoso Deutschland');
  } finally {
    await first.close();
    await second.close();
  }
});
