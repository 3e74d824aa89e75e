/**
 * Before the point of no return, the commerce integration or a representative may resend the Set up
 * now email or give the order a new provisioning contact; each revokes every earlier link. After it,
 * both are refused with a reason, and nothing changes.
 */
import { Harness, startHarness } from '../support/harness';
import { bookOrder, linkStatus, openLink, partnerReadyToConfirm, USER_ERRORS, WizardClient } from '../support/wizard';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** A representative's login, renewed when the clock has moved past its lifetime's reach. */
let repLogin: { token: string; at: number } | null = null;
async function repToken(): Promise<string> {
  const now = h.clock.now().getTime();
  if (!repLogin || now - repLogin.at > 30 * 60_000 || now < repLogin.at) repLogin = { token: await h.staffToken('REP'), at: now };
  return repLogin.token;
}

const ORDER_FIELDS = 'order { id status provisioningContactEmail windowClosesAt setupEmailSentAt }';

type Operation = 'orderResendSetupEmail' | 'orderChangeProvisioningContact' | 'orderCancel' | 'orderReopen';
const INPUT_TYPE: Record<Operation, string> = {
  orderResendSetupEmail: 'OrderActionInput',
  orderChangeProvisioningContact: 'OrderChangeProvisioningContactInput',
  orderCancel: 'OrderActionInput',
  orderReopen: 'OrderActionInput',
};

/** Calls an order operation; the token defaults to a representative's. */
async function call(operation: Operation, input: Record<string, unknown>, token?: string | null) {
  if (token === undefined) token = await repToken();
  return h.gql(
    `mutation ($input: ${INPUT_TYPE[operation]}!) { ${operation}(input: $input) { ${ORDER_FIELDS} ${USER_ERRORS} } }`,
    { input },
    { token },
  );
}

/** Calls an order operation that must not throw; returns its payload. */
async function operate(operation: Operation, input: Record<string, unknown>, token?: string | null) {
  const result = await call(operation, input, token);
  expect(result.errors).toBeUndefined();
  return result.data[operation];
}

/** The newest Set up now email delivered for an order. */
function latestSetupEmail(subscriptionId: string) {
  return h.setupEmails.filter((mail) => mail.subscriptionId === subscriptionId).pop()!;
}

function emailsTo(recipient: string) {
  return h.emails.filter((email) => email.to.toLowerCase() === recipient.toLowerCase());
}

/** Everything an order operation may change, for one order. */
async function snapshot(orderId: string) {
  const [order] = await h.db.query(`SELECT * FROM orders WHERE id = $1`, [orderId]);
  const links = await h.db.query(`SELECT id, recipient_email, revoked_at FROM setup_link WHERE order_id = $1 ORDER BY created_at, id`, [
    orderId,
  ]);
  const emails = await h.db.query(`SELECT id, kind, recipient, status FROM outbox_email WHERE order_id = $1 ORDER BY created_at, id`, [
    orderId,
  ]);
  const sessions = await h.db.query(
    `SELECT id, status, draft, finished_at FROM provisioning_session WHERE order_id = $1 ORDER BY started_at, id`,
    [orderId],
  );
  const audits = await h.db.query(`SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY id`, [orderId]);
  return { order, links, emails, sessions, audits };
}

async function audits(orderId: string, action: string) {
  return h.db.query(
    `SELECT actor_kind, actor_id, before, after, occurred_at FROM audit_event WHERE entity_id = $1 AND action = $2 ORDER BY id`,
    [orderId, action],
  );
}

async function mappedOrder(contact: string, partnerAdmin: string, customerAdmin: string) {
  const booked = await bookOrder(h, { provisioningContactEmail: contact });
  const wizard = await WizardClient.open(h, booked.linkToken!);
  expect((await partnerReadyToConfirm(wizard, { partnerAdmin, customerAdmin })).userErrors).toEqual([]);
  const confirmed = await wizard.confirm();
  expect(confirmed.userErrors).toEqual([]);
  await h.deliverMail();
  return booked;
}

