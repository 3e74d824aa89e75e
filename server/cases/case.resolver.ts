import { Arg, Authorized, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Order } from '../orders/order.entity';
import { CustomerOrg } from '../orgs/customer-org.entity';
import { PartnerOrg } from '../orgs/partner-org.entity';
import { ACCESS } from '../platform/auth';
import { callerActor, Context } from '../platform/context';
import { mutate, UserError } from '../platform/errors';
import { Case, CaseKind, CaseStatus } from './case.entity';
import { PageInput, PageType } from '../platform/pagination';
import { CaseService } from './case.service';
import { OrderLoaders } from '../orders/order.loaders';
import { OrderService } from '../orders/order.service';
import { OrgLoaders } from '../orgs/org.loaders';
import { OrgService } from '../orgs/org.service';

@InputType({ description: 'Resolves an open case with a note of what was done.' })
export class CaseResolveInput {
  @Field(() => ID, { description: 'The case to resolve.' })
  id: string;

  @Field({ description: 'What was done, for the record (up to 2000 characters).' })
  resolution: string;
}

@ObjectType({
  description:
    'The answer to caseResolve: the resolved case, or the refusals (NOT_FOUND, CASE_ALREADY_RESOLVED, REQUIRED or TOO_LONG for the resolution).',
})
export class CaseResolvePayload {
  @Field(() => Case, { nullable: true, description: 'The case after the change; null when refused.' })
  case?: Case;

  @Field(() => [UserError], { description: 'Why the change was refused; empty when it was made.' })
  userErrors: UserError[];
}

@InputType({ description: 'Case filters; all optional, combined with AND.' })
export class CaseFilter {
  @Field(() => CaseStatus, { nullable: true, description: 'Only cases in this state.' })
  status?: CaseStatus;

  @Field(() => CaseKind, { nullable: true, description: 'Only cases of this kind.' })
  kind?: CaseKind;

  @Field(() => ID, { nullable: true, description: 'Only cases about this order.' })
  orderId?: string;
}

const CasePage = PageType(Case);

@Resolver(() => Case)
export class CaseResolver {
  constructor(
    private readonly caseService: CaseService,
    private readonly orderService: OrderService,
    private readonly orgService: OrgService,
  ) {}

  @Authorized(ACCESS.staffRead)
  @Query(() => CasePage, { description: 'Staff: the case queue, oldest first.' })
  cases(
    @Ctx() ctx: Context,
    @Arg('filter', () => CaseFilter, { nullable: true, description: 'Which cases; all of them when left out.' }) filter?: CaseFilter,
    @Arg('page', () => PageInput, { nullable: true, description: 'Which page, oldest first; the first 25 when left out.' })
    page?: PageInput,
  ) {
    return this.caseService.list(filter ?? undefined, page ?? undefined);
  }

  @Authorized(ACCESS.staffRead)
  @Query(() => Case, { nullable: true, description: 'Staff: one case by id; null when there is none.' })
  case(@Arg('id', () => ID, { description: "The case's id." }) id: string, @Ctx() ctx: Context): Promise<Case | null> {
    return this.caseService.find(id);
  }

  @Authorized(ACCESS.rep)
  @Mutation(() => CaseResolvePayload, {
    description:
      'Representatives and administrators: resolves an open case. Audited. Refusals: NOT_FOUND, CASE_ALREADY_RESOLVED, REQUIRED, TOO_LONG.',
  })
  async caseResolve(
    @Arg('input', { description: 'The case and what was done.' }) input: CaseResolveInput,
    @Ctx() ctx: Context,
  ): Promise<CaseResolvePayload> {
    const actor = await callerActor(ctx);
    return mutate(ctx.language, async () => ({ case: await this.caseService.resolve(input.id, input.resolution, actor) }));
  }

  @FieldResolver(() => Order, { description: 'The order whose wizard the case was raised from.' })
  order(@Root() found: Case, @Ctx() ctx: Context): Promise<Order | null> {
    return OrderLoaders.of(ctx, this.orderService).order(found.orderId);
  }

  @FieldResolver(() => PartnerOrg, { nullable: true, description: 'The partner org to fix, for PARTNER_ORG_INCORRECT.' })
  partnerOrg(@Root() found: Case, @Ctx() ctx: Context): Promise<PartnerOrg | null> {
    return found.partnerOrgId ? OrgLoaders.of(ctx, this.orgService).partnerOrg(found.partnerOrgId) : Promise.resolve(null);
  }

  @FieldResolver(() => CustomerOrg, {
    nullable: true,
    description: 'The customer org to fix, for CUSTOMER_ORG_INCORRECT and TRIAL_EXPIRED.',
  })
  customerOrg(@Root() found: Case, @Ctx() ctx: Context): Promise<CustomerOrg | null> {
    return found.customerOrgId ? OrgLoaders.of(ctx, this.orgService).customerOrg(found.customerOrgId) : Promise.resolve(null);
  }
}
