/**
 * The wizard's path and rules as pure functions of the draft and the facts a step needs, so
 * each rule is tested without HTTP or a database. The service fetches facts and applies these.
 */
import { isDeepStrictEqual } from 'node:util';
import { registerEnumType } from 'type-graphql';
import type { Region } from '../countries/regions';
import type { SupportedCountry } from '../countries/supported-country.entity';
import { CustomerOrg, effectiveTrialStatus, TrialStatus } from '../orgs/customer-org.entity';
import type { Membership } from '../orgs/memberships';
import { Problem, problem } from '../platform/errors';
import { checkEmail, checkText, emailDomain, problems, sameEmail } from '../platform/validate';

export type { Membership };

export enum WizardStep {
  ROLE = 'ROLE',
  SETUP_PERFORMER = 'SETUP_PERFORMER',
  PARTNER_ORG = 'PARTNER_ORG',
  CUSTOMER_ADMIN = 'CUSTOMER_ADMIN',
  CUSTOMER_COMPANY = 'CUSTOMER_COMPANY',
  CUSTOMER_ORG = 'CUSTOMER_ORG',
  CONFIRM = 'CONFIRM',
  DONE = 'DONE',
}
registerEnumType(WizardStep, {
  name: 'WizardStep',
  description: 'The eight steps of the order setup wizard, in order.',
  valuesConfig: {
    ROLE: { description: '1. Partner or customer.' },
    SETUP_PERFORMER: { description: '2. Partner only: set up yourself, or hand over to someone else in your company.' },
    PARTNER_ORG: { description: '3. Partner only: review your partner org, or describe a new one.' },
    CUSTOMER_ADMIN: { description: "4. The customer administrator's email." },
    CUSTOMER_COMPANY: { description: "5. The customer's company name and country of operation." },
    CUSTOMER_ORG: { description: '6. A new customer org, or the existing one the administrator belongs to.' },
    CONFIRM: { description: '7. Review and confirm: the order is mapped.' },
    DONE: { description: '8. The order has been mapped.' },
  },
});

/** The steps in order, ROLE to DONE: the one list that the metrics' enums, rollup columns and SQL are built from. */
export const STEPS: readonly WizardStep[] = Object.values(WizardStep);

export enum SetupRole {
  PARTNER = 'PARTNER',
  CUSTOMER = 'CUSTOMER',
}
registerEnumType(SetupRole, {
  name: 'SetupRole',
  description: '"I am a partner" or "I am the customer".',
  valuesConfig: {
    PARTNER: { description: 'A Cisco partner setting up for its customer.' },
    CUSTOMER: { description: 'The customer setting up for itself.' },
  },
});

export enum SetupPerformer {
  SELF = 'SELF',
  OTHER = 'OTHER',
}
registerEnumType(SetupPerformer, {
  name: 'SetupPerformer',
  description: 'Who performs the setup.',
  valuesConfig: {
    SELF: { description: 'The provisioning contact, now.' },
    OTHER: { description: 'A colleague of the same email domain, who gets a Set up now email of their own.' },
  },
});

export enum CustomerOrgChoice {
  NEW = 'NEW',
  EXISTING = 'EXISTING',
}
registerEnumType(CustomerOrgChoice, {
  name: 'CustomerOrgChoice',
  description: 'Which customer org the order lands on.',
  valuesConfig: {
    NEW: { description: 'A new customer org, created on confirmation.' },
    EXISTING: { description: 'The org the customer administrator already belongs to.' },
  },
});

export type PartnerOrgAnswer =
  { useExisting: true; partnerOrgId: string } | { useExisting: false; adminEmail: string; companyName: string; countryCode: string };

export interface Draft {
  role?: SetupRole;
  performer?: SetupPerformer.SELF;
  partnerOrg?: PartnerOrgAnswer;
  customerAdminEmail?: string;
  customerCompany?: { name: string; countryCode: string; region: Region };
  customerOrg?: { choice: CustomerOrgChoice.NEW } | { choice: CustomerOrgChoice.EXISTING; customerOrgId: string };
}

/** Where each step keeps its answer in the draft. */
const ANSWER_KEY = {
  [WizardStep.ROLE]: 'role',
  [WizardStep.SETUP_PERFORMER]: 'performer',
  [WizardStep.PARTNER_ORG]: 'partnerOrg',
  [WizardStep.CUSTOMER_ADMIN]: 'customerAdminEmail',
  [WizardStep.CUSTOMER_COMPANY]: 'customerCompany',
  [WizardStep.CUSTOMER_ORG]: 'customerOrg',
} as const satisfies Partial<Record<WizardStep, keyof Draft>>;

export type AnswerStep = keyof typeof ANSWER_KEY;

