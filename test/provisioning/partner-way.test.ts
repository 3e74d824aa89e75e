/** The partner's way from the email to a mapped order: step 6 offers only what can work, a new partner org's own country, a trial conversion known from the start, precise refusals. */
import { StaffRole } from '../../server/staff/staff.entity';
import { Harness, startHarness } from '../support/harness';
import { bookOrder, mappedOrder, USER_ERRORS, WizardClient } from '../support/wizard';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const CYRILLIC = /[\u0400-\u04FF]/;
const CHOICES = 'session { currentStep customerOrgChoices existingCustomerOrg { name trialStatus } }';
const TRIAL = 'trialAdminEmail trialToConvert { name countryCode trialStatus trialExpiresAt }';

async function startTrial(input: { companyName: string; countryCode: string; adminEmail: string; days: number }) {
  const result = await h.gql(
    `mutation ($input: CustomerOrgStartTrialInput!) { customerOrgStartTrial(input: $input) { customerOrg { id } ${USER_ERRORS} } }`,
    { input },
    { token: await h.staffToken(StaffRole.REP) },
  );
  expect(result.data.customerOrgStartTrial.userErrors).toEqual([]);
  return result.data.customerOrgStartTrial.customerOrg.id as string;
}

/** A partner's session up to step 6, with a new partner org (in Austria) and the customer administrator given. */
async function partnerAtCustomerOrg(contact: string, customerAdmin: string, order: { trialCustomerOrgId?: string } = {}) {
  const { order: booked, linkToken } = await bookOrder(h, { provisioningContactEmail: contact, ...order });
  const wizard = await WizardClient.open(h, linkToken!);
  await wizard.step('ChooseRole', { role: 'PARTNER' });
  await wizard.step('ChooseSetupPerformer', { performer: 'SELF' });
  const domain = contact.split('@')[1];
  const partner = await wizard.step('SetPartnerOrg', {
    useExisting: false,
    adminEmail: `admin@${domain}`,
    companyName: `Partners of ${domain}`,
    countryCode: 'AT',
  });
  expect(partner.userErrors).toEqual([]);
  expect((await wizard.step('SetCustomerAdmin', { adminEmail: customerAdmin })).userErrors).toEqual([]);
  expect((await wizard.step('SetCustomerCompany', { companyName: 'Contoso GmbH', countryCode: 'DE' })).userErrors).toEqual([]);
  return { wizard, order: booked };
}

describe('step 6 offers only the customer orgs that can work', () => {
  test('none before the administrator is chosen; NEW alone for an administrator of no org, and it maps', async () => {
    const { linkToken } = await bookOrder(h, { provisioningContactEmail: 'kim@fresh-partners.example' });
    const early = await WizardClient.open(h, linkToken!);
    expect((await early.step('ChooseRole', { role: 'PARTNER' }, CHOICES)).session.customerOrgChoices).toEqual([]);

    const { wizard } = await partnerAtCustomerOrg('kim@fresh-partners.example', 'it@contoso-new.example');
    const session = (await wizard.step('SetCustomerCompany', { companyName: 'Contoso GmbH', countryCode: 'DE' }, CHOICES)).session;
    expect(session).toEqual({ currentStep: 'CUSTOMER_ORG', customerOrgChoices: ['NEW'], existingCustomerOrg: null });
    // What is not offered is what the step refuses: the same rule.
    const refused = await wizard.step('ChooseCustomerOrg', { choice: 'EXISTING' });
    expect(refused.userErrors).toEqual([expect.objectContaining({ code: 'NO_EXISTING_ORG' })]);
    expect((await wizard.step('ChooseCustomerOrg', { choice: 'NEW' })).userErrors).toEqual([]);
    expect((await wizard.confirm()).userErrors).toEqual([]);
  });

  test('EXISTING alone for an administrator who already belongs to a customer org', async () => {
    const first = await partnerAtCustomerOrg('lee@first-partners.example', 'it@contoso-existing.example');
    await first.wizard.step('ChooseCustomerOrg', { choice: 'NEW' });
    expect((await first.wizard.confirm()).userErrors).toEqual([]);

    const { wizard } = await partnerAtCustomerOrg('lee@second-partners.example', 'it@contoso-existing.example');
    const session = (await wizard.step('SetCustomerCompany', { companyName: 'Contoso GmbH', countryCode: 'DE' }, CHOICES)).session;
    expect(session).toEqual({
      currentStep: 'CUSTOMER_ORG',
      customerOrgChoices: ['EXISTING'],
      existingCustomerOrg: { name: 'Contoso GmbH', trialStatus: 'NONE' },
    });
    const refused = await wizard.step('ChooseCustomerOrg', { choice: 'NEW' });
    expect(refused.userErrors).toEqual([expect.objectContaining({ code: 'ADMIN_EMAIL_IN_USE' })]);
  });
});

