/** A customer sets up its own order: no partner steps, its own administrator by default. */
import { StaffRole } from '../../server/staff/staff.entity';
import { Harness, startHarness } from '../support/harness';
import { bookOrder, mappedOrder, USER_ERRORS, WizardClient } from '../support/wizard';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

async function count(table: string): Promise<number> {
  const [{ count }] = await h.db.query(`SELECT count(*)::int AS count FROM ${table}`);
  return count;
}

async function sessionRow(id: string) {
  const [row] = await h.db.query(`SELECT status, current_step, furthest_step, draft, version FROM provisioning_session WHERE id = $1`, [
    id,
  ]);
  return row;
}

/** A customer's whole path with its own email as admin: role, company, org choice, confirmation. */
async function customerConfirms(wizard: WizardClient, company: { companyName: string; countryCode: string }, choice: 'NEW' | 'EXISTING') {
  const role = await wizard.step('ChooseRole', { role: 'CUSTOMER' });
  expect(role.userErrors).toEqual([]);
  expect((await wizard.step('SetCustomerCompany', company)).userErrors).toEqual([]);
  expect((await wizard.step('ChooseCustomerOrg', { choice })).userErrors).toEqual([]);
  const confirmed = await wizard.confirm();
  expect(confirmed.userErrors).toEqual([]);
  return confirmed;
}

test('a customer is its own administrator, skips the partner steps, and the order is mapped with no partner org', async () => {
  const { order, linkToken } = await bookOrder(h, { provisioningContactEmail: 'maria@adventure-works.example' });
  const wizard = await WizardClient.open(h, linkToken!);

  const role = await wizard.step('ChooseRole', { role: 'CUSTOMER' });
  expect(role.userErrors).toEqual([]);
  expect(role.session).toMatchObject({
    status: 'ACTIVE',
    currentStep: 'CUSTOMER_COMPANY',
    furthestStep: 'CUSTOMER_COMPANY',
    answers: { role: 'CUSTOMER', performer: null, partnerOrgUseExisting: null, customerAdminEmail: 'maria@adventure-works.example' },
  });

  // The partner steps are not on a customer's path.
  const before = await sessionRow(wizard.sessionId);
  const performer = await wizard.step('ChooseSetupPerformer', { performer: 'SELF' });
  expect(performer.userErrors).toEqual([expect.objectContaining({ code: 'STEP_OUT_OF_ORDER' })]);
  expect(performer.session).toBeNull();
  const partner = await wizard.step('SetPartnerOrg', {
    useExisting: false,
    adminEmail: 'admin@aw-partner.example',
    companyName: 'AW Partner',
    countryCode: 'DE',
  });
  expect(partner.userErrors).toEqual([expect.objectContaining({ code: 'STEP_OUT_OF_ORDER' })]);
  const existingPartner = await wizard.step('SetPartnerOrg', { useExisting: true });
  expect(existingPartner.userErrors).toEqual([expect.objectContaining({ code: 'STEP_OUT_OF_ORDER' })]);
  expect(await sessionRow(wizard.sessionId)).toEqual(before);

  const company = await wizard.step('SetCustomerCompany', { companyName: 'Adventure Works Cycles', countryCode: 'US' });
  expect(company.userErrors).toEqual([]);
  expect(company.session).toMatchObject({ currentStep: 'CUSTOMER_ORG', dataResidencyRegion: 'us1', contactCenterDataLocation: 'us1' });
  const choice = await wizard.step('ChooseCustomerOrg', { choice: 'NEW' });
  expect(choice.userErrors).toEqual([]);
  expect(choice.session.currentStep).toBe('CONFIRM');

  const confirmed = await wizard.confirm();
  expect(confirmed.userErrors).toEqual([]);
  expect(confirmed.message).toMatch(/mapped/);
  expect(confirmed.message).toMatch(/Adventure Works Cycles/);
  expect(confirmed.partnerOrg).toBeNull();
  expect(confirmed.customerOrg).toMatchObject({
    name: 'Adventure Works Cycles',
    countryCode: 'US',
    dataResidencyRegion: 'us1',
    trialStatus: 'NONE',
  });
  expect(confirmed.order).toEqual({ id: order.id, status: 'MAPPED' });
  expect(await mappedOrder(h, order.id)).toMatchObject({
    status: 'MAPPED',
    partnerOrg: null,
    customerOrg: { id: confirmed.customerOrg.id, name: 'Adventure Works Cycles', adminEmail: 'maria@adventure-works.example' },
  });
  expect(confirmed.session).toMatchObject({ status: 'COMPLETED', currentStep: 'DONE' });

  const [orderRow] = await h.db.query(`SELECT status, partner_org_id, customer_org_id FROM orders WHERE id = $1`, [order.id]);
  expect(orderRow).toEqual({ status: 'MAPPED', partner_org_id: null, customer_org_id: confirmed.customerOrg.id });
  const [orgRow] = await h.db.query(`SELECT admin_email, partner_org_id FROM customer_org WHERE id = $1`, [confirmed.customerOrg.id]);
  expect(orgRow).toEqual({ admin_email: 'maria@adventure-works.example', partner_org_id: null });
  const users = await h.db.query(
    `SELECT partner_org_id, customer_org_id FROM webex_user WHERE lower(email) = 'maria@adventure-works.example'`,
  );
  expect(users).toEqual([{ partner_org_id: null, customer_org_id: confirmed.customerOrg.id }]);
});

