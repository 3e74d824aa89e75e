/**
 * The provisioning contact left the company: a representative finds the order by its subscription id, changes
 * the contact from the order's page; the old Set up now link stops working (REVOKED) and the new contact gets
 * a link that works. The server runs as in production, where only signed-in staff may introspect the schema:
 * the console never asks for it.
 */
import { StaffRole } from '../../server/staff/staff.entity';
import { useBrowserFixture } from '../support/browser-fixture';
import { bookOrder, linkStatus, openLink } from '../support/wizard';
import { consoleUrl, createStaff, openConsolePage, say, signIn } from './console';

const fixture = useBrowserFixture();

test('a representative changes the provisioning contact; the old link is revoked and the new contact can set up', async () => {
  const { order, linkToken } = await bookOrder(fixture.h, { provisioningContactEmail: 'dana@litware.example' });
  const oldToken = linkToken!;
  expect(await linkStatus(fixture.h, oldToken)).toBe('VALID');
  // Another order, so that the search has something to leave out.
  await bookOrder(fixture.h, { provisioningContactEmail: 'sam@fabrikam.example' });

  const rep = await createStaff(fixture.h, StaffRole.REP);
  const { page, record, close } = await openConsolePage(fixture.browser, { locale: 'en-US', file: 'console-change-contact' });
  try {
    await signIn(page, fixture.h, rep);
    await page.goto(consoleUrl(fixture.h, '/orders'));
    await page.getByRole('row', { name: /sam@fabrikam\.example/ }).waitFor();

    // Search by subscription id: only that order is left.
    await page.getByPlaceholder(say('ra.action.search')).fill(order.subscriptionId);
    await page.getByRole('row', { name: /sam@fabrikam\.example/ }).waitFor({ state: 'detached' });
    const row = page.getByRole('row', { name: new RegExp(order.subscriptionId) });
    await record('order-search');
    await row.getByText('dana@litware.example').click();
    await page.waitForURL(consoleUrl(fixture.h, `/orders/${order.id}/show`));
    const links = page.getByTestId('order-links');
    await links
      .getByRole('row', { name: /dana@litware\.example/ })
      .getByText(say('console.enum.SetupLinkStatus.VALID'))
      .waitFor();
    await record('order');

    await page.getByRole('button', { name: say('console.orders.action.changeProvisioningContact') }).click();
    const dialog = page.getByRole('dialog');
    const email = dialog.getByLabel(say('resources.orders.fields.provisioningContactEmail'));
    expect(await email.inputValue()).toBe('dana@litware.example');
    await email.fill('lee@litware.example');
    await record('change-contact');
    await dialog.getByRole('button', { name: say('console.orders.action.changeProvisioningContactSubmit') }).click();
    await dialog.waitFor({ state: 'detached' });

    // The page shows the old link revoked and the new one valid, sent to the new contact.
    await links
      .getByRole('row', { name: /dana@litware\.example/ })
      .getByText(say('console.enum.SetupLinkStatus.REVOKED'))
      .waitFor();
    await links
      .getByRole('row', { name: /lee@litware\.example/ })
      .getByText(say('console.enum.SetupLinkStatus.VALID'))
      .waitFor();
    await page.getByText(say('console.done.changeProvisioningContact')).waitFor();
    await record('contact-changed');

    // The old link no longer opens the wizard; the new contact's does.
    expect(await linkStatus(fixture.h, oldToken)).toBe('REVOKED');
    const refused = await openLink(fixture.h, oldToken);
    expect(refused.userErrors).toEqual([expect.objectContaining({ code: 'LINK_REVOKED' })]);
    await fixture.h.deliverMail();
    const newEmail = fixture.h.setupEmails.filter((mail) => mail.subscriptionId === order.subscriptionId).pop()!;
    expect(newEmail.to).toBe('lee@litware.example');
    expect(await linkStatus(fixture.h, newEmail.token)).toBe('VALID');
    const [row2] = await fixture.h.db.query(`SELECT provisioning_contact_email FROM orders WHERE id = $1`, [order.id]);
    expect(row2.provisioning_contact_email).toBe('lee@litware.example');
  } finally {
    await close();
  }
});
