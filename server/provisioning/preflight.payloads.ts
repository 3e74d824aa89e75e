import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { TrialStatus } from '../orgs/customer-org.entity';
import { UserError } from '../platform/errors';
import { WizardStep } from './steps';

export enum PreflightMembership {
  NO_ORG = 'NO_ORG',
  PARTNER_ORG = 'PARTNER_ORG',
  CUSTOMER_ORG = 'CUSTOMER_ORG',
}
registerEnumType(PreflightMembership, {
  name: 'PreflightMembership',
  description: 'The kind of Webex org an email belongs to; which org is never said.',
  valuesConfig: {
    NO_ORG: { description: 'The email belongs to no org yet.' },
    PARTNER_ORG: { description: 'The email belongs to a partner org.' },
    CUSTOMER_ORG: { description: 'The email belongs to a customer org.' },
  },
});

@ObjectType({ description: 'Something the wizard will refuse with this order, with the code the wizard refuses it with.' })
export class PreflightFinding {
  @Field({ description: "The wizard's user error code (or orderSubmit's, for a trial it would refuse), as userErrors would carry it." })
  code: string;

  @Field({
    description:
      "The wizard's message for the code, in the request's Accept-Language; an org is named by its kind (a partner or customer organization), never by its name.",
  })
  message: string;

  @Field(() => [String], {
    nullable: true,
    description: 'The path of the input field the finding is about, such as ["input", "customerAdminEmail"].',
  })
  field?: string[];

  @Field(() => WizardStep, {
    nullable: true,
    description: 'The wizard step that will refuse it; null when orderSubmit itself would refuse the order.',
  })
  step: WizardStep | null;
}

@ObjectType({
  description:
    'What the wizard will meet with an order before it is booked: findings that stand in its way (none when nothing does) and the facts behind them.',
})
export class OrderPreflightPayload {
  @Field(() => [PreflightFinding], {
    description: 'What the wizard (or orderSubmit) will refuse, in the order the steps meet it; empty when nothing stands in the way.',
  })
  findings: PreflightFinding[];

  @Field(() => PreflightMembership, {
    nullable: true,
    description:
      'The provisioning contact: PARTNER_ORG reviews its partner org at step 3, NO_ORG describes a new partner org there; CUSTOMER_ORG can set up only as the customer. Null with userErrors.',
  })
  contactMembership?: PreflightMembership | null;

  @Field(() => PreflightMembership, {
    nullable: true,
    description:
      'The customer administrator email: NO_ORG is free for a new customer org, CUSTOMER_ORG is offered at step 6 for verification, PARTNER_ORG is refused. Null without customerAdminEmail.',
  })
  customerAdminMembership?: PreflightMembership | null;

  @Field(() => TrialStatus, {
    nullable: true,
    description:
      'The trial state (as of now) of the customer org the administrator belongs to, as step 6 shows it; null when the administrator is in no customer org.',
  })
  customerAdminTrialStatus?: TrialStatus | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether Webex Contact Center is sold in countryCode; null without countryCode.' })
  countrySold?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Whether the trial can be converted with this administrator: it is the trial's administrator and belongs to no other org. Null without trialCustomerOrgId or customerAdminEmail.",
  })
  trialMatches?: boolean | null;

  @Field(() => [UserError], {
    description: 'Why the input could not be checked (a malformed email, an unknown country or trial org); empty otherwise.',
  })
  userErrors: UserError[];
}
