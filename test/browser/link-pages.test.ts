/**
 * Links that no longer open the wizard: the page says which (replaced, not valid, already set up, cancelled,
 * window closed) and what to do, in the browser's language.
 */
import { openTestPage, PageLanguage, setupPageUrl, text, waitForView } from '../support/browser';
import { useBrowserFixture } from '../support/browser-fixture';
import { bookOrder, linkStatus, partnerReadyToConfirm, USER_ERRORS, WizardClient } from '../support/wizard';

const fixture = useBrowserFixture();

async function orderAction(name: 'orderResendSetupEmail' | 'orderCancel', orderId: string) {
  const result = await fixture.h.gql(
    `mutation ($input: OrderActionInput!) { ${name}(input: $input) { ${USER_ERRORS} } }`,
    { input: { orderId } },
    {
      token: fixture.h.commerceKey,
    },
  );
  expect(result.data[name].userErrors).toEqual([]);
}

/** Opens the link and checks the page: the status it shows, its heading, body and advice in the page's language. */
type LinkProblem = 'REVOKED' | 'INVALID' | 'ALREADY_MAPPED' | 'CLOSED' | 'EXPIRED';

async function expectLinkPage(token: string, status: LinkProblem, language: PageLanguage = 'en') {
  const { page, record, close } = await openTestPage(fixture.browser, {
    locale: language === 'bg' ? 'bg-BG' : 'en-US',
    file: 'link-pages',
    prefix: language,
  });
  try {
    await page.goto(setupPageUrl(fixture.h, token));
    expect(await waitForView(page, 'link')).toBe(text(language, `link.${status}.title`));
    expect(await page.getAttribute('[data-status]', 'data-status')).toBe(status);
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain(text(language, `link.${status}.body`));
    expect(main).toContain(text(language, 'link.whatToDo'));
    expect(main).toContain(text(language, `link.${status}.action`));
    // No step of the wizard is offered.
    expect(await page.locator('nav.progress').count()).toBe(0);
    await record(status.toLowerCase());
  } finally {
    await close();
  }
}

test('a link replaced by a newer email says so, and points to the most recent email (English and Bulgarian)', async () => {
  const { order, linkToken } = await bookOrder(fixture.h);
  await orderAction('orderResendSetupEmail', order.id);
  expect(await linkStatus(fixture.h, linkToken!)).toBe('REVOKED');
  await expectLinkPage(linkToken!, 'REVOKED');
  await expectLinkPage(linkToken!, 'REVOKED', 'bg');
  // The page opened no session: nothing was started from a dead link.
  const [{ count }] = await fixture.h.db.query(`SELECT count(*)::int AS count FROM provisioning_session WHERE order_id = $1`, [order.id]);
  expect(count).toBe(0);
});

test('an unknown link, a mapped order and a cancelled order each have their page', async () => {
  await expectLinkPage('wxl_not-a-real-link', 'INVALID');

  const mapped = await bookOrder(fixture.h);
  const wizard = await WizardClient.open(fixture.h, mapped.linkToken!);
  await partnerReadyToConfirm(wizard, { partnerAdmin: 'admin@litware-partners.example', customerAdmin: 'it@litware.example' });
  expect((await wizard.confirm()).userErrors).toEqual([]);
  await expectLinkPage(mapped.linkToken!, 'ALREADY_MAPPED');

  const cancelled = await bookOrder(fixture.h);
  await orderAction('orderCancel', cancelled.order.id);
  await expectLinkPage(cancelled.linkToken!, 'CLOSED');
});

test('a link whose setup window has closed says that a representative can reopen the order', async () => {
  const { linkToken } = await bookOrder(fixture.h);
  // 30 days for this offer; the window has passed even before the closing job runs.
  fixture.h.clock.advanceDays(31);
  await expectLinkPage(linkToken!, 'EXPIRED');
});
