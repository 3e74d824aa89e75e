/** "Someone else sets up": a partner hands the order to a colleague at the same company. */
import { StaffRole } from '../../server/staff/staff.entity';
import { Harness, startHarness } from '../support/harness';
import { bookOrder, linkStatus, openLink, USER_ERRORS, WizardClient } from '../support/wizard';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** Everything delegation may change, for one order and its session. */
async function snapshot(orderId: string, sessionId: string) {
  const [session] = await h.db.query(
    `SELECT status, current_step, furthest_step, draft, version, last_activity_at, finished_at FROM provisioning_session WHERE id = $1`,
    [sessionId],
  );
  const [order] = await h.db.query(`SELECT provisioning_contact_email, status, version, updated_at FROM orders WHERE id = $1`, [orderId]);
  const links = await h.db.query(`SELECT id, revoked_at FROM setup_link WHERE order_id = $1 ORDER BY created_at, id`, [orderId]);
  const events = await h.db.query(`SELECT kind, step FROM provisioning_event WHERE session_id = $1 ORDER BY id`, [sessionId]);
  const audits = await h.db.query(`SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY id`, [orderId]);
  return { session, order, links, events, audits };
}

test('a partner hands the setup to a colleague: the session ends DELEGATED, the colleague becomes the contact, every link is revoked', async () => {
  const { order, linkToken } = await bookOrder(h, { provisioningContactEmail: 'pat@contoso-partners.example' });
  // A second Set up now link was issued (the first is revoked by it): the contact opens the newest.
  const newestToken = await h.services.orders.issueSetupToken(order.id);
  const wizard = await WizardClient.open(h, newestToken);
  expect((await wizard.step('ChooseRole', { role: 'PARTNER' })).userErrors).toEqual([]);

  const delegated = await wizard.step('ChooseSetupPerformer', { performer: 'OTHER', delegateEmail: 'Chris@Contoso-Partners.example' });
  expect(delegated.userErrors).toEqual([]);
  expect(delegated.session).toMatchObject({
    status: 'DELEGATED',
    furthestStep: 'SETUP_PERFORMER',
    answers: { role: null, performer: null, customerAdminEmail: null },
  });

  const after = await snapshot(order.id, wizard.sessionId);
  expect(after.session).toMatchObject({ status: 'DELEGATED', draft: {}, furthest_step: 'SETUP_PERFORMER', finished_at: h.clock.now() });
  expect(after.order).toMatchObject({
    provisioning_contact_email: 'Chris@Contoso-Partners.example',
    status: 'AWAITING_PROVISIONING_DETAILS',
  });
  // Both earlier links are revoked; a third, the colleague's, is the only one that works.
  expect(after.links).toHaveLength(3);
  expect(after.links.filter((link: { revoked_at: Date | null }) => link.revoked_at === null)).toHaveLength(1);
  expect(after.events.map((event: { kind: string }) => event.kind)).toEqual(['STARTED', 'STEP_ANSWERED', 'STEP_ANSWERED', 'DELEGATED']);
  expect(after.audits.map((audit: { action: string }) => audit.action)).toContain('order.delegateSetup');
  const [audit] = await h.db.query(
    `SELECT actor_kind, actor_id, entity_type, before, after FROM audit_event WHERE action = 'order.delegateSetup' AND entity_id = $1`,
    [order.id],
  );
  expect(audit).toEqual({
    actor_kind: 'WIZARD',
    actor_id: wizard.sessionId,
    entity_type: 'Order',
    before: { provisioningContactEmail: 'pat@contoso-partners.example' },
    after: { provisioningContactEmail: 'Chris@Contoso-Partners.example' },
  });

  // Neither link opens the wizard any more.
  for (const token of [linkToken!, newestToken]) {
    expect(await linkStatus(h, token)).toBe('REVOKED');
    const refused = await openLink(h, token);
    expect(refused.sessionToken).toBeNull();
    expect(refused.userErrors).toEqual([expect.objectContaining({ code: 'LINK_REVOKED', field: ['input', 'token'] })]);
  }
  // The colleague gets a Set up now email whose link opens a fresh session for them.
  await h.deliverMail();
  const handedOver = h.setupEmails.filter((mail) => mail.subscriptionId === order.subscriptionId).pop()!;
  expect(handedOver.to).toBe('Chris@Contoso-Partners.example');
  expect(h.emails.find((email) => email.text.includes(handedOver.url))?.text).toContain('pat@contoso-partners.example asked you to set up');
  const colleague = await WizardClient.open(h, handedOver.token);
  expect((await colleague.session()).currentStep).toBe('ROLE');

  // The delegated session takes no more answers.
  const ended = await wizard.step('ChooseSetupPerformer', { performer: 'SELF' });
  expect(ended.userErrors).toEqual([expect.objectContaining({ code: 'SESSION_ENDED' })]);

  // The order, as a representative sees it, has the colleague as its contact.
  const rep = await h.staffToken(StaffRole.REP);
  const seen = await h.gql(`query ($id: ID!) { order(id: $id) { provisioningContactEmail status } }`, { id: order.id }, { token: rep });
  expect(seen.data.order).toEqual({ provisioningContactEmail: 'Chris@Contoso-Partners.example', status: 'AWAITING_PROVISIONING_DETAILS' });
});