describe('a trial conversion', () => {
  test('is known from the first step: the trial org, its state and its administrator; its only choice is the trial org', async () => {
    const trialId = await startTrial({ companyName: 'Litware Inc', countryCode: 'US', adminEmail: 'ops@litware.example', days: 30 });
    const { linkToken } = await bookOrder(h, { provisioningContactEmail: 'sam@proseware.example', trialCustomerOrgId: trialId });
    const wizard = await WizardClient.open(h, linkToken!);
    const first = (await wizard.step('ChooseRole', { role: 'PARTNER' }, `session { currentStep ${TRIAL} }`)).session;
    expect(first).toEqual({
      currentStep: 'SETUP_PERFORMER',
      trialAdminEmail: 'ops@litware.example',
      trialToConvert: {
        name: 'Litware Inc',
        countryCode: 'US',
        trialStatus: 'ACTIVE',
        trialExpiresAt: new Date(h.clock.now().getTime() + 30 * 86_400_000).toISOString(),
      },
    });
    await wizard.step('ChooseSetupPerformer', { performer: 'SELF' });
    await wizard.step('SetPartnerOrg', {
      useExisting: false,
      adminEmail: 'admin@proseware.example',
      companyName: 'Proseware',
      countryCode: 'US',
    });
    await wizard.step('SetCustomerAdmin', { adminEmail: 'ops@litware.example' });
    const company = await wizard.step('SetCustomerCompany', { companyName: 'Litware Inc', countryCode: 'US' }, CHOICES);
    expect(company.session).toEqual({
      currentStep: 'CUSTOMER_ORG',
      customerOrgChoices: ['EXISTING'],
      existingCustomerOrg: { name: 'Litware Inc', trialStatus: 'ACTIVE' },
    });
  });

  test('an order that converts no trial has none', async () => {
    const { linkToken } = await bookOrder(h, { provisioningContactEmail: 'pat@plain-partners.example' });
    const wizard = await WizardClient.open(h, linkToken!);
    expect((await wizard.step('ChooseRole', { role: 'CUSTOMER' }, `session { ${TRIAL} }`)).session).toEqual({
      trialAdminEmail: null,
      trialToConvert: null,
    });
  });
});

describe("a new partner org's country", () => {
  test("is the one the partner gives, not the customer's", async () => {
    const { wizard, order } = await partnerAtCustomerOrg('jo@vienna-partners.example', 'it@contoso-vienna.example');
    await wizard.step('ChooseCustomerOrg', { choice: 'NEW' });
    expect((await wizard.confirm()).userErrors).toEqual([]);
    const mapped = await mappedOrder(h, order.id);
    expect(mapped.partnerOrg.countryCode).toBe('AT');
    expect(mapped.customerOrg.countryCode).toBe('DE');
  });

  test.each([
    ['en', 'This field is required.'],
    ['bg', 'Това поле е задължително.'],
  ])('sent blank, it is REQUIRED on the country field (%s)', async (language, message) => {
    const { linkToken } = await bookOrder(h, { provisioningContactEmail: `ana@blank-${language}-partners.example` });
    const wizard = await WizardClient.open(h, linkToken!, { language });
    await wizard.step('ChooseRole', { role: 'PARTNER' });
    await wizard.step('ChooseSetupPerformer', { performer: 'SELF' });
    const refused = await wizard.step('SetPartnerOrg', {
      useExisting: false,
      adminEmail: `admin@blank-${language}-partners.example`,
      companyName: 'Blank Partners',
      countryCode: ' ',
    });
    expect(refused.userErrors).toEqual([{ code: 'REQUIRED', field: ['input', 'countryCode'], message }]);
    expect((await wizard.session()).currentStep).toBe('PARTNER_ORG');
  });
});

describe('precise refusals', () => {
  test.each([
    ['en', /your own email address/],
    ['bg', CYRILLIC],
  ])('handing the setup to yourself is DELEGATE_IS_YOU (%s)', async (language, message) => {
    const { linkToken } = await bookOrder(h, { provisioningContactEmail: `mo@self-${language}-partners.example` });
    const wizard = await WizardClient.open(h, linkToken!, { language });
    await wizard.step('ChooseRole', { role: 'PARTNER' });
    const refused = await wizard.step('ChooseSetupPerformer', {
      performer: 'OTHER',
      delegateEmail: `MO@self-${language}-partners.example`,
    });
    expect(refused.userErrors).toEqual([
      { code: 'DELEGATE_IS_YOU', field: ['input', 'delegateEmail'], message: expect.stringMatching(message) },
    ]);
  });

  test.each([
    ['en', 'This field is required.'],
    ['bg', 'Това поле е задължително.'],
  ])('an empty country is REQUIRED, not COUNTRY_NOT_SUPPORTED (%s)', async (language, message) => {
    const { linkToken } = await bookOrder(h, { provisioningContactEmail: `di@empty-${language}.example` });
    const wizard = await WizardClient.open(h, linkToken!, { language });
    await wizard.step('ChooseRole', { role: 'CUSTOMER' });
    const refused = await wizard.step('SetCustomerCompany', { companyName: 'Empty Country Ltd', countryCode: '' });
    expect(refused.userErrors).toEqual([{ code: 'REQUIRED', field: ['input', 'countryCode'], message }]);
    const unsold = await wizard.step('SetCustomerCompany', { companyName: 'Empty Country Ltd', countryCode: 'CU' });
    expect(unsold.userErrors).toEqual([expect.objectContaining({ code: 'COUNTRY_NOT_SUPPORTED', field: ['input', 'countryCode'] })]);
  });
});
