/** A partner hands the setup to a colleague: the page confirms that the colleague got a new link, and this one stops working. */
import { openTestPage, setupPageUrl, text, waitForStep, waitForView } from '../support/browser';
import { useBrowserFixture } from '../support/browser-fixture';
import { bookOrder } from '../support/wizard';

const fixture = useBrowserFixture();

test('a partner hands the setup to a colleague, who gets a new link that opens the wizard', async () => {
  const say = (key: Parameters<typeof text>[1], params?: Record<string, string>) => text('bg', key, params);
  const { order, linkToken } = await bookOrder(fixture.h, { provisioningContactEmail: 'ana@contoso-partners.example' });
  const { page, record, close } = await openTestPage(fixture.browser, { locale: 'bg-BG', file: 'hand-over' });
  try {
    await page.goto(setupPageUrl(fixture.h, linkToken!));
    await waitForStep(page, 'ROLE');
    await page.getByLabel(say('role.PARTNER'), { exact: true }).check();
    await page.getByRole('button', { name: say('action.continue') }).click();

    await waitForStep(page, 'SETUP_PERFORMER');
    await page.getByLabel(say('performer.OTHER'), { exact: true }).check();
    await page.getByLabel(say('performer.delegateEmail.label')).fill('ben@contoso-partners.example');
    await record('who-sets-up');
    await page.getByRole('button', { name: say('performer.handOver') }).click();

    expect(await waitForView(page, 'delegated')).toBe(say('delegated.title'));
    expect(await page.locator('main').textContent()).toContain(say('delegated.body', { email: 'ben@contoso-partners.example' }));
    await record('handed-over');

    const [row] = await fixture.h.db.query(`SELECT provisioning_contact_email FROM orders WHERE id = $1`, [order.id]);
    expect(row.provisioning_contact_email).toBe('ben@contoso-partners.example');
    await fixture.h.deliverMail();
    const email = fixture.h.setupEmails.find((sent) => sent.to === 'ben@contoso-partners.example');
    expect(email).toBeDefined();

    // The old link now says it was replaced; the colleague's link opens the wizard.
    await page.reload();
    expect(await waitForView(page, 'link')).toBe(say('link.REVOKED.title'));
    await page.goto(setupPageUrl(fixture.h, email!.token));
    await waitForStep(page, 'ROLE');
    expect(await page.locator('main').textContent()).toContain('ben@contoso-partners.example');
  } finally {
    await close();
  }
});
