/** An order that converts a trial must land on the trial org; an expired trial blocks until a representative extends it. */
import { StaffRole } from '../../server/staff/staff.entity';
import { Harness, startHarness } from '../support/harness';
import { bookOrder, mappedOrder, USER_ERRORS, WizardClient } from '../support/wizard';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const TRIAL_FIELDS = 'id name adminEmail trialStatus trialAdminEmail trialExpiresAt';

async function startTrial(token: string, input: { companyName: string; countryCode: string; adminEmail: string; days: number }) {
  const result = await h.gql(
    `mutation ($input: CustomerOrgStartTrialInput!) { customerOrgStartTrial(input: $input) { customerOrg { ${TRIAL_FIELDS} } ${USER_ERRORS} } }`,
    { input },
    { token },
  );
  expect(result.errors).toBeUndefined();
  expect(result.data.customerOrgStartTrial.userErrors).toEqual([]);
  return result.data.customerOrgStartTrial.customerOrg;
}

async function sessionRow(id: string) {
  const [row] = await h.db.query(
    `SELECT status, current_step, furthest_step, draft, version, last_activity_at FROM provisioning_session WHERE id = $1`,
    [id],
  );
  return row;
}

test('a partner converts a trial: the admin must be the trial admin, NEW is refused, EXISTING lands the order on the trial org', async () => {
  const rep = await h.staffToken(StaffRole.REP);
  const trial = await startTrial(rep, { companyName: 'Litware Inc', countryCode: 'US', adminEmail: 'ops@litware.example', days: 30 });
  expect(trial).toMatchObject({ name: 'Litware Inc', trialStatus: 'ACTIVE', trialAdminEmail: 'ops@litware.example' });
  expect(new Date(trial.trialExpiresAt).getTime()).toBe(h.clock.now().getTime() + 30 * 86_400_000);

  const { order, linkToken } = await bookOrder(h, { provisioningContactEmail: 'sam@proseware.example', trialCustomerOrgId: trial.id });
  const wizard = await WizardClient.open(h, linkToken!);
  await wizard.step('ChooseRole', { role: 'PARTNER' });
  await wizard.step('ChooseSetupPerformer', { performer: 'SELF' });
  expect(
    (
      await wizard.step('SetPartnerOrg', {
        useExisting: false,
        adminEmail: 'admin@proseware.example',
        companyName: 'Proseware Partners',
        countryCode: 'US',
      })
    ).userErrors,
  ).toEqual([]);

  // Anyone but the trial admin is refused, and the message names the trial admin.
  const before = await sessionRow(wizard.sessionId);
  const mismatch = await wizard.step('SetCustomerAdmin', { adminEmail: 'someone-else@litware.example' });
  expect(mismatch.userErrors).toEqual([
    { code: 'TRIAL_ADMIN_EMAIL_MISMATCH', field: ['input', 'adminEmail'], message: expect.stringContaining('ops@litware.example') },
  ]);
  expect(await sessionRow(wizard.sessionId)).toEqual(before);

  // The trial admin, whatever the case of the letters.
  const admin = await wizard.step('SetCustomerAdmin', { adminEmail: 'OPS@Litware.example' });
  expect(admin.userErrors).toEqual([]);
  expect(admin.session.currentStep).toBe('CUSTOMER_COMPANY');
  const company = await wizard.step('SetCustomerCompany', { companyName: 'Litware Inc', countryCode: 'US' });
  expect(company.userErrors).toEqual([]);
  expect(company.session).toMatchObject({ currentStep: 'CUSTOMER_ORG', dataResidencyRegion: 'us1' });

  // A trial conversion cannot create a new org.
  const fresh = await wizard.step('ChooseCustomerOrg', { choice: 'NEW' });
  expect(fresh.userErrors).toEqual([expect.objectContaining({ code: 'TRIAL_ORG_REQUIRED', field: ['input', 'choice'] })]);
  expect((await wizard.session()).answers.customerOrgChoice).toBeNull();

  const existing = await wizard.step(
    'ChooseCustomerOrg',
    { choice: 'EXISTING' },
    `session { currentStep existingCustomerOrg { id name trialStatus } }`,
  );
  expect(existing.userErrors).toEqual([]);
  expect(existing.session).toEqual({
    currentStep: 'CONFIRM',
    existingCustomerOrg: { id: trial.id, name: 'Litware Inc', trialStatus: 'ACTIVE' },
  });

  const orgsBefore = await h.db.query(`SELECT id FROM customer_org ORDER BY id`);
  const confirmed = await wizard.confirm();
  expect(confirmed.userErrors).toEqual([]);
  expect(confirmed.message).toMatch(/has been mapped/);
  expect(confirmed.customerOrg).toMatchObject({ id: trial.id, name: 'Litware Inc', trialStatus: 'CONVERTED' });
  expect(confirmed.partnerOrg).toMatchObject({ name: 'Proseware Partners' });
  expect(confirmed.order).toEqual({ id: order.id, status: 'MAPPED' });
  expect(await mappedOrder(h, order.id)).toMatchObject({
    status: 'MAPPED',
    customerOrg: { id: trial.id, partnerOrg: { id: confirmed.partnerOrg.id } },
    partnerOrg: { id: confirmed.partnerOrg.id, name: 'Proseware Partners', adminEmail: 'admin@proseware.example' },
  });

  // In the database: the trial org converted and now managed by the partner; no customer org was added.
  const [orgRow] = await h.db.query(`SELECT trial_status, trial_converted_at, partner_org_id FROM customer_org WHERE id = $1`, [trial.id]);
  expect(orgRow).toEqual({ trial_status: 'CONVERTED', trial_converted_at: h.clock.now(), partner_org_id: confirmed.partnerOrg.id });
  expect(await h.db.query(`SELECT id FROM customer_org ORDER BY id`)).toEqual(orgsBefore);
  const [orderRow] = await h.db.query(`SELECT status, customer_org_id, trial_customer_org_id FROM orders WHERE id = $1`, [order.id]);
  expect(orderRow).toEqual({ status: 'MAPPED', customer_org_id: trial.id, trial_customer_org_id: trial.id });
  // The trial admin stays the one user of the trial org.
  const users = await h.db.query(`SELECT lower(email) AS email FROM webex_user WHERE customer_org_id = $1`, [trial.id]);
  expect(users).toEqual([{ email: 'ops@litware.example' }]);
});

