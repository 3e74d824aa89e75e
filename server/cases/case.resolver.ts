import { Arg, Authorized, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Order } from '../orders/order.entity';
import { CustomerOrg } from '../orgs/customer-org.entity';
import { PartnerOrg } from '../orgs/partner-org.entity';
import { ACCESS } from '../platform/auth';
import { callerActor, Context } from '../platform/context';
import { mutate, UserError } from '../platform/errors';
import { Case, CaseKind, CaseStatus } from './case.entity';
import { PageInput, PageType } from '../platform/pagination';

@InputType()
export class CaseResolveInput {
  @Field(() => ID)
  id: string;

  @Field({ description: 'What was done, for the record (up to 2000 characters).' })
  resolution: string;
}

@ObjectType()
export class CaseResolvePayload {
  @Field(() => Case, { nullable: true })
  case?: Case;

  @Field(() => [UserError])
  userErrors: UserError[];
}

@InputType({ description: 'Case filters; all optional, combined with AND.' })
export class CaseFilter {
  @Field(() => CaseStatus, { nullable: true })
  status?: CaseStatus;

  @Field(() => CaseKind, { nullable: true })
  kind?: CaseKind;

  @Field(() => ID, { nullable: true })
  orderId?: string;
}

const CasePage = PageType(Case);

@Resolver(() => Case)
export class CaseResolver {
  @Authorized(ACCESS.staffRead)
  @Query(() => CasePage, { description: 'Staff: the case queue, oldest first.' })
  cases(
    @Ctx() ctx: Context,
    @Arg('filter', () => CaseFilter, { nullable: true }) filter?: CaseFilter,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput,
  ) {
    return ctx.services.cases.list(filter ?? undefined, page ?? undefined);
  }

  @Authorized(ACCESS.staffRead)
  @Query(() => Case, { nullable: true })
  case(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Case | null> {
    return ctx.services.cases.find(id);
  }

  @Authorized(ACCESS.rep)
  @Mutation(() => CaseResolvePayload)
  async caseResolve(@Arg('input') input: CaseResolveInput, @Ctx() ctx: Context): Promise<CaseResolvePayload> {
    const actor = await callerActor(ctx);
    return mutate(ctx.language, async () => ({ case: await ctx.services.cases.resolve(input.id, input.resolution, actor) }));
  }

  @FieldResolver(() => Order)
  order(@Root() found: Case, @Ctx() ctx: Context): Promise<Order | null> {
    return ctx.loaders.order(found.orderId);
  }

  @FieldResolver(() => PartnerOrg, { nullable: true, description: 'The partner org to fix, for PARTNER_ORG_INCORRECT.' })
  partnerOrg(@Root() found: Case, @Ctx() ctx: Context): Promise<PartnerOrg | null> {
    return found.partnerOrgId ? ctx.loaders.partnerOrg(found.partnerOrgId) : Promise.resolve(null);
  }

  @FieldResolver(() => CustomerOrg, {
    nullable: true,
    description: 'The customer org to fix, for CUSTOMER_ORG_INCORRECT and TRIAL_EXPIRED.',
  })
  customerOrg(@Root() found: Case, @Ctx() ctx: Context): Promise<CustomerOrg | null> {
    return found.customerOrgId ? ctx.loaders.customerOrg(found.customerOrgId) : Promise.resolve(null);
  }
}
