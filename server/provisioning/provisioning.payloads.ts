import { Field, ObjectType } from 'type-graphql';
import { Case } from '../cases/case.entity';
import { Order } from '../orders/order.entity';
import { SetupLinkStatus } from '../orders/setup-links';
import { CustomerOrg } from '../orgs/customer-org.entity';
import { PartnerOrg } from '../orgs/partner-org.entity';
import { UserError } from '../platform/errors';
import { ProvisioningSession } from './provisioning-session.entity';

@ObjectType({ description: 'What a Set up now link leads to, before anything is started.' })
export class SetupLinkInfo {
  @Field(() => SetupLinkStatus, { description: 'Whether the link opens the wizard, and if not, why.' })
  status: SetupLinkStatus;

  @Field(() => String, { nullable: true, description: "The order's subscription id, when the link is VALID." })
  subscriptionId: string | null;

  @Field(() => String, { nullable: true, description: "The order's offer code, when the link is VALID." })
  offerCode: string | null;
}

@ObjectType({
  description:
    'The answer to provisioningStart: a session and its token, or the refusals (INVALID_LINK, LINK_REVOKED, LINK_EXPIRED, ORDER_ALREADY_MAPPED, ORDER_CLOSED).',
})
export class ProvisioningStartPayload {
  @Field(() => String, { nullable: true, description: 'The clientMutationId of the input.' })
  clientMutationId?: string;

  @Field(() => ProvisioningSession, { nullable: true, description: 'The new session, at its first step; null when refused.' })
  session?: ProvisioningSession;

  @Field(() => String, { nullable: true, description: 'Bearer token for every other wizard operation; opens this session only.' })
  sessionToken?: string;

  @Field(() => [UserError], { description: 'Why no session was started; empty when one was.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'The session after a wizard step, or why the step was refused.' })
export class ProvisioningStepPayload {
  @Field(() => String, { nullable: true, description: 'The clientMutationId of the input.' })
  clientMutationId?: string;

  @Field(() => ProvisioningSession, { nullable: true, description: 'The session after the step; null when the session is unknown.' })
  session?: ProvisioningSession;

  @Field(() => [UserError], {
    description:
      'Why the step was refused (such as STEP_OUT_OF_ORDER, SESSION_ENDED, INVALID_EMAIL, DELEGATE_OUTSIDE_COMPANY, USER_IN_OTHER_ORG, COUNTRY_NOT_SUPPORTED, NO_EXISTING_ORG, TRIAL_EXPIRED); empty when it was taken.',
  })
  userErrors: UserError[];
}

@ObjectType({
  description:
    'The answer to provisioningConfirm: the mapped order and its orgs, or the refusals (SESSION_ENDED, STEP_OUT_OF_ORDER, ORDER_CANCELLED, ORDER_CLOSED, and any answer no longer valid).',
})
export class ProvisioningConfirmPayload {
  @Field(() => String, { nullable: true, description: 'The clientMutationId of the input.' })
  clientMutationId?: string;

  @Field(() => ProvisioningSession, { nullable: true, description: 'The session, COMPLETED; null when refused.' })
  session?: ProvisioningSession;

  @Field(() => Order, { nullable: true, description: 'The order, now mapped; null when refused.' })
  order?: Order;

  @Field(() => PartnerOrg, {
    nullable: true,
    description: 'The partner org the order was mapped to; null for a customer setting up alone, or when refused.',
  })
  partnerOrg?: PartnerOrg | null;

  @Field(() => CustomerOrg, { nullable: true, description: 'The customer org the order was mapped to; null when refused.' })
  customerOrg?: CustomerOrg;

  @Field(() => String, { nullable: true, description: '"The order has been mapped" and what to do next, in the request\'s language.' })
  message?: string;

  @Field(() => [UserError], { description: 'Why the order was not mapped; empty when it was.' })
  userErrors: UserError[];
}

@ObjectType({
  description:
    'The answer to provisioningReportProblem: the case opened, or the refusals (REQUIRED or TOO_LONG for the message, SESSION_ENDED).',
})
export class ProvisioningReportProblemPayload {
  @Field(() => String, { nullable: true, description: 'The clientMutationId of the input.' })
  clientMutationId?: string;

  @Field(() => Case, { nullable: true, description: 'The case opened for a representative; null when refused.' })
  case?: Case;

  @Field(() => [UserError], { description: 'Why no case was opened; empty when one was.' })
  userErrors: UserError[];
}
