/**
 * The setup window closes an order that was not mapped in time; a representative may reopen it with a
 * fresh window and a fresh email. Cancelling ends an order for good: its links and sessions stop working.
 */
import { Harness, startHarness } from '../support/harness';
import { bookOrder, linkStatus, openLink, partnerReadyToConfirm, USER_ERRORS, WizardClient } from '../support/wizard';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const DAY = 86_400_000;
const ORDER_FIELDS = 'order { id status provisioningContactEmail setupWindowDays windowClosesAt setupEmailSentAt }';

type Operation = 'orderResendSetupEmail' | 'orderChangeProvisioningContact' | 'orderCancel' | 'orderReopen';

const logins = new Map<string, { token: string; at: number }>();
/** A staff login of that role, renewed when the clock has moved on. */
async function staff(role: 'REP' | 'ADMIN' | 'ANALYST'): Promise<string> {
  const now = h.clock.now().getTime();
  const login = logins.get(role);
  if (login && login.at <= now && now - login.at < 30 * 60_000) return login.token;
  const token = await h.staffToken(role);
  logins.set(role, { token, at: now });
  return token;
}

async function call(operation: Operation, input: Record<string, unknown>, token?: string | null) {
  if (token === undefined) token = await staff('REP');
  const inputType = operation === 'orderChangeProvisioningContact' ? 'OrderChangeProvisioningContactInput' : 'OrderActionInput';
  return h.gql(`mutation ($input: ${inputType}!) { ${operation}(input: $input) { ${ORDER_FIELDS} ${USER_ERRORS} } }`, { input }, { token });
}

async function operate(operation: Operation, input: Record<string, unknown>, token?: string | null) {
  const result = await call(operation, input, token);
  expect(result.errors).toBeUndefined();
  return result.data[operation];
}

async function orderRow(orderId: string) {
  const [row] = await h.db.query(`SELECT * FROM orders WHERE id = $1`, [orderId]);
  return row;
}

/** Everything an order operation may change, for one order. */
async function snapshot(orderId: string) {
  const order = await orderRow(orderId);
  const links = await h.db.query(`SELECT id, revoked_at FROM setup_link WHERE order_id = $1 ORDER BY created_at, id`, [orderId]);
  const emails = await h.db.query(`SELECT id, kind, status FROM outbox_email WHERE order_id = $1 ORDER BY created_at, id`, [orderId]);
  const sessions = await h.db.query(`SELECT id, status, draft FROM provisioning_session WHERE order_id = $1 ORDER BY started_at, id`, [
    orderId,
  ]);
  const audits = await h.db.query(`SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY id`, [orderId]);
  return { order, links, emails, sessions, audits };
}

function latestSetupEmail(subscriptionId: string) {
  return h.setupEmails.filter((mail) => mail.subscriptionId === subscriptionId).pop()!;
}

function at(ms: number) {
  h.clock.set(new Date(ms));
}