test('an expired trial blocks the wizard until a representative extends it; the case the contact reports is resolved', async () => {
  // The commerce integration starts a two-week trial and books the conversion order.
  const trial = await startTrial(h.commerceKey, {
    companyName: 'Trey Research',
    countryCode: 'GB',
    adminEmail: 'admin@treyresearch.example',
    days: 14,
  });
  expect(trial.trialStatus).toBe('ACTIVE');
  const { order, linkToken } = await bookOrder(h, { provisioningContactEmail: 'admin@treyresearch.example', trialCustomerOrgId: trial.id });

  // The contact opens the link only after the trial has run out.
  h.clock.advanceDays(15);
  const rep = await h.staffToken(StaffRole.REP);
  const seen = await h.gql(`query ($id: ID!) { customerOrg(id: $id) { trialStatus } }`, { id: trial.id }, { token: rep });
  expect(seen.data.customerOrg.trialStatus).toBe('EXPIRED');

  const wizard = await WizardClient.open(h, linkToken!);
  const role = await wizard.step('ChooseRole', { role: 'CUSTOMER' });
  // The trial admin is the contact: pre-filled as the customer admin.
  expect(role.session).toMatchObject({ currentStep: 'CUSTOMER_COMPANY', answers: { customerAdminEmail: 'admin@treyresearch.example' } });
  await wizard.step('SetCustomerCompany', { companyName: 'Trey Research', countryCode: 'GB' });

  const before = await sessionRow(wizard.sessionId);
  expect(before.current_step).toBe('CUSTOMER_ORG');
  const blocked = await wizard.step('ChooseCustomerOrg', { choice: 'EXISTING' });
  expect(blocked.userErrors).toEqual([expect.objectContaining({ code: 'TRIAL_EXPIRED', field: ['input', 'choice'] })]);
  expect(blocked.userErrors[0].message).toMatch(/Report a problem/);
  expect(blocked.session).toBeNull();
  expect(await sessionRow(wizard.sessionId)).toEqual(before);
  expect((await wizard.step('ChooseCustomerOrg', { choice: 'NEW' })).userErrors).toEqual([
    expect.objectContaining({ code: 'TRIAL_ORG_REQUIRED' }),
  ]);

  // The contact reports the problem: a case for a representative, pointing at the trial org.
  const reported = await h.gql(
    `mutation ($input: ProvisioningReportProblemInput!) {
       provisioningReportProblem(input: $input) { case { id kind status message } ${USER_ERRORS} } }`,
    { input: { kind: 'TRIAL_EXPIRED', message: 'Our trial ran out before we could set up the order. Please extend it.' } },
    { token: wizard.sessionToken },
  );
  expect(reported.errors).toBeUndefined();
  const payload = reported.data.provisioningReportProblem;
  expect(payload.userErrors).toEqual([]);
  expect(payload.case).toMatchObject({
    kind: 'TRIAL_EXPIRED',
    status: 'OPEN',
    message: 'Our trial ran out before we could set up the order. Please extend it.',
  });
  // What the case points at is for the representative to read, not the wizard.
  const queued = await h.gql(
    `query ($id: ID!) { case(id: $id) { status resolution customerOrg { id } order { id } } }`,
    { id: payload.case.id },
    { token: rep },
  );
  expect(queued.errors).toBeUndefined();
  expect(queued.data.case).toEqual({ status: 'OPEN', resolution: null, customerOrg: { id: trial.id }, order: { id: order.id } });
  const [caseRow] = await h.db.query(
    `SELECT kind, status, order_id, customer_org_id, session_id, reporter_email, message, resolved_at FROM support_case WHERE id = $1`,
    [payload.case.id],
  );
  expect(caseRow).toEqual({
    kind: 'TRIAL_EXPIRED',
    status: 'OPEN',
    order_id: order.id,
    customer_org_id: trial.id,
    session_id: wizard.sessionId,
    reporter_email: 'admin@treyresearch.example',
    message: 'Our trial ran out before we could set up the order. Please extend it.',
    resolved_at: null,
  });

  // A representative extends the trial by 30 days.
  const extended = await h.gql(
    `mutation ($input: CustomerOrgExtendTrialInput!) { customerOrgExtendTrial(input: $input) { customerOrg { ${TRIAL_FIELDS} } ${USER_ERRORS} } }`,
    { input: { id: trial.id, days: 30 } },
    { token: rep },
  );
  expect(extended.data.customerOrgExtendTrial.userErrors).toEqual([]);
  expect(extended.data.customerOrgExtendTrial.customerOrg).toMatchObject({ id: trial.id, trialStatus: 'ACTIVE' });
  expect(new Date(extended.data.customerOrgExtendTrial.customerOrg.trialExpiresAt).getTime()).toBe(
    h.clock.now().getTime() + 30 * 86_400_000,
  );

  // The same session now goes on.
  const existing = await wizard.step('ChooseCustomerOrg', { choice: 'EXISTING' });
  expect(existing.userErrors).toEqual([]);
  expect(existing.session).toMatchObject({ currentStep: 'CONFIRM', answers: { customerOrgChoice: 'EXISTING' } });
  const confirmed = await wizard.confirm();
  expect(confirmed.userErrors).toEqual([]);
  expect(confirmed.partnerOrg).toBeNull();
  expect(confirmed.customerOrg).toMatchObject({ id: trial.id, trialStatus: 'CONVERTED', dataResidencyRegion: 'eu1' });
  expect(confirmed.order).toEqual({ id: order.id, status: 'MAPPED' });
  expect(await mappedOrder(h, order.id)).toMatchObject({ status: 'MAPPED', partnerOrg: null, customerOrg: { id: trial.id } });
  const [orgRow] = await h.db.query(`SELECT trial_status FROM customer_org WHERE id = $1`, [trial.id]);
  expect(orgRow.trial_status).toBe('CONVERTED');

  // The representative closes the case.
  const resolved = await h.gql(
    `mutation ($input: CaseResolveInput!) { caseResolve(input: $input) { case { id status resolution } ${USER_ERRORS} } }`,
    { input: { id: payload.case.id, resolution: 'Trial extended by 30 days; the order has since been mapped.' } },
    { token: rep },
  );
  expect(resolved.errors).toBeUndefined();
  expect(resolved.data.caseResolve.userErrors).toEqual([]);
  expect(resolved.data.caseResolve.case).toEqual({
    id: payload.case.id,
    status: 'RESOLVED',
    resolution: 'Trial extended by 30 days; the order has since been mapped.',
  });
  const [closedRow] = await h.db.query(`SELECT status, resolution, resolved_at, resolved_by_staff_id FROM support_case WHERE id = $1`, [
    payload.case.id,
  ]);
  expect(closedRow).toMatchObject({
    status: 'RESOLVED',
    resolution: 'Trial extended by 30 days; the order has since been mapped.',
    resolved_at: h.clock.now(),
  });
  expect(closedRow.resolved_by_staff_id).not.toBeNull();
  const audits = await h.db.query(`SELECT action FROM audit_event WHERE entity_id = ANY($1) ORDER BY id`, [[trial.id, payload.case.id]]);
  expect(audits.map((row: { action: string }) => row.action)).toEqual([
    'customerOrg.startTrial',
    'customerOrg.extendTrial',
    // The wizard's mapping converted the trial: recorded as the wizard's change to the org.
    'customerOrg.adopt',
    'case.resolve',
  ]);
});