/** The answers that a changed answer invalidates. */
const DEPENDENTS: Record<AnswerStep, AnswerStep[]> = {
  [WizardStep.ROLE]: [
    WizardStep.SETUP_PERFORMER,
    WizardStep.PARTNER_ORG,
    WizardStep.CUSTOMER_ADMIN,
    WizardStep.CUSTOMER_COMPANY,
    WizardStep.CUSTOMER_ORG,
  ],
  [WizardStep.SETUP_PERFORMER]: [],
  // The customer admin may not be the new partner org's admin; the org choice follows the admin.
  [WizardStep.PARTNER_ORG]: [WizardStep.CUSTOMER_ADMIN, WizardStep.CUSTOMER_ORG],
  [WizardStep.CUSTOMER_ADMIN]: [WizardStep.CUSTOMER_ORG],
  [WizardStep.CUSTOMER_COMPANY]: [WizardStep.CUSTOMER_ORG],
  [WizardStep.CUSTOMER_ORG]: [],
};

const PARTNER_PATH: AnswerStep[] = [
  WizardStep.ROLE,
  WizardStep.SETUP_PERFORMER,
  WizardStep.PARTNER_ORG,
  WizardStep.CUSTOMER_ADMIN,
  WizardStep.CUSTOMER_COMPANY,
  WizardStep.CUSTOMER_ORG,
];
// A customer skips "who sets up" and "partner org".
const CUSTOMER_PATH: AnswerStep[] = [WizardStep.ROLE, WizardStep.CUSTOMER_ADMIN, WizardStep.CUSTOMER_COMPANY, WizardStep.CUSTOMER_ORG];

export function pathOf(draft: Draft): AnswerStep[] {
  if (draft.role === SetupRole.PARTNER) return PARTNER_PATH;
  if (draft.role === SetupRole.CUSTOMER) return CUSTOMER_PATH;
  return [WizardStep.ROLE];
}

/** The steps a session goes through as its answers stand: the answer steps of its path, then CONFIRM and DONE. */
export function sessionPath(draft: Draft): WizardStep[] {
  return [...pathOf(draft), WizardStep.CONFIRM, WizardStep.DONE];
}

export function isAnswered(draft: Draft, step: AnswerStep): boolean {
  return draft[ANSWER_KEY[step]] !== undefined;
}

/** The first step on the path still without an answer; CONFIRM once every answer is in. */
export function currentStep(draft: Draft): WizardStep {
  return pathOf(draft).find((step) => !isAnswered(draft, step)) ?? WizardStep.CONFIRM;
}

/** A step may be answered (again) when it is on the path and every step before it is answered. */
export function mayAnswer(draft: Draft, step: AnswerStep): boolean {
  const path = pathOf(draft);
  const at = path.indexOf(step);
  return at >= 0 && path.slice(0, at).every((earlier) => isAnswered(draft, earlier));
}

export function stepRank(step: WizardStep): number {
  return STEPS.indexOf(step);
}

export function furthestOf(a: WizardStep, b: WizardStep): WizardStep {
  return stepRank(a) >= stepRank(b) ? a : b;
}

/** Records an answer; when it differs from the one before, the answers that depend on it are cleared. */
export function withAnswer<S extends AnswerStep>(draft: Draft, step: S, answer: Draft[(typeof ANSWER_KEY)[S]]): Draft {
  const key = ANSWER_KEY[step];
  // jsonb does not keep key order, so compare structurally.
  if (isDeepStrictEqual(draft[key], answer)) return draft;
  const next: Draft = { ...draft, [key]: answer };
  for (const dependent of DEPENDENTS[step]) delete next[ANSWER_KEY[dependent]];
  return next;
}

export function delegateProblems(delegateEmail: string | null | undefined, contactEmail: string): Problem[] {
  const invalid = checkEmail('delegateEmail', delegateEmail);
  if (invalid) return [invalid];
  if (sameEmail(delegateEmail, contactEmail)) return [problem('DELEGATE_IS_YOU', 'delegateEmail')];
  const domain = emailDomain(contactEmail);
  if (emailDomain(delegateEmail!) !== domain) {
    return [problem('DELEGATE_OUTSIDE_COMPANY', 'delegateEmail', { domain })];
  }
  return [];
}

export interface PartnerOrgFacts {
  contact: Membership | null;
  /** The org the proposed new partner admin email already belongs to. */
  proposedAdmin: Membership | null;
  country: SupportedCountry | null;
}

export interface PartnerOrgInput {
  useExisting: boolean;
  adminEmail?: string | null;
  companyName?: string | null;
  countryCode?: string | null;
}