describe('the setup window', () => {
  test.each([
    ['a standard offer', 'WXCC-STD', 30],
    ['an A-Flex offer', 'A-FLEX-WXCC', 7],
  ])('%s: the order closes when its %s window runs out, and its link reads EXPIRED', async (_what, offerCode, days) => {
    const { order, linkToken } = await bookOrder(h, { offerCode, provisioningContactEmail: `window-${days}@northwind-partners.example` });
    const emailedAt = h.clock.now().getTime();
    const booked = await orderRow(order.id);
    expect(booked.setup_window_days).toBe(days);
    expect(booked.window_closes_at).toEqual(new Date(emailedAt + days * DAY));

    // A second before the window closes: nothing closes, the link works.
    at(emailedAt + days * DAY - 1000);
    await h.services.orders.closeExpiredOrders();
    expect((await orderRow(order.id)).status).toBe('AWAITING_PROVISIONING_DETAILS');
    expect(await linkStatus(h, linkToken!)).toBe('VALID');

    // When it closes, the sweep closes the order.
    at(emailedAt + days * DAY);
    await h.services.orders.closeExpiredOrders();
    expect((await orderRow(order.id)).status).toBe('CLOSED');
    expect(await linkStatus(h, linkToken!)).toBe('EXPIRED');
    expect(await openLink(h, linkToken!)).toEqual({
      session: null,
      sessionToken: null,
      userErrors: [expect.objectContaining({ code: 'LINK_EXPIRED', field: ['input', 'token'] })],
    });

    // A closed order has no email to resend: the representative must reopen it.
    const before = await snapshot(order.id);
    for (const token of [await staff('REP'), h.commerceKey]) {
      const refused = await operate('orderResendSetupEmail', { orderId: order.id }, token);
      expect(refused).toEqual({
        order: null,
        userErrors: [expect.objectContaining({ code: 'ORDER_WINDOW_CLOSED', field: ['input', 'orderId'] })],
      });
    }
    await h.deliverMail();
    expect(await snapshot(order.id)).toEqual(before);

    const seen = await h.gql(
      `query ($id: ID!) { order(id: $id) { status links { status } } }`,
      { id: order.id },
      { token: await staff('REP') },
    );
    expect(seen.data.order).toEqual({ status: 'CLOSED', links: [{ status: 'EXPIRED' }] });
  });

  test('the sweep reports how many orders it closed: none before the window runs out, each once when it does', async () => {
    await h.services.orders.closeExpiredOrders();
    const { order } = await bookOrder(h, { offerCode: 'A-FLEX-WXCC', provisioningContactEmail: 'count@adventure-partners.example' });
    const closesAt = (await orderRow(order.id)).window_closes_at.getTime();
    at(closesAt - 1000);
    expect(await h.services.orders.closeExpiredOrders()).toBe(0);
    at(closesAt);
    expect(await h.services.orders.closeExpiredOrders()).toBe(1);
    expect(await h.services.orders.closeExpiredOrders()).toBe(0);
    expect((await orderRow(order.id)).status).toBe('CLOSED');
  });

  test('a wizard session under way when the window closes takes no more answers', async () => {
    const { order, linkToken } = await bookOrder(h, {
      offerCode: 'A-FLEX-WXCC',
      provisioningContactEmail: 'late@fabrikam-partners.example',
    });
    const wizard = await WizardClient.open(h, linkToken!);
    h.clock.advanceDays(7);
    const ready = await partnerReadyToConfirm(wizard, {
      partnerAdmin: 'admin@fabrikam-partners.example',
      customerAdmin: 'it@late.example',
    });
    expect(ready.userErrors).toEqual([expect.objectContaining({ code: 'LINK_EXPIRED' })]);
    await h.services.orders.closeExpiredOrders();
    const confirmed = await wizard.confirm();
    expect(confirmed.userErrors).toEqual([expect.objectContaining({ code: 'LINK_EXPIRED' })]);
    expect((await orderRow(order.id)).status).toBe('CLOSED');
    const [{ count }] = await h.db.query(
      `SELECT count(*)::int AS count FROM webex_user WHERE email IN ('admin@fabrikam-partners.example', 'it@late.example')`,
    );
    expect(count).toBe(0);
  });
});

