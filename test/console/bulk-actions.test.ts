/**
 * Bulk actions where they are safe. A representative ticks three orders and resends their Set up now emails: the
 * console asks first, naming how many, then shows each order's outcome (two sent again, the cancelled one refused
 * in the server's words), and only the refused one stays ticked. In the outbox, the two new emails still waiting
 * are retried together: the first retry delivers every email due, so the second is refused as already delivered,
 * and says so, in Bulgarian as well.
 */
import { StaffRole } from '../../server/staff/staff.entity';
import { useBrowserFixture } from '../support/browser-fixture';
import { bookOrder, USER_ERRORS } from '../support/wizard';
import { consoleUrl, createStaff, openConsolePage, refusal, say, signIn, type ConsoleLanguage } from './console';

const fixture = useBrowserFixture();

/** An outcome's text, its name and its result on a line each. */
const lines = (text: string) => text.split(/\n+/).join('\n');

test.each([['en', 'en-US'] as const, ['bg', 'bg-BG'] as const])(
  'in %s, a representative resends several setup emails and retries several waiting emails, each refusal shown',
  async (language: ConsoleLanguage, locale) => {
    const { h } = fixture;
    const orders = [await bookOrder(h), await bookOrder(h), await bookOrder(h)].map(({ order }) => order);
    const cancelled = await h.gql(
      `mutation ($input: OrderActionInput!) { orderCancel(input: $input) { order { status } ${USER_ERRORS} } }`,
      { input: { orderId: orders[2].id } },
      { token: await h.staffToken('REP') },
    );
    expect(cancelled.data.orderCancel.order.status).toBe('CANCELLED');
    const sentBefore = h.setupEmails.length;

    const rep = await createStaff(h, StaffRole.REP);
    const { page, record, close } = await openConsolePage(fixture.browser, { locale, file: 'console-bulk-actions', prefix: language });
    try {
      await signIn(page, h, rep, language);
      await page.goto(consoleUrl(h, '/orders'));
      for (const order of orders) {
        await page
          .getByRole('row', { name: new RegExp(order.subscriptionId) })
          .getByRole('checkbox')
          .check();
      }
      await page.getByTestId('bulk-resendSetupEmail').click();
      const question = page.getByRole('dialog');
      await question.getByText(say('console.bulk.resendSetupEmailConfirm', { smart_count: 3 }, language)).waitFor();
      await record('resend-asked');
      await question.getByRole('button', { name: say('ra.action.confirm', {}, language) }).click();

      const outcome = page.getByRole('dialog', { name: say('console.bulk.outcome', { done: 2, refused: 1 }, language) });
      await outcome.waitFor();
      const items = outcome.getByTestId('bulk-outcomes').getByRole('listitem');
      expect((await items.allInnerTexts()).map(lines)).toEqual([
        `${orders[0].subscriptionId}\n${say('console.bulk.done', {}, language)}`,
        `${orders[1].subscriptionId}\n${say('console.bulk.done', {}, language)}`,
        `${orders[2].subscriptionId}\n${say('console.bulk.refused', { reason: refusal('ORDER_CANCELLED', {}, language) }, language)}`,
      ]);
      await record('resend-outcome');
      await outcome.getByRole('button', { name: say('ra.action.close', {}, language) }).click();
      // Only the refused order is still ticked.
      for (const [i, order] of orders.entries()) {
        expect(
          await page
            .getByRole('row', { name: new RegExp(order.subscriptionId) })
            .getByRole('checkbox')
            .isChecked(),
        ).toBe(i === 2);
      }
      const pending = await h.db.query(
        `SELECT e.id, o.subscription_id FROM outbox_email e JOIN orders o ON o.id = e.order_id WHERE e.status = 'PENDING' ORDER BY o.subscription_id`,
      );
      expect(pending.map((row: { subscription_id: string }) => row.subscription_id)).toEqual([
        orders[0].subscriptionId,
        orders[1].subscriptionId,
      ]);

      // The two new emails wait (the test's server delivers only when told): retry both.
      await page.goto(consoleUrl(h, '/outbox'));
      for (const order of orders.slice(0, 2)) {
        await page
          .getByRole('row')
          .filter({ hasText: order.provisioningContactEmail })
          .filter({ has: page.getByRole('checkbox', { disabled: false }) })
          .first()
          .getByRole('checkbox')
          .check();
      }
      await page.getByTestId('bulk-retry').click();
      await page
        .getByRole('dialog')
        .getByText(say('console.bulk.retryConfirm', { smart_count: 2 }, language))
        .waitFor();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: say('ra.action.confirm', {}, language) })
        .click();
      const retried = page.getByRole('dialog', { name: say('console.bulk.outcome', { done: 1, refused: 1 }, language) });
      await retried.waitFor();
      const texts = (await retried.getByTestId('bulk-outcomes').getByRole('listitem').allInnerTexts()).map(lines);
      expect(texts.sort()).toEqual(
        [
          `${orders[0].provisioningContactEmail}\n${say('console.bulk.done', {}, language)}`,
          `${orders[1].provisioningContactEmail}\n${say('console.bulk.refused', { reason: refusal('EMAIL_ALREADY_SENT', {}, language) }, language)}`,
        ].sort(),
      );
      await record('retry-outcome');
      expect(await h.db.query(`SELECT id FROM outbox_email WHERE status = 'PENDING'`)).toEqual([]);
      expect(h.setupEmails.length).toBe(sentBefore + 2);
    } finally {
      await close();
    }
  },
  120_000,
);
