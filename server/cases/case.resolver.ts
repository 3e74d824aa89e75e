import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Order } from '../orders/order.entity';
import { CustomerOrg } from '../orgs/customer-org.entity';
import { PartnerOrg } from '../orgs/partner-org.entity';
import { ACCESS } from '../platform/auth';
import { callerActor, Context } from '../platform/context';
import { mutate } from '../platform/errors';
import { Case } from './case.entity';
import { PageInput } from '../platform/pagination';
import { CaseService } from './case.service';
import { OrderLoaders } from '../orders/order.loaders';
import { OrderService } from '../orders/order.service';
import { OrgLoaders } from '../orgs/org.loaders';
import { OrgService } from '../orgs/org.service';
import { CaseResolveInput, CaseFilter } from './case.inputs';
import { CaseResolvePayload, CasePage } from './case.payloads';
import { CaseLoaders } from './case.loaders';

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

/** An order's cases: cases are above orders, so the field is resolved here. */
@Resolver(() => Order)
export class OrderCasesResolver {
  constructor(private readonly caseService: CaseService) {}

  @FieldResolver(() => [Case], {
    description: 'Cases raised from the wizard about this order, open ones first, then oldest first (at most 200). Staff only.',
  })
  cases(@Root() order: Order, @Ctx() ctx: Context): Promise<Case[]> {
    return CaseLoaders.of(ctx, this.caseService).casesOf(order.id);
  }
}