test('a customer may name a colleague as administrator instead of itself', async () => {
  const { order, linkToken } = await bookOrder(h, { provisioningContactEmail: 'buyer@alpine-ski.example' });
  const wizard = await WizardClient.open(h, linkToken!);
  await wizard.step('ChooseRole', { role: 'CUSTOMER' });

  const changed = await wizard.step('SetCustomerAdmin', { adminEmail: 'it-admin@alpine-ski.example' });
  expect(changed.userErrors).toEqual([]);
  expect(changed.session).toMatchObject({
    currentStep: 'CUSTOMER_COMPANY',
    answers: { role: 'CUSTOMER', customerAdminEmail: 'it-admin@alpine-ski.example' },
  });
  const [row] = await h.db.query(`SELECT draft FROM provisioning_session WHERE id = $1`, [wizard.sessionId]);
  expect(row.draft).toEqual({ role: 'CUSTOMER', customerAdminEmail: 'it-admin@alpine-ski.example' });

  await wizard.step('SetCustomerCompany', { companyName: 'Alpine Ski House', countryCode: 'CA' });
  await wizard.step('ChooseCustomerOrg', { choice: 'NEW' });
  const confirmed = await wizard.confirm();
  expect(confirmed.userErrors).toEqual([]);
  expect(confirmed.partnerOrg).toBeNull();
  expect(confirmed.customerOrg).toMatchObject({ name: 'Alpine Ski House', dataResidencyRegion: 'ca1' });
  expect((await mappedOrder(h, order.id)).customerOrg).toMatchObject({
    id: confirmed.customerOrg.id,
    adminEmail: 'it-admin@alpine-ski.example',
  });
  const users = await h.db.query(
    `SELECT lower(email) AS email, customer_org_id FROM webex_user WHERE email ILIKE '%@alpine-ski.example' ORDER BY 1`,
  );
  // Only the administrator becomes a user; the contact who set up does not.
  expect(users).toEqual([{ email: 'it-admin@alpine-ski.example', customer_org_id: confirmed.customerOrg.id }]);
  const [orderRow] = await h.db.query(`SELECT partner_org_id, customer_org_id FROM orders WHERE id = $1`, [order.id]);
  expect(orderRow).toEqual({ partner_org_id: null, customer_org_id: confirmed.customerOrg.id });
});

test("a customer's second order lands on the org its first order created, and no new org is created", async () => {
  const first = await bookOrder(h, { provisioningContactEmail: 'owner@blue-yonder.example' });
  const firstConfirmed = await customerConfirms(
    await WizardClient.open(h, first.linkToken!),
    { companyName: 'Blue Yonder Airlines', countryCode: 'AU' },
    'NEW',
  );
  const orgsBefore = await count('customer_org');
  const usersBefore = await count('webex_user');

  const second = await bookOrder(h, { provisioningContactEmail: 'owner@blue-yonder.example' });
  const wizard = await WizardClient.open(h, second.linkToken!);
  const role = await wizard.step('ChooseRole', { role: 'CUSTOMER' });
  expect(role.session).toMatchObject({ currentStep: 'CUSTOMER_COMPANY', answers: { customerAdminEmail: 'owner@blue-yonder.example' } });
  await wizard.step('SetCustomerCompany', { companyName: 'Blue Yonder Airlines', countryCode: 'AU' });

  // NEW would need a free admin email; the existing org is shown for verification.
  const fresh = await wizard.step('ChooseCustomerOrg', { choice: 'NEW' });
  expect(fresh.userErrors).toEqual([expect.objectContaining({ code: 'ADMIN_EMAIL_IN_USE' })]);
  const existing = await wizard.step(
    'ChooseCustomerOrg',
    { choice: 'EXISTING' },
    `session { currentStep answers { customerOrgChoice } existingCustomerOrg { id name } }`,
  );
  expect(existing.userErrors).toEqual([]);
  expect(existing.session).toEqual({
    currentStep: 'CONFIRM',
    answers: { customerOrgChoice: 'EXISTING' },
    existingCustomerOrg: { id: firstConfirmed.customerOrg.id, name: 'Blue Yonder Airlines' },
  });

  const confirmed = await wizard.confirm();
  expect(confirmed.userErrors).toEqual([]);
  expect(confirmed.message).toMatch(/mapped/);
  expect(confirmed.customerOrg.id).toBe(firstConfirmed.customerOrg.id);
  expect(await mappedOrder(h, second.order.id)).toMatchObject({
    status: 'MAPPED',
    partnerOrg: null,
    customerOrg: { id: firstConfirmed.customerOrg.id },
  });
  expect(await count('customer_org')).toBe(orgsBefore);
  expect(await count('webex_user')).toBe(usersBefore);
  const [orderRow] = await h.db.query(`SELECT status, partner_org_id, customer_org_id FROM orders WHERE id = $1`, [second.order.id]);
  expect(orderRow).toEqual({ status: 'MAPPED', partner_org_id: null, customer_org_id: firstConfirmed.customerOrg.id });
});

