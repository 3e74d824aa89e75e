/** Going back in the wizard: a changed answer clears the answers that depend on it, the same answer clears nothing. */
import { Harness, startHarness } from '../support/harness';
import { bookOrder, mappedOrder, WizardClient } from '../support/wizard';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

async function sessionRow(id: string) {
  const [row] = await h.db.query(`SELECT status, current_step, furthest_step, draft FROM provisioning_session WHERE id = $1`, [id]);
  return row;
}

/** A partner at CONFIRM with a new partner org, a customer admin, a company in Germany and a NEW customer org. */
async function partnerAtConfirm(domain: string) {
  const { order, linkToken } = await bookOrder(h, { provisioningContactEmail: `dana@${domain}-partners.example` });
  const wizard = await WizardClient.open(h, linkToken!);
  const answers = {
    partner: { useExisting: false, adminEmail: `admin@${domain}-partners.example`, companyName: `${domain} Partners`, countryCode: 'DE' },
    admin: { adminEmail: `it@${domain}-customer.example` },
    company: { companyName: `${domain} GmbH`, countryCode: 'DE' },
  };
  expect((await wizard.step('ChooseRole', { role: 'PARTNER' })).userErrors).toEqual([]);
  expect((await wizard.step('ChooseSetupPerformer', { performer: 'SELF' })).userErrors).toEqual([]);
  expect((await wizard.step('SetPartnerOrg', answers.partner)).userErrors).toEqual([]);
  expect((await wizard.step('SetCustomerAdmin', answers.admin)).userErrors).toEqual([]);
  expect((await wizard.step('SetCustomerCompany', answers.company)).userErrors).toEqual([]);
  const ready = await wizard.step('ChooseCustomerOrg', { choice: 'NEW' });
  expect(ready.userErrors).toEqual([]);
  expect(ready.session).toMatchObject({ currentStep: 'CONFIRM', furthestStep: 'CONFIRM' });
  return { order, wizard, answers };
}

test("changing the company's country clears the org choice and sends the partner back to that step", async () => {
  const { wizard, answers } = await partnerAtConfirm('oak');

  const changed = await wizard.step('SetCustomerCompany', { companyName: 'oak GmbH', countryCode: 'GB' });
  expect(changed.userErrors).toEqual([]);
  expect(changed.session).toMatchObject({
    currentStep: 'CUSTOMER_ORG',
    furthestStep: 'CONFIRM',
    dataResidencyRegion: 'eu1',
    contactCenterDataLocation: 'eu1',
    answers: {
      role: 'PARTNER',
      performer: 'SELF',
      partnerOrgUseExisting: false,
      partnerAdminEmail: answers.partner.adminEmail,
      customerAdminEmail: answers.admin.adminEmail,
      companyName: 'oak GmbH',
      countryCode: 'GB',
      customerOrgChoice: null,
    },
  });
  const row = await sessionRow(wizard.sessionId);
  expect(row).toMatchObject({ status: 'ACTIVE', current_step: 'CUSTOMER_ORG', furthest_step: 'CONFIRM' });
  expect(row.draft).not.toHaveProperty('customerOrg');
  expect(row.draft.customerCompany).toEqual({ name: 'oak GmbH', countryCode: 'GB', region: 'eu1' });

  // Confirming now is out of order: the org choice must be given again.
  const early = await wizard.confirm();
  expect(early.userErrors).toEqual([expect.objectContaining({ code: 'STEP_OUT_OF_ORDER' })]);
  expect(await h.db.query(`SELECT id FROM customer_org WHERE name = 'oak GmbH'`)).toEqual([]);

  const again = await wizard.step('ChooseCustomerOrg', { choice: 'NEW' });
  expect(again.session).toMatchObject({ currentStep: 'CONFIRM', answers: { customerOrgChoice: 'NEW', countryCode: 'GB' } });
});

type Answers = Awaited<ReturnType<typeof partnerAtConfirm>>['answers'];
const SAME_ANSWERS: [string, string, (answers: Answers) => Record<string, unknown>][] = [
  ['the role', 'ChooseRole', () => ({ role: 'PARTNER' })],
  ['who sets up', 'ChooseSetupPerformer', () => ({ performer: 'SELF' })],
  ['the new partner org', 'SetPartnerOrg', (answers) => answers.partner],
  ['the customer admin', 'SetCustomerAdmin', (answers) => answers.admin],
  ['the company', 'SetCustomerCompany', (answers) => answers.company],
  // The same country written in lower case is the same answer.
  ['the company, country in lower case', 'SetCustomerCompany', (answers) => ({ ...answers.company, countryCode: 'de' })],
  ['the org choice', 'ChooseCustomerOrg', () => ({ choice: 'NEW' })],
];

test.each(SAME_ANSWERS)('sending %s again keeps every later answer', async (_what, step, input) => {
  const { order, wizard, answers } = await partnerAtConfirm(`elm${SAME_ANSWERS.findIndex(([what]) => what === _what)}`);
  const before = await sessionRow(wizard.sessionId);

  const payload = await wizard.step(step, input(answers));
  expect(payload.userErrors).toEqual([]);
  expect(payload.session).toMatchObject({
    currentStep: 'CONFIRM',
    furthestStep: 'CONFIRM',
    answers: { customerAdminEmail: answers.admin.adminEmail, companyName: answers.company.companyName, customerOrgChoice: 'NEW' },
  });
  expect(await sessionRow(wizard.sessionId)).toEqual(before);

  const confirmed = await wizard.confirm();
  expect(confirmed.userErrors).toEqual([]);
  expect(confirmed.customerOrg).toMatchObject({ name: answers.company.companyName, countryCode: 'DE' });
  expect((await mappedOrder(h, order.id)).customerOrg).toMatchObject({
    id: confirmed.customerOrg.id,
    name: answers.company.companyName,
    adminEmail: answers.admin.adminEmail,
  });
});

