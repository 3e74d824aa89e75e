/** Leaving the wizard saves nothing: abandoning, 60 idle minutes and opening the link again all erase the answers. */
import { Harness, startHarness } from '../support/harness';
import { bookOrder, USER_ERRORS, WizardClient } from '../support/wizard';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

async function sessionRow(id: string) {
  const [row] = await h.db.query(`SELECT status, current_step, furthest_step, draft, finished_at FROM provisioning_session WHERE id = $1`, [
    id,
  ]);
  return row;
}

async function eventKinds(sessionId: string): Promise<string[]> {
  const rows = await h.db.query(`SELECT kind FROM provisioning_event WHERE session_id = $1 ORDER BY id`, [sessionId]);
  return rows.map((row: { kind: string }) => row.kind);
}

async function linkRow(orderId: string) {
  const [row] = await h.db.query(`SELECT open_count, first_opened_at FROM setup_link WHERE order_id = $1`, [orderId]);
  return row;
}

/** Role and who sets up answered: the session stands at PARTNER_ORG. */
async function partnerAtPartnerOrg(wizard: WizardClient) {
  expect((await wizard.step('ChooseRole', { role: 'PARTNER' })).userErrors).toEqual([]);
  const performer = await wizard.step('ChooseSetupPerformer', { performer: 'SELF' });
  expect(performer.session.currentStep).toBe('PARTNER_ORG');
}

test('a partner who abandons the wizard leaves nothing behind but how far they got; the link starts over', async () => {
  const { order, linkToken } = await bookOrder(h, { provisioningContactEmail: 'quinn@abandon-partners.example' });
  const wizard = await WizardClient.open(h, linkToken!);
  await partnerAtPartnerOrg(wizard);
  await wizard.step('SetPartnerOrg', {
    useExisting: false,
    adminEmail: 'admin@abandon-partners.example',
    companyName: 'Abandon Partners',
    countryCode: 'DE',
  });
  h.clock.advanceMinutes(5);

  const abandoned = await wizard.step('Abandon', {});
  expect(abandoned.userErrors).toEqual([]);
  expect(abandoned.session).toMatchObject({
    status: 'ABANDONED',
    furthestStep: 'CUSTOMER_ADMIN',
    answers: { role: null, performer: null, partnerAdminEmail: null, partnerCompanyName: null },
  });
  expect(await sessionRow(wizard.sessionId)).toEqual({
    status: 'ABANDONED',
    current_step: 'CUSTOMER_ADMIN',
    furthest_step: 'CUSTOMER_ADMIN',
    draft: {},
    finished_at: h.clock.now(),
  });
  expect(await eventKinds(wizard.sessionId)).toEqual(['STARTED', 'STEP_ANSWERED', 'STEP_ANSWERED', 'STEP_ANSWERED', 'ABANDONED']);

  // Every later call on the session is refused.
  for (const [name, input] of [
    ['SetCustomerAdmin', { adminEmail: 'it@abandon-customer.example' }],
    ['ChooseRole', { role: 'CUSTOMER' }],
    ['Abandon', {}],
  ] as const) {
    const refused = await wizard.step(name, input);
    expect(refused.userErrors).toEqual([expect.objectContaining({ code: 'SESSION_ENDED' })]);
  }
  expect((await wizard.confirm()).userErrors).toEqual([expect.objectContaining({ code: 'SESSION_ENDED' })]);
  expect((await sessionRow(wizard.sessionId)).draft).toEqual({});
  // Nothing was created and the order still awaits its details.
  expect(await h.db.query(`SELECT id FROM partner_org WHERE name = 'Abandon Partners'`)).toEqual([]);
  const [orderRow] = await h.db.query(`SELECT status, partner_org_id, customer_org_id FROM orders WHERE id = $1`, [order.id]);
  expect(orderRow).toEqual({ status: 'AWAITING_PROVISIONING_DETAILS', partner_org_id: null, customer_org_id: null });

  // The same link starts again from the first step.
  const again = await WizardClient.open(h, linkToken!);
  expect(again.sessionId).not.toBe(wizard.sessionId);
  expect(await again.session()).toMatchObject({ status: 'ACTIVE', currentStep: 'ROLE', furthestStep: 'ROLE', answers: { role: null } });
  // The abandoned session is untouched by the new one.
  expect((await sessionRow(wizard.sessionId)).status).toBe('ABANDONED');
});

