/**
 * An administrator gives a new staff member a name in the console, sees it in the staff list beside the email, and
 * changes it on the account's page; emptying the name is refused by the server under the field, in the console's
 * language (here Bulgarian), and the name stays as it was.
 */
import { StaffRole } from '../../server/staff/staff.entity';
import { useBrowserFixture } from '../support/browser-fixture';
import { consoleUrl, createStaff, openConsolePage, refusal, say, signIn } from './console';

const fixture = useBrowserFixture();

test('an administrator names a new account, renames it, and cannot empty its name', async () => {
  const admin = await createStaff(fixture.h, StaffRole.ADMIN);
  const opened = await openConsolePage(fixture.browser, { locale: 'bg-BG', file: 'staff-names' });
  const { page, record } = opened;
  const t = (key: string, params: Record<string, string | number> = {}) => say(key, params, 'bg');
  try {
    await signIn(page, fixture.h, admin, 'bg');
    await page.goto(consoleUrl(fixture.h, '/staff/create'));
    await page.getByLabel(t('resources.staff.fields.email')).fill('mila.rep@cisco.test');
    await page.getByRole('textbox', { name: t('resources.staff.fields.name'), exact: true }).fill('Мила Георгиева');
    await record('create');
    await page.getByRole('button', { name: t('ra.action.save') }).click();
    await page.getByTestId('shown-once').waitFor();
    await page.getByRole('button', { name: t('console.shownOnce.done') }).click();

    const row = page.getByRole('row', { name: /mila\.rep@cisco\.test/ });
    await row.getByText('Мила Георгиева', { exact: true }).waitFor();
    await record('list');
    const [created] = await fixture.h.db.query(`SELECT id, name FROM staff WHERE email = 'mila.rep@cisco.test'`);
    expect(created.name).toBe('Мила Георгиева');

    await row.click();
    await page.waitForURL(consoleUrl(fixture.h, `/staff/${created.id}`));
    const name = page.getByRole('textbox', { name: t('resources.staff.fields.name'), exact: true });
    // The form shows the account's name once it has loaded it.
    await page.locator('input[name="name"][value="Мила Георгиева"]').waitFor();
    await name.fill('Мила Петрова');
    await page.getByRole('button', { name: t('ra.action.save') }).click();
    await page
      .getByRole('row', { name: /mila\.rep@cisco\.test/ })
      .getByText('Мила Петрова', { exact: true })
      .waitFor();
    expect(await fixture.h.db.query(`SELECT name FROM staff WHERE id = $1`, [created.id])).toEqual([{ name: 'Мила Петрова' }]);
    const [audited] = await fixture.h.db.query(
      `SELECT actor_id, before->>'name' AS before, after->>'name' AS after FROM audit_event
        WHERE entity_id = $1 AND action = 'staff.update'`,
      [created.id],
    );
    expect(audited).toEqual({ actor_id: admin.id, before: 'Мила Георгиева', after: 'Мила Петрова' });

    // An emptied name is sent blank, and refused under the field.
    await page.goto(consoleUrl(fixture.h, `/staff/${created.id}`));
    await page.locator('input[name="name"][value="Мила Петрова"]').waitFor();
    await name.fill('');
    await page.getByRole('button', { name: t('ra.action.save') }).click();
    await page
      .getByText(refusal('REQUIRED', {}, 'bg'))
      .first()
      .waitFor();
    await record('emptied');
    expect(await fixture.h.db.query(`SELECT name FROM staff WHERE id = $1`, [created.id])).toEqual([{ name: 'Мила Петрова' }]);
  } finally {
    await opened.close();
  }
}, 180_000);