/** A REP starts a trial whose admin is the given email; returns the trial org. */
async function startTrial(companyName: string, countryCode: string, adminEmail: string) {
  const rep = await h.staffToken(StaffRole.REP);
  const started = await h.gql(
    `mutation ($input: CustomerOrgStartTrialInput!) { customerOrgStartTrial(input: $input) { customerOrg { id trialStatus } ${USER_ERRORS} } }`,
    { input: { companyName, countryCode, adminEmail, days: 30 } },
    { token: rep },
  );
  expect(started.data.customerOrgStartTrial.userErrors).toEqual([]);
  const trial = started.data.customerOrgStartTrial.customerOrg;
  expect(trial.trialStatus).toBe('ACTIVE');
  return trial as { id: string; trialStatus: string };
}

test('a customer on an active trial chooses its trial org as EXISTING: the order lands on it and no new org is created', async () => {
  const trial = await startTrial('Graphic Design Institute', 'JP', 'head@graphic-design.example');
  const orgsBefore = await count('customer_org');
  const usersBefore = await count('webex_user');

  // An ordinary order (not booked as a trial conversion) whose contact is the trial's admin.
  const { order, linkToken } = await bookOrder(h, { provisioningContactEmail: 'head@graphic-design.example' });
  const wizard = await WizardClient.open(h, linkToken!);
  const confirmed = await customerConfirms(wizard, { companyName: 'Graphic Design Institute', countryCode: 'JP' }, 'EXISTING');
  expect(confirmed.customerOrg).toMatchObject({ id: trial.id, dataResidencyRegion: 'jp1' });
  expect(await mappedOrder(h, order.id)).toMatchObject({
    status: 'MAPPED',
    partnerOrg: null,
    customerOrg: { id: trial.id, adminEmail: 'head@graphic-design.example' },
  });
  expect(await count('customer_org')).toBe(orgsBefore);
  expect(await count('webex_user')).toBe(usersBefore);
  const [orderRow] = await h.db.query(`SELECT status, partner_org_id, customer_org_id FROM orders WHERE id = $1`, [order.id]);
  expect(orderRow).toEqual({ status: 'MAPPED', partner_org_id: null, customer_org_id: trial.id });
});

test('mapping an ordinary order onto an active trial org converts the trial', async () => {
  const trial = await startTrial('School of Fine Art', 'SG', 'dean@fine-art-school.example');
  const { linkToken } = await bookOrder(h, { provisioningContactEmail: 'dean@fine-art-school.example' });
  const confirmed = await customerConfirms(
    await WizardClient.open(h, linkToken!),
    { companyName: 'School of Fine Art', countryCode: 'SG' },
    'EXISTING',
  );
  expect(confirmed.customerOrg.id).toBe(trial.id);
  // DOMAIN.md, Trials: "Mapping an order onto a trial org converts it (CONVERTED)."
  expect(confirmed.customerOrg.trialStatus).toBe('CONVERTED');
  const [orgRow] = await h.db.query(`SELECT trial_status, trial_converted_at FROM customer_org WHERE id = $1`, [trial.id]);
  expect(orgRow.trial_status).toBe('CONVERTED');
  expect(orgRow.trial_converted_at).not.toBeNull();
});