describe('resending the Set up now email', () => {
  test('the earlier link is revoked, the new one works, and the setup window stays as it was', async () => {
    const { order, linkToken } = await bookOrder(h, { provisioningContactEmail: 'jamie@northwind-partners.example' });
    const [{ window_closes_at: windowBefore }] = await h.db.query(`SELECT window_closes_at FROM orders WHERE id = $1`, [order.id]);
    const sentBefore = emailsTo('jamie@northwind-partners.example').length;

    // Two days later, the email is lost; the representative resends it.
    h.clock.advanceDays(2);
    const resent = await operate('orderResendSetupEmail', { orderId: order.id });
    expect(resent.userErrors).toEqual([]);
    expect(resent.order).toMatchObject({
      id: order.id,
      status: 'AWAITING_PROVISIONING_DETAILS',
      provisioningContactEmail: 'jamie@northwind-partners.example',
      windowClosesAt: windowBefore.toISOString(),
      setupEmailSentAt: h.clock.now().toISOString(),
    });
    await h.deliverMail();
    expect(emailsTo('jamie@northwind-partners.example')).toHaveLength(sentBefore + 1);
    const fresh = latestSetupEmail(order.subscriptionId);
    expect(fresh.to).toBe('jamie@northwind-partners.example');
    expect(fresh.token).not.toBe(linkToken);

    // The earlier link no longer opens the wizard.
    expect(await linkStatus(h, linkToken!)).toBe('REVOKED');
    expect(await openLink(h, linkToken!)).toEqual({
      session: null,
      sessionToken: null,
      userErrors: [expect.objectContaining({ code: 'LINK_REVOKED', field: ['input', 'token'] })],
    });
    // The new one does.
    expect(await linkStatus(h, fresh.token)).toBe('VALID');
    const wizard = await WizardClient.open(h, fresh.token);
    expect((await wizard.session()).status).toBe('ACTIVE');

    const after = await snapshot(order.id);
    expect(after.order.window_closes_at).toEqual(windowBefore);
    expect(after.order.status).toBe('AWAITING_PROVISIONING_DETAILS');
    expect(after.links).toHaveLength(2);
    expect(after.links[0].revoked_at).toEqual(h.clock.now());
    expect(after.links[1].revoked_at).toBeNull();
    expect(after.emails.map((e: { kind: string; status: string }) => [e.kind, e.status])).toEqual([
      ['SETUP_LINK', 'SENT'],
      ['SETUP_LINK', 'SENT'],
    ]);
    const [audit] = await audits(order.id, 'order.resendSetupEmail');
    expect(audit).toMatchObject({ actor_kind: 'STAFF', occurred_at: h.clock.now() });

    // Staff see the same on the order: the newest link valid, the earlier one revoked.
    const seen = await h.gql(
      `query ($id: ID!) { order(id: $id) { links { status recipientEmail revokedAt } } }`,
      { id: order.id },
      { token: await repToken() },
    );
    expect(seen.data.order.links).toEqual([
      { status: 'VALID', recipientEmail: 'jamie@northwind-partners.example', revokedAt: null },
      { status: 'REVOKED', recipientEmail: 'jamie@northwind-partners.example', revokedAt: h.clock.now().toISOString() },
    ]);
  });

  test('the commerce integration may resend too, and the audit names its key', async () => {
    const { order, linkToken } = await bookOrder(h, { provisioningContactEmail: 'noor@fabrikam-partners.example' });
    // At once (the clock has not moved since booking): still a new link, a new email and an audit row.
    const resent = await operate('orderResendSetupEmail', { orderId: order.id }, h.commerceKey);
    expect(resent.userErrors).toEqual([]);
    await h.deliverMail();
    expect(await linkStatus(h, linkToken!)).toBe('REVOKED');
    expect(await linkStatus(h, latestSetupEmail(order.subscriptionId).token)).toBe('VALID');
    const [audit] = await audits(order.id, 'order.resendSetupEmail');
    expect(audit.actor_kind).toBe('API_KEY');
    expect(audit.actor_id).toEqual(expect.any(String));
  });
});