describe('reopening a closed order', () => {
  async function closedOrder(offerCode: string, contact: string) {
    const booked = await bookOrder(h, { offerCode, provisioningContactEmail: contact });
    const days = offerCode.startsWith('A-FLEX') ? 7 : 30;
    h.clock.advanceDays(days);
    await h.services.orders.closeExpiredOrders();
    expect((await orderRow(booked.order.id)).status).toBe('CLOSED');
    return booked;
  }

  test.each([
    ['a representative', 30, 'REP', 'WXCC-STD'],
    ['an administrator', 7, 'ADMIN', 'A-FLEX-WXCC'],
  ] as const)('%s reopens it: a fresh %s-day window and a fresh email whose link works', async (_who, days, role, offerCode) => {
    const contact = `reopen-${role.toLowerCase()}@tailspin-partners.example`;
    const { order, linkToken } = await closedOrder(offerCode, contact);
    h.clock.advanceDays(3);
    const reopenedAt = h.clock.now();

    const reopened = await operate('orderReopen', { orderId: order.id }, await staff(role));
    expect(reopened.userErrors).toEqual([]);
    expect(reopened.order).toMatchObject({
      status: 'AWAITING_PROVISIONING_DETAILS',
      setupWindowDays: days,
      windowClosesAt: new Date(reopenedAt.getTime() + days * DAY).toISOString(),
      setupEmailSentAt: reopenedAt.toISOString(),
    });
    const row = await orderRow(order.id);
    expect(row.status).toBe('AWAITING_PROVISIONING_DETAILS');
    expect(row.window_closes_at).toEqual(new Date(reopenedAt.getTime() + days * DAY));

    await h.deliverMail();
    const fresh = latestSetupEmail(order.subscriptionId);
    expect(fresh.to).toBe(contact);
    expect(fresh.token).not.toBe(linkToken);
    expect(h.setupEmails.filter((mail) => mail.subscriptionId === order.subscriptionId)).toHaveLength(2);
    // The earlier link was replaced by the fresh one.
    expect(await linkStatus(h, linkToken!)).toBe('REVOKED');
    expect((await openLink(h, linkToken!)).userErrors).toEqual([expect.objectContaining({ code: 'LINK_REVOKED' })]);
    expect(await linkStatus(h, fresh.token)).toBe('VALID');
    const wizard = await WizardClient.open(h, fresh.token);
    expect((await wizard.step('ChooseRole', { role: 'PARTNER' })).userErrors).toEqual([]);

    const [audit] = await h.db.query(`SELECT actor_kind, occurred_at FROM audit_event WHERE entity_id = $1 AND action = 'order.reopen'`, [
      order.id,
    ]);
    expect(audit).toEqual({ actor_kind: 'STAFF', occurred_at: reopenedAt });

    // The fresh window runs its full length.
    at(reopenedAt.getTime() + days * DAY - 1000);
    await h.services.orders.closeExpiredOrders();
    expect((await orderRow(order.id)).status).toBe('AWAITING_PROVISIONING_DETAILS');
    at(reopenedAt.getTime() + days * DAY);
    await h.services.orders.closeExpiredOrders();
    expect((await orderRow(order.id)).status).toBe('CLOSED');
  });

  test('the commerce integration and analysts may not reopen', async () => {
    const { order } = await closedOrder('WXCC-STD', 'reopen-denied@litware-partners.example');
    const before = await snapshot(order.id);
    for (const token of [h.commerceKey, await staff('ANALYST')]) {
      const result = await call('orderReopen', { orderId: order.id }, token);
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(result.data?.orderReopen ?? null).toBeNull();
    }
    const anonymous = await call('orderReopen', { orderId: order.id }, null);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await snapshot(order.id)).toEqual(before);
  });

  test('an order that is not closed cannot be reopened', async () => {
    const awaiting = await bookOrder(h, { provisioningContactEmail: 'open@proseware-partners.example' });
    const booked = await bookOrder(h, {
      provisioningContactEmail: 'future@proseware-partners.example',
      requestedStartDate: new Date(h.clock.now().getTime() + 10 * DAY).toISOString().slice(0, 10),
    });
    for (const { order } of [awaiting, booked]) {
      const before = await snapshot(order.id);
      const refused = await operate('orderReopen', { orderId: order.id });
      expect(refused).toEqual({
        order: null,
        userErrors: [expect.objectContaining({ code: 'ORDER_NOT_CLOSED', field: ['input', 'orderId'] })],
      });
      await h.deliverMail();
      expect(await snapshot(order.id)).toEqual(before);
    }
    expect(await linkStatus(h, awaiting.linkToken!)).toBe('VALID');
  });
});

