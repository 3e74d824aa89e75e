/**
 * The org form shows what saving stores: changing a mapped customer org's country to Japan puts the server's answer,
 * jp1, in the contact center data location field (it showed eu2 and saved jp1), and saving asks first, naming the old
 * and the new places; declining saves nothing. In English, then back to Germany in Bulgarian and on a phone's width.
 */
import { StaffRole } from '../../server/staff/staff.entity';
import { useBrowserFixture } from '../support/browser-fixture';
import { bookOrder, partnerReadyToConfirm, WizardClient } from '../support/wizard';
import { consoleUrl, createStaff, openConsolePage, say, signIn } from './console';

const fixture = useBrowserFixture();

test('moving a mapped org to Japan: the location shown follows, the move is asked, declining keeps it, confirming saves it', async () => {
  const { linkToken } = await bookOrder(fixture.h);
  const wizard = await WizardClient.open(fixture.h, linkToken!);
  await partnerReadyToConfirm(wizard, { partnerAdmin: 'admin@northwind.example', customerAdmin: 'it@contoso.example' });
  const confirmed = await wizard.confirm();
  const orgId = confirmed.customerOrg.id;
  const orgRow = async () =>
    (
      await fixture.h.db.query(
        `SELECT country_code, data_residency_region AS region, contact_center_data_location AS location FROM customer_org WHERE id = $1`,
        [orgId],
      )
    )[0];
  expect(await orgRow()).toEqual({ country_code: 'DE', region: 'eu2', location: 'eu2' });

  const rep = await createStaff(fixture.h, StaffRole.REP);
  const en = await openConsolePage(fixture.browser, { locale: 'en-US', file: 'org-form-location', prefix: 'en' });
  try {
    const { page, record } = en;
    await signIn(page, fixture.h, rep);
    await page.goto(consoleUrl(fixture.h, `/customerOrgs/${orgId}`));
    const location = page.getByLabel(say('resources.customerOrgs.fields.contactCenterDataLocation'));
    await location.getByText(say('console.enum.Region.eu2')).waitFor();
    await record('opened');

    await page.getByLabel(say('resources.customerOrgs.fields.countryCode')).fill('Japan');
    await page.getByRole('option', { name: 'Japan (JP)' }).click();
    // The field shows what saving will store: the server's answer, jp1, not the old eu2.
    await location.getByText(say('console.enum.Region.jp1')).waitFor();
    await page.getByTestId('region-hint').getByText(say('console.enum.Region.jp1'), { exact: false }).waitFor();
    await page.getByTestId('location-follows').getByText(say('console.enum.Region.jp1'), { exact: false }).waitFor();
    await record('japan-chosen');

    // Saving asks first, naming both places; keeping on editing saves nothing.
    await page.getByRole('button', { name: say('ra.action.save') }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(say('console.customerOrgs.move.title')).waitFor();
    const question = await dialog.textContent();
    for (const region of ['eu2', 'jp1']) expect(question).toContain(say(`console.enum.Region.${region}`));
    await record('move-asked');
    await dialog.getByRole('button', { name: say('console.customerOrgs.move.cancel') }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await orgRow()).toEqual({ country_code: 'DE', region: 'eu2', location: 'eu2' });

    await page.getByRole('button', { name: say('ra.action.save') }).click();
    await dialog.getByRole('button', { name: say('console.customerOrgs.move.confirm') }).click();
    await page.getByText(say('ra.notification.updated', { smart_count: 1 })).waitFor();
    await record('moved');
    // What was shown is what was stored.
    expect(await orgRow()).toEqual({ country_code: 'JP', region: 'jp1', location: 'jp1' });
  } finally {
    await en.close();
  }

  const bg = await openConsolePage(fixture.browser, { locale: 'bg-BG', file: 'org-form-location', prefix: 'bg' });
  try {
    const { page, record } = bg;
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, fixture.h, rep, 'bg');
    await page.goto(consoleUrl(fixture.h, `/customerOrgs/${orgId}`));
    const location = page.getByLabel(say('resources.customerOrgs.fields.contactCenterDataLocation', {}, 'bg'));
    await location.getByText(say('console.enum.Region.jp1', {}, 'bg')).waitFor();
    await page.getByLabel(say('resources.customerOrgs.fields.countryCode', {}, 'bg')).fill('DE');
    await page.getByRole('option', { name: /\(DE\)$/ }).click();
    await location.getByText(say('console.enum.Region.eu2', {}, 'bg')).waitFor();
    await record('germany-chosen');
    await page.getByRole('button', { name: say('ra.action.save', {}, 'bg') }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(say('console.customerOrgs.move.title', {}, 'bg')).waitFor();
    await record('move-asked');
    await dialog.getByRole('button', { name: say('console.customerOrgs.move.confirm', {}, 'bg') }).click();
    await page.getByText(say('ra.notification.updated', { smart_count: 1 }, 'bg')).waitFor();
    await record('moved');
    expect(await orgRow()).toEqual({ country_code: 'DE', region: 'eu2', location: 'eu2' });
  } finally {
    await bg.close();
  }
}, 180_000);
