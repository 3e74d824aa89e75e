/** The console's Email previews page: a chosen email in English and Bulgarian, the HTML part in a sandboxed frame. */
import { enqueueEmail } from '../../server/mail/outbox';
import { EmailKind } from '../../server/mail/outbox-email.entity';
import { previewEmail } from '../../server/mail/templates';
import { StaffRole } from '../../server/staff/staff.entity';
import { useBrowserFixture } from '../support/browser-fixture';
import { createStaff, openConsolePage, say, settled, signIn } from '../console/console';

const fixture = useBrowserFixture();

test('an analyst reads the reminder in both languages: the HTML sandboxed, the text beside it', async () => {
  const analyst = await createStaff(fixture.h, StaffRole.ANALYST);
  const { page, close } = await openConsolePage(fixture.browser, { locale: 'en-US', file: 'email-previews', prefix: 'analyst' });
  try {
    await signIn(page, fixture.h, analyst);
    await page.getByRole('menuitem', { name: say('resources.emailPreviews.name', { smart_count: 2 }) }).click();
    await page.getByText(say('console.emailPreviews.intro')).waitFor();
    await page.getByLabel(say('resources.emailPreviews.fields.kind')).click();
    await page.getByRole('option', { name: say('console.enum.EmailKind.SETUP_REMINDER') }).click();

    const frames = page.locator('iframe');
    await page.getByRole('heading', { name: /^Reminder: set up Webex Contact Center order Sub-EXAMPLE-0001/ }).waitFor();
    await page.getByRole('heading', { name: /^Напомняне: настройте поръчка Sub-EXAMPLE-0001/ }).waitFor();
    expect(await frames.count()).toBe(2);
    for (const index of [0, 1]) expect(await frames.nth(index).getAttribute('sandbox')).toBe('');
    await page.frameLocator('iframe').first().locator('p', { hasText: 'has not been set up yet' }).waitFor();
    await page.frameLocator('iframe').last().locator('p', { hasText: 'още не е настроена' }).waitFor();
    await page.locator('pre', { hasText: 'has not been set up yet' }).waitFor();
    await page.screenshot({ path: 'test/artifacts/email-previews/analyst-reminder-en.png' });
    // A frame out of view is not painted; scrolled into view, it is by the next frames.
    await frames.last().scrollIntoViewIfNeeded();
    await settled(page);
    await page.screenshot({ path: 'test/artifacts/email-previews/analyst-reminder-bg.png' });
  } finally {
    await close();
  }
});

test('the case resolved email is previewed in both languages, with the made-up report and resolution and no link', async () => {
  const rep = await createStaff(fixture.h, StaffRole.REP);
  const { page, close } = await openConsolePage(fixture.browser, { locale: 'en-US', file: 'email-previews', prefix: 'rep' });
  try {
    await signIn(page, fixture.h, rep);
    await page.getByRole('menuitem', { name: say('resources.emailPreviews.name', { smart_count: 2 }) }).click();
    await page.getByLabel(say('resources.emailPreviews.fields.kind')).click();
    await page.getByRole('option', { name: say('console.enum.EmailKind.CASE_RESOLVED') }).click();
    await page
      .getByRole('heading', { name: /^Resolved: the problem you reported with Webex Contact Center order Sub-EXAMPLE-0001/ })
      .waitFor();
    await page.getByRole('heading', { name: /^Разрешено: проблемът, който докладвахте за поръчка Sub-EXAMPLE-0001/ }).waitFor();
    await page.frameLocator('iframe').first().locator('p', { hasText: 'nothing else is needed from you' }).waitFor();
    await page.locator('pre', { hasText: 'Our company already has a Webex org' }).first().waitFor();
    expect(await page.locator('pre', { hasText: '/setup/' }).count()).toBe(0);
    await page.screenshot({ path: 'test/artifacts/email-previews/rep-case-resolved.png' });
  } finally {
    await close();
  }
});

test('an admin previews the webhook endpoint disabled email in both languages, and the outbox lists one without an order', async () => {
  const admin = await createStaff(fixture.h, StaffRole.ADMIN);
  // One such email as the delivery writes it: for no order.
  const rendered = await previewEmail(EmailKind.WEBHOOK_ENDPOINT_DISABLED, 'en');
  await fixture.h.db.transaction((m) =>
    enqueueEmail(
      m,
      { kind: EmailKind.WEBHOOK_ENDPOINT_DISABLED, orderId: null, recipient: 'ops-admin@cisco.test', ...rendered },
      fixture.h.clock.now(),
    ),
  );
  const { page, close } = await openConsolePage(fixture.browser, { locale: 'en-US', file: 'email-previews', prefix: 'admin' });
  try {
    await signIn(page, fixture.h, admin);
    await page.getByRole('menuitem', { name: say('resources.emailPreviews.name', { smart_count: 2 }) }).click();
    await page.getByLabel(say('resources.emailPreviews.fields.kind')).click();
    await page.getByRole('option', { name: say('console.enum.EmailKind.WEBHOOK_ENDPOINT_DISABLED') }).click();
    await page
      .getByRole('heading', { name: /^Webhook endpoint disabled after three days of failures: https:\/\/erp\.example\.com/ })
      .waitFor();
    await page.getByRole('heading', { name: /^Крайна точка за webhook е изключена след три дни/ }).waitFor();
    await page.frameLocator('iframe').first().locator('a', { hasText: 'Open the endpoint' }).waitFor();
    await page.locator('pre', { hasText: '/admin/webhooks/' }).first().waitFor();
    await page.screenshot({ path: 'test/artifacts/email-previews/admin-webhook-endpoint-disabled.png' });

    await page.getByRole('menuitem', { name: say('resources.outbox.name', { smart_count: 2 }) }).click();
    const row = page.getByRole('row', { name: /Webhook endpoint disabled after three days/ }).first();
    await row.waitFor();
    await row.getByText(say('console.enum.EmailKind.WEBHOOK_ENDPOINT_DISABLED'), { exact: true }).waitFor();
    // No order: no link to one in its row.
    expect(await row.getByRole('link').count()).toBe(0);
    await page.setViewportSize({ width: 390, height: 844 });
    await settled(page);
    await page.screenshot({ path: 'test/artifacts/email-previews/admin-outbox-no-order-390.png' });
  } finally {
    await close();
  }
});