describe('cancelling an order', () => {
  test('its link reads CLOSED, the session under way ends, and every later operation is refused ORDER_CANCELLED', async () => {
    const { order, linkToken } = await bookOrder(h, { provisioningContactEmail: 'cancel@woodgrove-partners.example' });
    const wizard = await WizardClient.open(h, linkToken!);
    expect((await wizard.step('ChooseRole', { role: 'PARTNER' })).userErrors).toEqual([]);
    const emailsBefore = (await snapshot(order.id)).emails;
    h.clock.advanceMinutes(5);

    const cancelled = await operate('orderCancel', { orderId: order.id }, h.commerceKey);
    expect(cancelled.userErrors).toEqual([]);
    expect(cancelled.order.status).toBe('CANCELLED');

    const after = await snapshot(order.id);
    expect(after.order.status).toBe('CANCELLED');
    expect(after.links.every((link: { revoked_at: Date | null }) => link.revoked_at !== null)).toBe(true);
    expect(after.sessions).toEqual([{ id: wizard.sessionId, status: 'SUPERSEDED', draft: {} }]);
    expect(after.emails).toEqual(emailsBefore);
    const [audit] = await h.db.query(`SELECT actor_kind FROM audit_event WHERE entity_id = $1 AND action = 'order.cancel'`, [order.id]);
    expect(audit).toEqual({ actor_kind: 'API_KEY' });

    // The link and the session stop working, and say why.
    expect(await linkStatus(h, linkToken!)).toBe('CLOSED');
    expect(await openLink(h, linkToken!)).toEqual({
      session: null,
      sessionToken: null,
      userErrors: [expect.objectContaining({ code: 'ORDER_CLOSED', field: ['input', 'token'] })],
    });
    // The session ended with the order: its token is refused as any ended session's is.
    const step = await wizard.step('ChooseSetupPerformer', { performer: 'SELF' });
    expect(step.userErrors).toEqual([expect.objectContaining({ code: 'SESSION_ENDED' })]);

    // Every later operation is refused, whoever asks, and changes nothing.
    const settled = await snapshot(order.id);
    for (const token of [await staff('REP'), h.commerceKey]) {
      for (const [operation, input] of [
        ['orderResendSetupEmail', { orderId: order.id }],
        ['orderChangeProvisioningContact', { orderId: order.id, email: 'someone@woodgrove-partners.example' }],
        ['orderCancel', { orderId: order.id }],
        ...(token === h.commerceKey ? [] : [['orderReopen', { orderId: order.id }]]),
      ] as [Operation, Record<string, unknown>][]) {
        const refused = await operate(operation, input, token);
        expect({ operation, ...refused }).toEqual({
          operation,
          order: null,
          userErrors: [expect.objectContaining({ code: 'ORDER_CANCELLED', field: ['input', 'orderId'] })],
        });
      }
    }
    // The window running out does not turn a cancelled order into a closed one.
    h.clock.advanceDays(31);
    await h.services.orders.closeExpiredOrders();
    await h.deliverMail();
    expect(await snapshot(order.id)).toEqual(settled);
    expect(await linkStatus(h, linkToken!)).toBe('CLOSED');
  });

  test('a booked order cancelled before its start date never gets its email', async () => {
    const startDate = new Date(h.clock.now().getTime() + 5 * DAY).toISOString().slice(0, 10);
    const { order } = await bookOrder(h, { provisioningContactEmail: 'early@adatum-partners.example', requestedStartDate: startDate });
    const cancelled = await operate('orderCancel', { orderId: order.id });
    expect(cancelled.userErrors).toEqual([]);
    expect(cancelled.order.status).toBe('CANCELLED');

    h.clock.set(`${startDate}T08:00:00Z`);
    await h.services.orders.sendDueSetupEmails();
    await h.deliverMail();
    const row = await orderRow(order.id);
    expect(row.status).toBe('CANCELLED');
    expect(row.setup_email_sent_at).toBeNull();
    expect(h.setupEmails.filter((mail) => mail.subscriptionId === order.subscriptionId)).toHaveLength(0);
  });
});
