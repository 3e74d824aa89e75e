/** The wizard's path and rules, as pure functions: no database, no HTTP. */
import { SupportedCountry } from '../../server/countries/supported-country.entity';
import { CustomerOrg, TrialStatus } from '../../server/orgs/customer-org.entity';
import {
  currentStep,
  CustomerOrgChoice,
  customerAdminProblems,
  customerCompanyProblems,
  customerOrgProblems,
  delegateProblems,
  Draft,
  furthestOf,
  mayAnswer,
  partnerOrgProblems,
  SetupPerformer,
  SetupRole,
  withAnswer,
  WizardStep,
} from '../../server/provisioning/steps';

const codes = (found: { code: string }[]) => found.map((p) => p.code);

function trialOrg(overrides: Partial<CustomerOrg> = {}): CustomerOrg {
  return Object.assign(new CustomerOrg(), {
    id: 'trial-1',
    name: 'Trial Co',
    trialStatus: TrialStatus.ACTIVE,
    trialAdminEmail: 'Admin@Trial.example',
    trialExpiresAt: new Date('2026-12-01T00:00:00Z'),
    ...overrides,
  });
}

const fullPartnerDraft: Draft = {
  role: SetupRole.PARTNER,
  performer: SetupPerformer.SELF,
  partnerOrg: { useExisting: false, adminEmail: 'boss@partner.example', companyName: 'Partner', countryCode: 'AT' },
  customerAdminEmail: 'it@customer.example',
  customerCompany: { name: 'Customer', countryCode: 'DE', region: 'eu2' },
  customerOrg: { choice: CustomerOrgChoice.NEW },
};

describe('the path through the wizard', () => {
  test('starts at ROLE and reaches CONFIRM once every answer of the role is in', () => {
    expect(currentStep({})).toBe(WizardStep.ROLE);
    expect(currentStep({ role: SetupRole.PARTNER })).toBe(WizardStep.SETUP_PERFORMER);
    expect(currentStep({ role: SetupRole.CUSTOMER })).toBe(WizardStep.CUSTOMER_ADMIN);
    expect(currentStep(fullPartnerDraft)).toBe(WizardStep.CONFIRM);
  });

  test('a customer skips who-sets-up and the partner org', () => {
    const customer: Draft = { role: SetupRole.CUSTOMER };
    expect(mayAnswer(customer, WizardStep.SETUP_PERFORMER)).toBe(false);
    expect(mayAnswer(customer, WizardStep.PARTNER_ORG)).toBe(false);
    expect(mayAnswer(customer, WizardStep.CUSTOMER_ADMIN)).toBe(true);
  });

  test('a step cannot be answered before the steps ahead of it', () => {
    expect(mayAnswer({}, WizardStep.CUSTOMER_ADMIN)).toBe(false);
    expect(mayAnswer({ role: SetupRole.PARTNER }, WizardStep.PARTNER_ORG)).toBe(false);
    expect(mayAnswer(fullPartnerDraft, WizardStep.ROLE)).toBe(true);
  });

  test('a changed answer clears what depends on it; the same answer clears nothing', () => {
    const sameCountry = withAnswer(fullPartnerDraft, WizardStep.CUSTOMER_COMPANY, fullPartnerDraft.customerCompany);
    expect(sameCountry).toBe(fullPartnerDraft);
    const newCountry = withAnswer(fullPartnerDraft, WizardStep.CUSTOMER_COMPANY, { name: 'Customer', countryCode: 'FR', region: 'eu2' });
    expect(newCountry.customerOrg).toBeUndefined();
    expect(newCountry.customerAdminEmail).toBe('it@customer.example');
    const newAdmin = withAnswer(fullPartnerDraft, WizardStep.CUSTOMER_ADMIN, 'other@customer.example');
    expect(newAdmin.customerOrg).toBeUndefined();
    expect(newAdmin.customerCompany).toEqual(fullPartnerDraft.customerCompany);
    const newRole = withAnswer(fullPartnerDraft, WizardStep.ROLE, SetupRole.CUSTOMER);
    expect(newRole).toEqual({ role: SetupRole.CUSTOMER });
  });

  test('the furthest step never goes back', () => {
    expect(furthestOf(WizardStep.CUSTOMER_ORG, WizardStep.ROLE)).toBe(WizardStep.CUSTOMER_ORG);
    expect(furthestOf(WizardStep.ROLE, WizardStep.CONFIRM)).toBe(WizardStep.CONFIRM);
  });
});

