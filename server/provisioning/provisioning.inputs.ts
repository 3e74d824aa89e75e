import { Field, InputType } from 'type-graphql';
import { CaseKind } from '../cases/case.entity';
import { CustomerOrgChoice, SetupPerformer, SetupRole } from './steps';

/** Every wizard input carries the optional clientMutationId, as GitHub's inputs do. */
@InputType({ description: 'Common to every wizard input.' })
abstract class WizardInput {
  @Field({ nullable: true, description: 'Echoed back unchanged, for clients that track their requests.' })
  clientMutationId?: string;
}

@InputType({ description: 'Starts a wizard session from a Set up now link.' })
export class ProvisioningStartInput extends WizardInput {
  @Field({ description: 'The token of the Set up now link (the last segment of /setup/<token>).' })
  token: string;
}

@InputType({ description: 'The answer to the ROLE step.' })
export class ProvisioningChooseRoleInput extends WizardInput {
  @Field(() => SetupRole, { description: 'Whether the contact is a partner or the customer.' })
  role: SetupRole;
}

@InputType({ description: 'The answer to the SETUP_PERFORMER step.' })
export class ProvisioningChooseSetupPerformerInput extends WizardInput {
  @Field(() => SetupPerformer, { description: 'SELF to set up now; OTHER to hand the setup to a colleague (delegateEmail).' })
  performer: SetupPerformer;

  @Field(() => String, { nullable: true, description: 'With OTHER: the colleague (same email domain) who will set up instead.' })
  delegateEmail?: string | null;
}

@InputType({ description: 'The answer to the PARTNER_ORG step (partners only): keep the partner org shown, or name a new one.' })
export class ProvisioningSetPartnerOrgInput extends WizardInput {
  @Field({ description: 'True to keep the partner org your email already belongs to (shown for review on the session).' })
  useExisting: boolean;

  @Field(() => String, { nullable: true, description: "A new partner org's administrator email." })
  adminEmail?: string | null;

  @Field(() => String, { nullable: true, description: "A new partner org's company name." })
  companyName?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "A new partner org's country (ISO 3166-1 alpha-2), required with useExisting false: the partner's own, never the customer's.",
  })
  countryCode?: string | null;
}

@InputType({ description: 'The answer to the CUSTOMER_ADMIN step.' })
export class ProvisioningSetCustomerAdminInput extends WizardInput {
  @Field({ description: "The customer org's administrator; not a user of another org." })
  adminEmail: string;
}

@InputType({ description: 'The answer to the CUSTOMER_COMPANY step.' })
export class ProvisioningSetCustomerCompanyInput extends WizardInput {
  @Field({ description: "The customer's company name, 1 to 200 characters." })
  companyName: string;

  @Field({ description: 'ISO 3166-1 alpha-2 code of the country of operation.' })
  countryCode: string;
}

@InputType({ description: 'The answer to the CUSTOMER_ORG step.' })
export class ProvisioningChooseCustomerOrgInput extends WizardInput {
  @Field(() => CustomerOrgChoice, {
    description: 'NEW for a new customer org; EXISTING for the org the administrator already belongs to (a trial org for a conversion).',
  })
  choice: CustomerOrgChoice;
}

@InputType({ description: 'Confirms the answers: the order is mapped to its orgs.' })
export class ProvisioningConfirmInput extends WizardInput {}

@InputType({ description: 'Leaves the wizard without mapping the order; the link can start a new session.' })
export class ProvisioningAbandonInput extends WizardInput {}

@InputType({ description: 'A problem the contact reports from the wizard; it opens a case for a representative.' })
export class ProvisioningReportProblemInput extends WizardInput {
  @Field(() => CaseKind, { description: 'What is wrong.' })
  kind: CaseKind;

  @Field({ description: 'What is wrong, in your words (up to 2000 characters).' })
  message: string;
}