describe('changing the provisioning contact', () => {
  test('the new contact gets the email; the old contact gets nothing more, their session ends and their link stops working', async () => {
    const { order, linkToken } = await bookOrder(h, { provisioningContactEmail: 'old.contact@tailspin-partners.example' });
    const oldWizard = await WizardClient.open(h, linkToken!);
    expect((await oldWizard.step('ChooseRole', { role: 'PARTNER' })).userErrors).toEqual([]);
    const [{ window_closes_at: windowBefore }] = await h.db.query(`SELECT window_closes_at FROM orders WHERE id = $1`, [order.id]);
    const oldContactEmails = emailsTo('old.contact@tailspin-partners.example').length;
    expect(oldContactEmails).toBe(1);

    h.clock.advanceMinutes(10);
    const changed = await operate('orderChangeProvisioningContact', { orderId: order.id, email: 'New.Contact@tailspin-partners.example' });
    expect(changed.userErrors).toEqual([]);
    expect(changed.order).toMatchObject({
      status: 'AWAITING_PROVISIONING_DETAILS',
      provisioningContactEmail: 'New.Contact@tailspin-partners.example',
      windowClosesAt: windowBefore.toISOString(),
    });
    await h.deliverMail();

    // The new contact got one Set up now email; the old one nothing after the change.
    const toNew = emailsTo('new.contact@tailspin-partners.example');
    expect(toNew).toHaveLength(1);
    expect(emailsTo('old.contact@tailspin-partners.example')).toHaveLength(oldContactEmails);
    const fresh = latestSetupEmail(order.subscriptionId);
    expect(fresh.to).toBe('New.Contact@tailspin-partners.example');

    // The old contact's session is over, its answers erased; its steps are refused.
    const [oldSession] = await h.db.query(`SELECT status, draft, finished_at FROM provisioning_session WHERE id = $1`, [
      oldWizard.sessionId,
    ]);
    expect(oldSession).toEqual({ status: 'SUPERSEDED', draft: {}, finished_at: h.clock.now() });
    const events = await h.db.query(`SELECT kind FROM provisioning_event WHERE session_id = $1 ORDER BY id`, [oldWizard.sessionId]);
    expect(events.map((event: { kind: string }) => event.kind)).toEqual(['STARTED', 'STEP_ANSWERED', 'SUPERSEDED']);
    const refused = await oldWizard.step('ChooseSetupPerformer', { performer: 'SELF' });
    expect(refused.userErrors).toEqual([expect.objectContaining({ code: 'SESSION_ENDED' })]);

    // The old link is revoked; the new contact's link opens a session in their name.
    expect(await linkStatus(h, linkToken!)).toBe('REVOKED');
    expect((await openLink(h, linkToken!)).userErrors).toEqual([expect.objectContaining({ code: 'LINK_REVOKED' })]);
    const newWizard = await WizardClient.open(h, fresh.token);
    const session = await h.gql(`{ provisioningSession { status currentStep contactEmail } }`, {}, { token: newWizard.sessionToken });
    expect(session.data.provisioningSession).toEqual({
      status: 'ACTIVE',
      currentStep: 'ROLE',
      contactEmail: 'New.Contact@tailspin-partners.example',
    });

    const [audit] = await audits(order.id, 'order.changeProvisioningContact');
    expect(audit.actor_kind).toBe('STAFF');
    expect(audit.before.provisioningContactEmail).toBe('old.contact@tailspin-partners.example');
    expect(audit.after.provisioningContactEmail).toBe('New.Contact@tailspin-partners.example');
    const [{ window_closes_at: windowAfter }] = await h.db.query(`SELECT window_closes_at FROM orders WHERE id = $1`, [order.id]);
    expect(windowAfter).toEqual(windowBefore);
  });

  test('the same contact in another case is no change: no email, the link and the session go on', async () => {
    const { order, linkToken } = await bookOrder(h, { provisioningContactEmail: 'sam@litware-partners.example' });
    const wizard = await WizardClient.open(h, linkToken!);
    const before = await snapshot(order.id);

    const same = await operate(
      'orderChangeProvisioningContact',
      { orderId: order.id, email: 'SAM@Litware-Partners.example' },
      h.commerceKey,
    );
    expect(same.userErrors).toEqual([]);
    expect(same.order.provisioningContactEmail).toBe('sam@litware-partners.example');
    await h.deliverMail();

    expect(await snapshot(order.id)).toEqual(before);
    expect(await linkStatus(h, linkToken!)).toBe('VALID');
    expect((await wizard.session()).status).toBe('ACTIVE');
  });

  test('a booked order takes the new contact at once, and the email goes to them on the start date', async () => {
    const { order, linkToken } = await bookOrder(h, {
      provisioningContactEmail: 'lee@adatum-partners.example',
      requestedStartDate: '2026-12-20',
    });
    expect(linkToken).toBeUndefined();
    const changed = await operate('orderChangeProvisioningContact', { orderId: order.id, email: 'kai@adatum-partners.example' });
    expect(changed.userErrors).toEqual([]);
    expect(changed.order).toMatchObject({ status: 'BOOKED', provisioningContactEmail: 'kai@adatum-partners.example' });
    const [{ count }] = await h.db.query(`SELECT count(*)::int AS count FROM outbox_email WHERE order_id = $1`, [order.id]);
    expect(count).toBe(0);

    const now = h.clock.now();
    h.clock.set('2026-12-20T06:00:00Z');
    await h.services.orders.sendDueSetupEmails();
    await h.deliverMail();
    h.clock.set(now);
    expect(latestSetupEmail(order.subscriptionId).to).toBe('kai@adatum-partners.example');
    expect(emailsTo('lee@adatum-partners.example')).toHaveLength(0);
  });
});