describe('a delegation that is refused changes nothing', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['no colleague email', { performer: 'OTHER' }, 'REQUIRED'],
    ['a blank colleague email', { performer: 'OTHER', delegateEmail: '   ' }, 'REQUIRED'],
    ['a malformed email', { performer: 'OTHER', delegateEmail: 'chris-at-contoso' }, 'INVALID_EMAIL'],
    ['a colleague at another company', { performer: 'OTHER', delegateEmail: 'chris@fabrikam.example' }, 'DELEGATE_OUTSIDE_COMPANY'],
    ['a look-alike domain', { performer: 'OTHER', delegateEmail: 'chris@sub.northwind-partners.example' }, 'DELEGATE_OUTSIDE_COMPANY'],
    ['the contact themself', { performer: 'OTHER', delegateEmail: 'ALEX@northwind-partners.example' }, 'DELEGATE_IS_YOU'],
  ];

  test.each(cases)('%s', async (_what, input, code) => {
    const { order, linkToken } = await bookOrder(h, { provisioningContactEmail: 'alex@northwind-partners.example' });
    const wizard = await WizardClient.open(h, linkToken!);
    await wizard.step('ChooseRole', { role: 'PARTNER' });
    const before = await snapshot(order.id, wizard.sessionId);

    const refused = await wizard.step('ChooseSetupPerformer', input);
    expect(refused.session).toBeNull();
    expect(refused.userErrors).toEqual([expect.objectContaining({ code, field: ['input', 'delegateEmail'] })]);

    expect(await snapshot(order.id, wizard.sessionId)).toEqual(before);
    expect(before.session).toMatchObject({ status: 'ACTIVE', current_step: 'SETUP_PERFORMER', draft: { role: 'PARTNER' } });
    expect(await linkStatus(h, linkToken!)).toBe('VALID');
    // The session goes on.
    expect((await wizard.step('ChooseSetupPerformer', { performer: 'SELF' })).session.currentStep).toBe('PARTNER_ORG');
  });

  test('the DELEGATE_OUTSIDE_COMPANY message names the company domain', async () => {
    const { linkToken } = await bookOrder(h, { provisioningContactEmail: 'robin@woodgrove-partners.example' });
    const wizard = await WizardClient.open(h, linkToken!);
    await wizard.step('ChooseRole', { role: 'PARTNER' });
    const refused = await wizard.step('ChooseSetupPerformer', { performer: 'OTHER', delegateEmail: 'kim@elsewhere.example' });
    expect(refused.userErrors[0].message).toContain('woodgrove-partners.example');
  });

  test('a colleague who belongs to a customer org', async () => {
    const rep = await h.staffToken(StaffRole.REP);
    const trial = await h.gql(
      `mutation ($input: CustomerOrgStartTrialInput!) { customerOrgStartTrial(input: $input) { customerOrg { id } ${USER_ERRORS} } }`,
      { input: { companyName: 'Margie Travel', countryCode: 'US', adminEmail: 'kim@margie-partners.example', days: 30 } },
      { token: rep },
    );
    expect(trial.data.customerOrgStartTrial.userErrors).toEqual([]);
    const { order, linkToken } = await bookOrder(h, { provisioningContactEmail: 'lou@margie-partners.example' });
    const wizard = await WizardClient.open(h, linkToken!);
    await wizard.step('ChooseRole', { role: 'PARTNER' });
    const before = await snapshot(order.id, wizard.sessionId);

    const refused = await wizard.step('ChooseSetupPerformer', { performer: 'OTHER', delegateEmail: 'kim@margie-partners.example' });
    expect(refused.userErrors).toEqual([expect.objectContaining({ code: 'USER_IN_OTHER_ORG', field: ['input', 'delegateEmail'] })]);
    expect(refused.userErrors[0].message).toContain('Margie Travel');
    expect(await snapshot(order.id, wizard.sessionId)).toEqual(before);
  });

  test('before the role is chosen', async () => {
    const { order, linkToken } = await bookOrder(h, { provisioningContactEmail: 'sasha@litware-partners.example' });
    const wizard = await WizardClient.open(h, linkToken!);
    const before = await snapshot(order.id, wizard.sessionId);
    const refused = await wizard.step('ChooseSetupPerformer', { performer: 'OTHER', delegateEmail: 'max@litware-partners.example' });
    expect(refused.userErrors).toEqual([expect.objectContaining({ code: 'STEP_OUT_OF_ORDER' })]);
    expect(await snapshot(order.id, wizard.sessionId)).toEqual(before);
  });
});