test('a session idle for 60 minutes ends EXPIRED on its next call, keeping only the furthest step', async () => {
  const { linkToken } = await bookOrder(h, { provisioningContactEmail: 'rene@idle-partners.example' });
  const wizard = await WizardClient.open(h, linkToken!);
  await partnerAtPartnerOrg(wizard);

  // 59 minutes of thought is fine, and any answer counts as activity.
  h.clock.advanceMinutes(59);
  const partner = await wizard.step('SetPartnerOrg', {
    useExisting: false,
    adminEmail: 'admin@idle-partners.example',
    companyName: 'Idle Partners',
    countryCode: 'DE',
  });
  expect(partner.userErrors).toEqual([]);
  expect(partner.session.currentStep).toBe('CUSTOMER_ADMIN');

  h.clock.advanceMinutes(60);
  const refused = await wizard.step('SetCustomerAdmin', { adminEmail: 'it@idle-customer.example' });
  expect(refused.session).toBeNull();
  expect(refused.userErrors).toEqual([expect.objectContaining({ code: 'SESSION_ENDED' })]);

  expect(await sessionRow(wizard.sessionId)).toEqual({
    status: 'EXPIRED',
    current_step: 'CUSTOMER_ADMIN',
    furthest_step: 'CUSTOMER_ADMIN',
    draft: {},
    finished_at: h.clock.now(),
  });
  expect(await eventKinds(wizard.sessionId)).toEqual(['STARTED', 'STEP_ANSWERED', 'STEP_ANSWERED', 'STEP_ANSWERED', 'EXPIRED']);
  expect(await wizard.session()).toMatchObject({
    status: 'EXPIRED',
    furthestStep: 'CUSTOMER_ADMIN',
    answers: { role: null, partnerAdminEmail: null },
  });
  // It stays ended.
  expect((await wizard.step('SetCustomerAdmin', { adminEmail: 'it@idle-customer.example' })).userErrors).toEqual([
    expect.objectContaining({ code: 'SESSION_ENDED' }),
  ]);
});

test('the sweep expires idle sessions and leaves one idle for 59 minutes alone', async () => {
  const idle = await WizardClient.open(h, (await bookOrder(h, { provisioningContactEmail: 'sol@sweep-partners.example' })).linkToken!);
  await partnerAtPartnerOrg(idle);
  h.clock.advanceMinutes(1);
  const busy = await WizardClient.open(h, (await bookOrder(h, { provisioningContactEmail: 'tam@sweep-partners.example' })).linkToken!);
  await partnerAtPartnerOrg(busy);
  h.clock.advanceMinutes(59);

  const swept = await h.services.provisioning.expireIdleSessions();
  expect(swept).toBeGreaterThanOrEqual(1);

  expect(await sessionRow(idle.sessionId)).toEqual({
    status: 'EXPIRED',
    current_step: 'PARTNER_ORG',
    furthest_step: 'PARTNER_ORG',
    draft: {},
    finished_at: h.clock.now(),
  });
  expect(await eventKinds(idle.sessionId)).toEqual(['STARTED', 'STEP_ANSWERED', 'STEP_ANSWERED', 'EXPIRED']);
  expect(
    (
      await idle.step('SetPartnerOrg', {
        useExisting: false,
        adminEmail: 'admin@sweep-one.example',
        companyName: 'Sweep One',
        countryCode: 'DE',
      })
    ).userErrors,
  ).toEqual([expect.objectContaining({ code: 'SESSION_ENDED' })]);

  expect(await sessionRow(busy.sessionId)).toMatchObject({
    status: 'ACTIVE',
    draft: { role: 'PARTNER', performer: 'SELF' },
    finished_at: null,
  });
  const goesOn = await busy.step('SetPartnerOrg', {
    useExisting: false,
    adminEmail: 'admin@sweep-two.example',
    companyName: 'Sweep Two',
    countryCode: 'DE',
  });
  expect(goesOn.userErrors).toEqual([]);
  expect(goesOn.session.currentStep).toBe('CUSTOMER_ADMIN');

  // A second sweep right away finds nothing more of these two to end.
  await h.services.provisioning.expireIdleSessions();
  expect((await sessionRow(busy.sessionId)).status).toBe('ACTIVE');
  expect(await eventKinds(idle.sessionId)).toEqual(['STARTED', 'STEP_ANSWERED', 'STEP_ANSWERED', 'EXPIRED']);
});