export function partnerOrgProblems(input: PartnerOrgInput, facts: PartnerOrgFacts): Problem[] {
  if (facts.contact?.kind === 'CUSTOMER') return [problem('USER_IN_OTHER_ORG', undefined, { org: facts.contact.orgName })];
  if (input.useExisting) {
    return facts.contact?.kind === 'PARTNER' ? [] : [problem('NO_EXISTING_ORG', 'useExisting')];
  }
  // Someone already in a partner org reviews it (and reports a problem when it is wrong); they cannot start another.
  if (facts.contact?.kind === 'PARTNER') return [problem('USER_IN_OTHER_ORG', 'useExisting', { org: facts.contact.orgName })];
  const found = problems(checkEmail('adminEmail', input.adminEmail), checkText('companyName', input.companyName));
  // The new org's country is the partner's own, asked here: required, never taken from the customer.
  if (!input.countryCode?.trim()) found.push(problem('REQUIRED', 'countryCode'));
  else if (input.countryCode && !facts.country) found.push(problem('COUNTRY_NOT_SUPPORTED', 'countryCode'));
  if (found.length === 0 && facts.proposedAdmin) found.push(problem('ADMIN_EMAIL_IN_USE', 'adminEmail'));
  return found;
}

export interface CustomerAdminFacts {
  admin: Membership | null;
  trialOrg: CustomerOrg | null;
}

export function customerAdminProblems(email: string | null | undefined, draft: Draft, facts: CustomerAdminFacts): Problem[] {
  const invalid = checkEmail('adminEmail', email);
  if (invalid) return [invalid];
  if (facts.trialOrg && !sameEmail(email, facts.trialOrg.trialAdminEmail)) {
    return [problem('TRIAL_ADMIN_EMAIL_MISMATCH', 'adminEmail', { email: facts.trialOrg.trialAdminEmail ?? '' })];
  }
  if (facts.admin?.kind === 'PARTNER') return [problem('USER_IN_OTHER_ORG', 'adminEmail', { org: facts.admin.orgName })];
  const partner = draft.partnerOrg;
  if (partner && !partner.useExisting && sameEmail(partner.adminEmail, email)) {
    return [problem('USER_IN_OTHER_ORG', 'adminEmail', { org: partner.companyName })];
  }
  if (facts.trialOrg && facts.admin && facts.admin.orgId !== facts.trialOrg.id) {
    return [problem('USER_IN_OTHER_ORG', 'adminEmail', { org: facts.admin.orgName })];
  }
  return [];
}

/** `sentCode`, the country code as sent: blank is a country not chosen yet, not one where Contact Center is not sold. */
export function customerCompanyProblems(
  companyName: string | null | undefined,
  country: SupportedCountry | null,
  sentCode?: string | null,
): Problem[] {
  const notChosen = sentCode !== undefined && !sentCode?.trim();
  return problems(
    checkText('companyName', companyName),
    notChosen
      ? problem('REQUIRED', 'countryCode')
      : country?.contactCenterSold
        ? undefined
        : problem('COUNTRY_NOT_SUPPORTED', 'countryCode'),
  );
}

export interface CustomerOrgFacts {
  admin: Membership | null;
  /** The customer org the admin email belongs to, when it belongs to one. */
  existingOrg: CustomerOrg | null;
  trialOrg: CustomerOrg | null;
  now: Date;
}

export function customerOrgProblems(choice: CustomerOrgChoice, facts: CustomerOrgFacts): Problem[] {
  if (choice === CustomerOrgChoice.NEW) {
    if (facts.trialOrg) return [problem('TRIAL_ORG_REQUIRED', 'choice')];
    return facts.admin ? [problem('ADMIN_EMAIL_IN_USE', 'choice')] : [];
  }
  const org = facts.existingOrg;
  if (!org) return [problem('NO_EXISTING_ORG', 'choice')];
  if (facts.trialOrg && org.id !== facts.trialOrg.id) return [problem('TRIAL_ORG_REQUIRED', 'choice')];
  if (effectiveTrialStatus(org, facts.now) === TrialStatus.EXPIRED) return [problem('TRIAL_EXPIRED', 'choice')];
  return [];
}

/**
 * Step 6's choices that can work, as the rules above stand: the administrator's existing org when there is one (an
 * expired trial is offered, so that it is seen and reported), otherwise a new org; none until the administrator is chosen.
 */
export function customerOrgChoices(adminChosen: boolean, facts: CustomerOrgFacts): CustomerOrgChoice[] {
  if (!adminChosen) return [];
  return [CustomerOrgChoice.EXISTING, CustomerOrgChoice.NEW].filter((choice) =>
    customerOrgProblems(choice, facts).every((found) => found.code === 'TRIAL_EXPIRED'),
  );
}