test('changing the customer admin clears only the org choice; changing the partner org clears the admin and the org choice', async () => {
  const { wizard, answers } = await partnerAtConfirm('ash');

  const admin = await wizard.step('SetCustomerAdmin', { adminEmail: 'helpdesk@ash-customer.example' });
  expect(admin.userErrors).toEqual([]);
  expect(admin.session).toMatchObject({
    currentStep: 'CUSTOMER_ORG',
    furthestStep: 'CONFIRM',
    answers: { customerAdminEmail: 'helpdesk@ash-customer.example', companyName: 'ash GmbH', countryCode: 'DE', customerOrgChoice: null },
  });
  await wizard.step('ChooseCustomerOrg', { choice: 'NEW' });

  const partner = await wizard.step('SetPartnerOrg', { ...answers.partner, companyName: 'Ash Partners International' });
  expect(partner.userErrors).toEqual([]);
  expect(partner.session).toMatchObject({
    currentStep: 'CUSTOMER_ADMIN',
    furthestStep: 'CONFIRM',
    answers: {
      role: 'PARTNER',
      performer: 'SELF',
      partnerCompanyName: 'Ash Partners International',
      customerAdminEmail: null,
      companyName: 'ash GmbH',
      countryCode: 'DE',
      customerOrgChoice: null,
    },
  });
  const row = await sessionRow(wizard.sessionId);
  expect(Object.keys(row.draft).sort()).toEqual(['customerCompany', 'partnerOrg', 'performer', 'role']);
  expect(row).toMatchObject({ current_step: 'CUSTOMER_ADMIN', furthest_step: 'CONFIRM' });

  // The org choice cannot be given before the admin again.
  const early = await wizard.step('ChooseCustomerOrg', { choice: 'NEW' });
  expect(early.userErrors).toEqual([expect.objectContaining({ code: 'STEP_OUT_OF_ORDER' })]);
});

test('changing the role clears every answer, and the furthest step never goes backwards', async () => {
  const { wizard } = await partnerAtConfirm('fir');

  const customer = await wizard.step('ChooseRole', { role: 'CUSTOMER' });
  expect(customer.userErrors).toEqual([]);
  // Every partner answer is gone; a customer is its own admin by default.
  expect(customer.session).toMatchObject({
    currentStep: 'CUSTOMER_COMPANY',
    furthestStep: 'CONFIRM',
    dataResidencyRegion: null,
    answers: {
      role: 'CUSTOMER',
      performer: null,
      partnerOrgUseExisting: null,
      partnerAdminEmail: null,
      partnerCompanyName: null,
      customerAdminEmail: 'dana@fir-partners.example',
      companyName: null,
      countryCode: null,
      customerOrgChoice: null,
    },
  });
  expect((await sessionRow(wizard.sessionId)).draft).toEqual({ role: 'CUSTOMER', customerAdminEmail: 'dana@fir-partners.example' });

  const partner = await wizard.step('ChooseRole', { role: 'PARTNER' });
  expect(partner.userErrors).toEqual([]);
  expect(partner.session).toMatchObject({
    currentStep: 'SETUP_PERFORMER',
    furthestStep: 'CONFIRM',
    answers: {
      role: 'PARTNER',
      performer: null,
      partnerAdminEmail: null,
      customerAdminEmail: null,
      companyName: null,
      customerOrgChoice: null,
    },
  });
  const row = await sessionRow(wizard.sessionId);
  expect(row).toEqual({ status: 'ACTIVE', current_step: 'SETUP_PERFORMER', furthest_step: 'CONFIRM', draft: { role: 'PARTNER' } });

  // Later steps are out of order again until the earlier ones are answered.
  const company = await wizard.step('SetCustomerCompany', { companyName: 'fir GmbH', countryCode: 'DE' });
  expect(company.userErrors).toEqual([expect.objectContaining({ code: 'STEP_OUT_OF_ORDER' })]);
  expect((await sessionRow(wizard.sessionId)).draft).toEqual({ role: 'PARTNER' });
});

test('each answered step is recorded as an event, revisits included', async () => {
  const { wizard } = await partnerAtConfirm('yew');
  await wizard.step('SetCustomerCompany', { companyName: 'yew GmbH', countryCode: 'AT' });
  const events = await h.db.query(`SELECT kind, step FROM provisioning_event WHERE session_id = $1 ORDER BY id`, [wizard.sessionId]);
  expect(events).toEqual([
    { kind: 'STARTED', step: null },
    { kind: 'STEP_ANSWERED', step: 'ROLE' },
    { kind: 'STEP_ANSWERED', step: 'SETUP_PERFORMER' },
    { kind: 'STEP_ANSWERED', step: 'PARTNER_ORG' },
    { kind: 'STEP_ANSWERED', step: 'CUSTOMER_ADMIN' },
    { kind: 'STEP_ANSWERED', step: 'CUSTOMER_COMPANY' },
    { kind: 'STEP_ANSWERED', step: 'CUSTOMER_ORG' },
    { kind: 'STEP_ANSWERED', step: 'CUSTOMER_COMPANY' },
  ]);
  expect((await wizard.session()).furthestStep).toBe('CONFIRM');
});