test('opening the link again supersedes the active session and starts at the first step; the link counts its openings', async () => {
  const { order, linkToken } = await bookOrder(h, { provisioningContactEmail: 'uma@reopen-partners.example' });
  expect(await linkRow(order.id)).toEqual({ open_count: 0, first_opened_at: null });
  const firstOpenedAt = h.clock.now();
  const first = await WizardClient.open(h, linkToken!);
  expect(await linkRow(order.id)).toEqual({ open_count: 1, first_opened_at: firstOpenedAt });
  await partnerAtPartnerOrg(first);

  // Looking at the link is not opening it.
  const info = await h.gql(`query ($token: String!) { setupLink(token: $token) { status } }`, { token: linkToken });
  expect(info.data.setupLink.status).toBe('VALID');
  expect((await linkRow(order.id)).open_count).toBe(1);

  h.clock.advanceMinutes(10);
  const second = await WizardClient.open(h, linkToken!);
  expect(second.sessionId).not.toBe(first.sessionId);
  expect(await second.session()).toMatchObject({
    status: 'ACTIVE',
    currentStep: 'ROLE',
    furthestStep: 'ROLE',
    answers: { role: null, performer: null },
  });
  expect(await sessionRow(first.sessionId)).toEqual({
    status: 'SUPERSEDED',
    current_step: 'PARTNER_ORG',
    furthest_step: 'PARTNER_ORG',
    draft: {},
    finished_at: h.clock.now(),
  });
  expect(await eventKinds(first.sessionId)).toEqual(['STARTED', 'STEP_ANSWERED', 'STEP_ANSWERED', 'SUPERSEDED']);
  const refused = await first.step('SetPartnerOrg', {
    useExisting: false,
    adminEmail: 'admin@reopen-partners.example',
    companyName: 'Reopen Partners',
    countryCode: 'DE',
  });
  expect(refused.userErrors).toEqual([expect.objectContaining({ code: 'SESSION_ENDED' })]);

  // The new session works, and only one session of the order is active.
  expect((await second.step('ChooseRole', { role: 'CUSTOMER' })).userErrors).toEqual([]);
  const active = await h.db.query(`SELECT id FROM provisioning_session WHERE order_id = $1 AND status = 'ACTIVE'`, [order.id]);
  expect(active).toEqual([{ id: second.sessionId }]);

  const third = await WizardClient.open(h, linkToken!);
  expect(await linkRow(order.id)).toEqual({ open_count: 3, first_opened_at: firstOpenedAt });
  expect((await sessionRow(second.sessionId)).status).toBe('SUPERSEDED');
  const statuses = await h.db.query(`SELECT id, status FROM provisioning_session WHERE order_id = $1 ORDER BY started_at`, [order.id]);
  expect(statuses).toEqual([
    { id: first.sessionId, status: 'SUPERSEDED' },
    { id: second.sessionId, status: 'SUPERSEDED' },
    { id: third.sessionId, status: 'ACTIVE' },
  ]);
});

test('an expired session is not superseded again when the link is reopened', async () => {
  const { order, linkToken } = await bookOrder(h, { provisioningContactEmail: 'val@late-partners.example' });
  const first = await WizardClient.open(h, linkToken!);
  await partnerAtPartnerOrg(first);
  h.clock.advanceMinutes(61);

  // Opening the link after an hour: the idle session ends EXPIRED (not SUPERSEDED), the new one starts at ROLE.
  const start = await h.gql(
    `mutation ($token: String!) { provisioningStart(input: { token: $token }) { session { status currentStep } ${USER_ERRORS} } }`,
    { token: linkToken },
  );
  expect(start.data.provisioningStart).toMatchObject({ userErrors: [], session: { status: 'ACTIVE', currentStep: 'ROLE' } });
  expect(await sessionRow(first.sessionId)).toMatchObject({ status: 'EXPIRED', draft: {}, furthest_step: 'PARTNER_ORG' });
  expect(await eventKinds(first.sessionId)).toEqual(['STARTED', 'STEP_ANSWERED', 'STEP_ANSWERED', 'EXPIRED']);
  expect((await linkRow(order.id)).open_count).toBe(2);
});