test('a partner who hands the setup to a colleague: the colleague gets a DELEGATED_SETUP_LINK email whose link works', async () => {
  const { order, linkToken } = await bookOrder(h, { provisioningContactEmail: 'pat@woodgrove-partners.example' });
  const wizard = await WizardClient.open(h, linkToken!);
  await wizard.step('ChooseRole', { role: 'PARTNER' });
  const delegated = await wizard.step('ChooseSetupPerformer', { performer: 'OTHER', delegateEmail: 'chris@woodgrove-partners.example' });
  expect(delegated.userErrors).toEqual([]);
  expect(delegated.session.status).toBe('DELEGATED');

  const [queued] = await h.db.query(`SELECT kind, recipient, status FROM outbox_email WHERE order_id = $1 AND kind <> 'SETUP_LINK'`, [
    order.id,
  ]);
  expect(queued).toEqual({ kind: 'DELEGATED_SETUP_LINK', recipient: 'chris@woodgrove-partners.example', status: 'PENDING' });
  await h.deliverMail();

  const toColleague = emailsTo('chris@woodgrove-partners.example');
  expect(toColleague).toHaveLength(1);
  expect(toColleague[0].subject).toContain(order.subscriptionId);
  expect(toColleague[0].text).toContain('pat@woodgrove-partners.example');
  const handedOver = latestSetupEmail(order.subscriptionId);
  expect(handedOver.to).toBe('chris@woodgrove-partners.example');
  expect(toColleague[0].html).toContain(handedOver.url);

  const colleague = await WizardClient.open(h, handedOver.token);
  const session = await h.gql(`{ provisioningSession { status currentStep contactEmail } }`, {}, { token: colleague.sessionToken });
  expect(session.data.provisioningSession).toEqual({
    status: 'ACTIVE',
    currentStep: 'ROLE',
    contactEmail: 'chris@woodgrove-partners.example',
  });
  const [sent] = await h.db.query(`SELECT status, text_body FROM outbox_email WHERE order_id = $1 AND kind = 'DELEGATED_SETUP_LINK'`, [
    order.id,
  ]);
  expect(sent.status).toBe('SENT');
  expect(sent.text_body).not.toContain(handedOver.token);
});

describe('refusals change nothing', () => {
  test('after mapping: resend, contact change and cancel are past the point of no return', async () => {
    const { order } = await mappedOrder('val@contoso-partners.example', 'admin@contoso-partners.example', 'it@wingtip.example');
    const before = await snapshot(order.id);
    expect(before.order.status).toBe('MAPPED');

    for (const token of [await repToken(), h.commerceKey]) {
      for (const [operation, input] of [
        ['orderResendSetupEmail', { orderId: order.id }],
        ['orderChangeProvisioningContact', { orderId: order.id, email: 'someone.else@contoso-partners.example' }],
        ['orderCancel', { orderId: order.id }],
      ] as [Operation, Record<string, unknown>][]) {
        const refused = await operate(operation, input, token);
        expect({ operation, ...refused }).toEqual({
          operation,
          order: null,
          userErrors: [expect.objectContaining({ code: 'PAST_POINT_OF_NO_RETURN', field: ['input', 'orderId'] })],
        });
        expect(refused.userErrors[0].message).not.toBe('');
      }
    }
    await h.deliverMail();
    expect(await snapshot(order.id)).toEqual(before);
    expect(emailsTo('someone.else@contoso-partners.example')).toHaveLength(0);
  });

  test('a booked order has no email to resend yet', async () => {
    const { order } = await bookOrder(h, { provisioningContactEmail: 'ola@proseware-partners.example', requestedStartDate: '2026-12-31' });
    const before = await snapshot(order.id);
    const refused = await operate('orderResendSetupEmail', { orderId: order.id });
    expect(refused).toEqual({
      order: null,
      userErrors: [expect.objectContaining({ code: 'ORDER_NOT_AWAITING', field: ['input', 'orderId'] })],
    });
    expect(await snapshot(order.id)).toEqual(before);
    expect(before.links).toEqual([]);
  });

  test.each([
    ['an unknown order id', '6f1c3c52-0d43-4a8e-9d1e-4b8f2a9c7e01'],
    ['a malformed order id', 'not-an-order-id'],
    ['an empty order id', ''],
  ])('%s is NOT_FOUND for every order operation', async (_what, orderId) => {
    const [{ count: auditsBefore }] = await h.db.query(`SELECT count(*)::int AS count FROM audit_event`);
    for (const [operation, input] of [
      ['orderResendSetupEmail', { orderId }],
      ['orderChangeProvisioningContact', { orderId, email: 'nobody@example.com' }],
      ['orderCancel', { orderId }],
      ['orderReopen', { orderId }],
    ] as [Operation, Record<string, unknown>][]) {
      const refused = await operate(operation, input);
      expect({ operation, ...refused }).toEqual({
        operation,
        order: null,
        userErrors: [expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'orderId'] })],
      });
    }
    const [{ count: auditsAfter }] = await h.db.query(`SELECT count(*)::int AS count FROM audit_event`);
    expect(auditsAfter).toBe(auditsBefore);
  });

  test.each([
    ['a malformed email', 'not-an-email', 'INVALID_EMAIL'],
    ['an email without a domain', 'kim@', 'INVALID_EMAIL'],
    ['a blank email', '   ', 'REQUIRED'],
  ])('%s as the new contact is refused', async (_what, email, code) => {
    const { order, linkToken } = await bookOrder(h, { provisioningContactEmail: 'uma@adventure-partners.example' });
    const wizard = await WizardClient.open(h, linkToken!);
    const before = await snapshot(order.id);
    const refused = await operate('orderChangeProvisioningContact', { orderId: order.id, email });
    expect(refused).toEqual({ order: null, userErrors: [expect.objectContaining({ code, field: ['input', 'email'] })] });
    await h.deliverMail();
    expect(await snapshot(order.id)).toEqual(before);
    expect(await linkStatus(h, linkToken!)).toBe('VALID');
    expect((await wizard.session()).status).toBe('ACTIVE');
  });

  test('refusal messages follow Accept-Language', async () => {
    const { order } = await bookOrder(h, { provisioningContactEmail: 'ivo@sofia-partners.example', requestedStartDate: '2026-12-30' });
    const resend = `mutation ($input: OrderActionInput!) { orderResendSetupEmail(input: $input) { ${USER_ERRORS} } }`;
    const token = await repToken();
    const english = await h.gql(resend, { input: { orderId: order.id } }, { token, language: 'en' });
    const bulgarian = await h.gql(resend, { input: { orderId: order.id } }, { token, language: 'bg' });
    expect(english.data.orderResendSetupEmail.userErrors[0].code).toBe('ORDER_NOT_AWAITING');
    expect(bulgarian.data.orderResendSetupEmail.userErrors[0].code).toBe('ORDER_NOT_AWAITING');
    expect(bulgarian.data.orderResendSetupEmail.userErrors[0].message).not.toBe(english.data.orderResendSetupEmail.userErrors[0].message);
    expect(bulgarian.data.orderResendSetupEmail.userErrors[0].message).toMatch(/[а-яА-Я]/);
  });
});