describe('the rules of each step', () => {
  test('a delegate is another person of the same company', () => {
    expect(codes(delegateProblems(undefined, 'me@partner.example'))).toEqual(['REQUIRED']);
    expect(codes(delegateProblems('not an email', 'me@partner.example'))).toEqual(['INVALID_EMAIL']);
    expect(codes(delegateProblems('you@elsewhere.example', 'me@partner.example'))).toEqual(['DELEGATE_OUTSIDE_COMPANY']);
    expect(codes(delegateProblems('ME@partner.example', 'me@partner.example'))).toEqual(['DELEGATE_IS_YOU']);
    expect(delegateProblems('you@PARTNER.example', 'me@partner.example')).toEqual([]);
  });

  test('partner org: review the one you are in, or describe a new one with a free admin email and its own country', () => {
    const austria = { code: 'AT', name: 'Austria', region: 'eu2', contactCenterSold: true } as SupportedCountry;
    const inPartner = { contact: { kind: 'PARTNER' as const, orgId: 'p1', orgName: 'P' }, proposedAdmin: null, country: austria };
    const nowhere = { contact: null, proposedAdmin: null, country: austria };
    const newOrg = { useExisting: false, adminEmail: 'a@b.example', companyName: 'X', countryCode: 'AT' };
    expect(partnerOrgProblems({ useExisting: true }, inPartner)).toEqual([]);
    expect(codes(partnerOrgProblems({ useExisting: true }, nowhere))).toEqual(['NO_EXISTING_ORG']);
    expect(codes(partnerOrgProblems(newOrg, inPartner))).toEqual(['USER_IN_OTHER_ORG']);
    expect(partnerOrgProblems(newOrg, nowhere)).toEqual([]);
    // The country is required, left out or blank: it is never the customer's.
    expect(partnerOrgProblems({ useExisting: false }, { ...nowhere, country: null })).toEqual([
      { code: 'REQUIRED', field: ['input', 'adminEmail'], params: undefined },
      { code: 'REQUIRED', field: ['input', 'companyName'], params: undefined },
      { code: 'REQUIRED', field: ['input', 'countryCode'], params: undefined },
    ]);
    expect(codes(partnerOrgProblems({ ...newOrg, countryCode: ' ' }, { ...nowhere, country: null }))).toEqual(['REQUIRED']);
    expect(codes(partnerOrgProblems({ ...newOrg, countryCode: 'XQ' }, { ...nowhere, country: null }))).toEqual(['COUNTRY_NOT_SUPPORTED']);
    const taken = { ...nowhere, proposedAdmin: { kind: 'CUSTOMER' as const, orgId: 'c1', orgName: 'C' } };
    expect(codes(partnerOrgProblems(newOrg, taken))).toEqual(['ADMIN_EMAIL_IN_USE']);
    const inCustomer = { ...nowhere, contact: { kind: 'CUSTOMER' as const, orgId: 'c1', orgName: 'C' } };
    expect(codes(partnerOrgProblems({ useExisting: true }, inCustomer))).toEqual(['USER_IN_OTHER_ORG']);
  });

  test('customer admin: not a partner user, and the trial admin for a trial conversion', () => {
    const free = { admin: null, trialOrg: null };
    expect(customerAdminProblems('it@customer.example', {}, free)).toEqual([]);
    expect(codes(customerAdminProblems('nope', {}, free))).toEqual(['INVALID_EMAIL']);
    const partnerUser = { admin: { kind: 'PARTNER' as const, orgId: 'p', orgName: 'P' }, trialOrg: null };
    expect(codes(customerAdminProblems('x@p.example', {}, partnerUser))).toEqual(['USER_IN_OTHER_ORG']);
    expect(codes(customerAdminProblems('BOSS@partner.example', fullPartnerDraft, free))).toEqual(['USER_IN_OTHER_ORG']);
    expect(codes(customerAdminProblems('someone@trial.example', {}, { admin: null, trialOrg: trialOrg() }))).toEqual([
      'TRIAL_ADMIN_EMAIL_MISMATCH',
    ]);
    const trialAdmin = { admin: { kind: 'CUSTOMER' as const, orgId: 'trial-1', orgName: 'Trial Co' }, trialOrg: trialOrg() };
    expect(customerAdminProblems('admin@trial.example', {}, trialAdmin)).toEqual([]);
  });

  test('company: a name and a country where Webex Contact Center is sold', () => {
    const sold = Object.assign(new SupportedCountry(), { code: 'DE', region: 'eu2', contactCenterSold: true });
    const notSold = Object.assign(new SupportedCountry(), { code: 'CU', region: 'us1', contactCenterSold: false });
    expect(customerCompanyProblems('Contoso', sold)).toEqual([]);
    expect(codes(customerCompanyProblems('Contoso', notSold))).toEqual(['COUNTRY_NOT_SUPPORTED']);
    expect(codes(customerCompanyProblems('', null))).toEqual(['REQUIRED', 'COUNTRY_NOT_SUPPORTED']);
  });

  test('customer org: NEW needs a free admin, EXISTING an org that is not an expired trial, a conversion its trial', () => {
    const now = new Date('2026-11-24T09:00:00Z');
    const member = { kind: 'CUSTOMER' as const, orgId: 'trial-1', orgName: 'Trial Co' };
    expect(customerOrgProblems(CustomerOrgChoice.NEW, { admin: null, existingOrg: null, trialOrg: null, now })).toEqual([]);
    expect(codes(customerOrgProblems(CustomerOrgChoice.NEW, { admin: member, existingOrg: trialOrg(), trialOrg: null, now }))).toEqual([
      'ADMIN_EMAIL_IN_USE',
    ]);
    expect(codes(customerOrgProblems(CustomerOrgChoice.NEW, { admin: null, existingOrg: null, trialOrg: trialOrg(), now }))).toEqual([
      'TRIAL_ORG_REQUIRED',
    ]);
    expect(codes(customerOrgProblems(CustomerOrgChoice.EXISTING, { admin: null, existingOrg: null, trialOrg: null, now }))).toEqual([
      'NO_EXISTING_ORG',
    ]);
    expect(customerOrgProblems(CustomerOrgChoice.EXISTING, { admin: member, existingOrg: trialOrg(), trialOrg: trialOrg(), now })).toEqual(
      [],
    );
    const expired = trialOrg({ trialExpiresAt: new Date('2026-11-24T08:59:59Z') });
    expect(codes(customerOrgProblems(CustomerOrgChoice.EXISTING, { admin: member, existingOrg: expired, trialOrg: null, now }))).toEqual([
      'TRIAL_EXPIRED',
    ]);
    const otherOrg = trialOrg({ id: 'other' });
    expect(
      codes(customerOrgProblems(CustomerOrgChoice.EXISTING, { admin: member, existingOrg: otherOrg, trialOrg: trialOrg(), now })),
    ).toEqual(['TRIAL_ORG_REQUIRED']);
  });
});
