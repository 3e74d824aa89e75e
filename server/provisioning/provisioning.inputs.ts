import { Field, InputType } from 'type-graphql';
import { CaseKind } from '../cases/case.entity';
import { CustomerOrgChoice, SetupPerformer, SetupRole } from './steps';

/** Every wizard input carries the optional clientMutationId, as GitHub's inputs do. */
@InputType()
abstract class WizardInput {
  @Field({ nullable: true, description: 'Echoed back unchanged, for clients that track their requests.' })
  clientMutationId?: string;
}

@InputType()
export class ProvisioningStartInput extends WizardInput {
  @Field({ description: 'The token of the Set up now link (the last segment of /setup/<token>).' })
  token: string;
}

@InputType()
export class ProvisioningChooseRoleInput extends WizardInput {
  @Field(() => SetupRole)
  role: SetupRole;
}

@InputType()
export class ProvisioningChooseSetupPerformerInput extends WizardInput {
  @Field(() => SetupPerformer)
  performer: SetupPerformer;

  @Field(() => String, { nullable: true, description: 'With OTHER: the colleague (same email domain) who will set up instead.' })
  delegateEmail?: string | null;
}

@InputType()
export class ProvisioningSetPartnerOrgInput extends WizardInput {
  @Field({ description: 'True to keep the partner org your email already belongs to (shown for review on the session).' })
  useExisting: boolean;

  @Field(() => String, { nullable: true, description: "A new partner org's administrator email." })
  adminEmail?: string | null;

  @Field(() => String, { nullable: true, description: "A new partner org's company name." })
  companyName?: string | null;

  @Field(() => String, { nullable: true, description: "A new partner org's country; the customer's country when left out." })
  countryCode?: string | null;
}

@InputType()
export class ProvisioningSetCustomerAdminInput extends WizardInput {
  @Field()
  adminEmail: string;
}

@InputType()
export class ProvisioningSetCustomerCompanyInput extends WizardInput {
  @Field()
  companyName: string;

  @Field({ description: 'ISO 3166-1 alpha-2 code of the country of operation.' })
  countryCode: string;
}

@InputType()
export class ProvisioningChooseCustomerOrgInput extends WizardInput {
  @Field(() => CustomerOrgChoice)
  choice: CustomerOrgChoice;
}

@InputType()
export class ProvisioningConfirmInput extends WizardInput {}

@InputType()
export class ProvisioningAbandonInput extends WizardInput {}

@InputType()
export class ProvisioningReportProblemInput extends WizardInput {
  @Field(() => CaseKind)
  kind: CaseKind;

  @Field({ description: 'What is wrong, in your words (up to 2000 characters).' })
  message: string;
}
