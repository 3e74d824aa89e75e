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
  @Field(() => SetupLinkStatus)
  status: SetupLinkStatus;

  @Field(() => String, { nullable: true, description: "The order's subscription id, when the link is VALID." })
  subscriptionId: string | null;

  @Field(() => String, { nullable: true, description: "The order's offer code, when the link is VALID." })
  offerCode: string | null;
}

@ObjectType()
export class ProvisioningStartPayload {
  @Field(() => String, { nullable: true })
  clientMutationId?: string;

  @Field(() => ProvisioningSession, { nullable: true })
  session?: ProvisioningSession;

  @Field(() => String, { nullable: true, description: 'Bearer token for every other wizard operation; opens this session only.' })
  sessionToken?: string;

  @Field(() => [UserError])
  userErrors: UserError[];
}

@ObjectType({ description: 'The session after a wizard step, or why the step was refused.' })
export class ProvisioningStepPayload {
  @Field(() => String, { nullable: true })
  clientMutationId?: string;

  @Field(() => ProvisioningSession, { nullable: true })
  session?: ProvisioningSession;

  @Field(() => [UserError])
  userErrors: UserError[];
}

@ObjectType()
export class ProvisioningConfirmPayload {
  @Field(() => String, { nullable: true })
  clientMutationId?: string;

  @Field(() => ProvisioningSession, { nullable: true })
  session?: ProvisioningSession;

  @Field(() => Order, { nullable: true })
  order?: Order;

  @Field(() => PartnerOrg, { nullable: true })
  partnerOrg?: PartnerOrg | null;

  @Field(() => CustomerOrg, { nullable: true })
  customerOrg?: CustomerOrg;

  @Field(() => String, { nullable: true, description: '"The order has been mapped" and what to do next, in the request\'s language.' })
  message?: string;

  @Field(() => [UserError])
  userErrors: UserError[];
}

@ObjectType()
export class ProvisioningReportProblemPayload {
  @Field(() => String, { nullable: true })
  clientMutationId?: string;

  @Field(() => Case, { nullable: true })
  case?: Case;

  @Field(() => [UserError])
  userErrors: UserError[];
}