describe('who may resend or change the contact', () => {
  test('an analyst is FORBIDDEN, a wizard session too, no or a wrong credential UNAUTHENTICATED; nothing changes', async () => {
    const { order, linkToken } = await bookOrder(h, { provisioningContactEmail: 'rae@margie-partners.example' });
    const wizard = await WizardClient.open(h, linkToken!);
    const analyst = await h.staffToken('ANALYST');
    const before = await snapshot(order.id);

    for (const [operation, input] of [
      ['orderResendSetupEmail', { orderId: order.id }],
      ['orderChangeProvisioningContact', { orderId: order.id, email: 'other@margie-partners.example' }],
      ['orderCancel', { orderId: order.id }],
    ] as [Operation, Record<string, unknown>][]) {
      for (const [token, code] of [
        [analyst, 'FORBIDDEN'],
        [wizard.sessionToken, 'FORBIDDEN'],
        [null, 'UNAUTHENTICATED'],
        ['wxk_not-a-real-key', 'UNAUTHENTICATED'],
      ] as [string | null, string][]) {
        const result = await call(operation, input, token);
        expect({ operation, token, code: result.errors?.[0]?.extensions?.code }).toEqual({ operation, token, code });
        expect(result.data?.[operation] ?? null).toBeNull();
      }
    }
    await h.deliverMail();
    expect(await snapshot(order.id)).toEqual(before);
  });

  test('the COMMERCE key may change the contact', async () => {
    const { order } = await bookOrder(h, { provisioningContactEmail: 'ted@alpine-partners.example' });
    const changed = await operate(
      'orderChangeProvisioningContact',
      { orderId: order.id, email: 'una@alpine-partners.example' },
      h.commerceKey,
    );
    expect(changed.userErrors).toEqual([]);
    expect(changed.order.provisioningContactEmail).toBe('una@alpine-partners.example');
    await h.deliverMail();
    expect(latestSetupEmail(order.subscriptionId).to).toBe('una@alpine-partners.example');
    const [audit] = await audits(order.id, 'order.changeProvisioningContact');
    expect(audit.actor_kind).toBe('API_KEY');
  });
});
