import { Arg, Authorized, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ACCESS } from '../platform/auth';
import { callerActor, Context } from '../platform/context';
import { mutate, UserError } from '../platform/errors';
import { CustomerOrg, effectiveTrialStatus, TrialStatus } from './customer-org.entity';
import {
  CustomerOrgExtendTrialInput,
  CustomerOrgFilter,
  CustomerOrgStartTrialInput,
  CustomerOrgUpdateInput,
  PartnerOrgFilter,
  PartnerOrgUpdateInput,
} from './org.inputs';
import { OrderPage } from '../orders/order.resolver';
import { PageInput, PageType } from '../platform/pagination';
import { PartnerOrg } from './partner-org.entity';

@ObjectType()
export class CustomerOrgPayload {
  @Field(() => CustomerOrg, { nullable: true })
  customerOrg?: CustomerOrg;

  @Field(() => [UserError])
  userErrors: UserError[];
}

@ObjectType()
export class PartnerOrgPayload {
  @Field(() => PartnerOrg, { nullable: true })
  partnerOrg?: PartnerOrg;

  @Field(() => [UserError])
  userErrors: UserError[];
}

const CustomerOrgPage = PageType(CustomerOrg);
const PartnerOrgPage = PageType(PartnerOrg);

@Resolver(() => CustomerOrg)
export class CustomerOrgResolver {
  @Authorized(ACCESS.staffRead)
  @Query(() => CustomerOrgPage, { description: 'Staff: customer orgs by name, filtered and paged.' })
  customerOrgs(
    @Ctx() ctx: Context,
    @Arg('filter', () => CustomerOrgFilter, { nullable: true }) filter?: CustomerOrgFilter,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput,
  ) {
    return ctx.services.orgs.listCustomerOrgs(filter ?? undefined, page ?? undefined);
  }

  @Authorized([...ACCESS.orderDesk, ...ACCESS.staffRead])
  @Query(() => CustomerOrg, { nullable: true })
  customerOrg(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<CustomerOrg | null> {
    return ctx.services.orgs.customerOrg(id);
  }

  @Authorized(ACCESS.orderDesk)
  @Mutation(() => CustomerOrgPayload, { description: 'Creates a customer org on a trial of at most 90 days, with its admin user.' })
  async customerOrgStartTrial(@Arg('input') input: CustomerOrgStartTrialInput, @Ctx() ctx: Context): Promise<CustomerOrgPayload> {
    const actor = await callerActor(ctx);
    return mutate(ctx.language, async () => ({ customerOrg: await ctx.services.orgs.startTrial(input, actor) }));
  }

  @Authorized(ACCESS.rep)
  @Mutation(() => CustomerOrgPayload, { description: 'Corrects a customer org; refused with STALE_VERSION when someone saved since.' })
  async customerOrgUpdate(@Arg('input') input: CustomerOrgUpdateInput, @Ctx() ctx: Context): Promise<CustomerOrgPayload> {
    const actor = await callerActor(ctx);
    return mutate(ctx.language, async () => ({ customerOrg: await ctx.services.orgs.updateCustomerOrg(input, actor) }));
  }

  @Authorized(ACCESS.rep)
  @Mutation(() => CustomerOrgPayload, {
    description: 'Extends a trial to today plus 30 days (or the days given, at most 90): ACTIVE again.',
  })
  async customerOrgExtendTrial(@Arg('input') input: CustomerOrgExtendTrialInput, @Ctx() ctx: Context): Promise<CustomerOrgPayload> {
    const actor = await callerActor(ctx);
    return mutate(ctx.language, async () => ({ customerOrg: await ctx.services.orgs.extendTrial(input.id, input.days, actor) }));
  }

  @FieldResolver(() => TrialStatus, { description: 'NONE, ACTIVE, EXPIRED (an active trial past its expiry) or CONVERTED.' })
  trialStatus(@Root() org: CustomerOrg, @Ctx() ctx: Context): TrialStatus {
    return effectiveTrialStatus(org, ctx.services.clock.now());
  }

  @FieldResolver(() => OrderPage, { description: 'Orders mapped onto this org, or converting its trial, newest first.' })
  orders(@Root() org: CustomerOrg, @Ctx() ctx: Context, @Arg('page', () => PageInput, { nullable: true }) page?: PageInput) {
    return ctx.loaders.ordersOfOrg('customer', org.id, page ?? new PageInput());
  }

  @FieldResolver(() => PartnerOrg, { nullable: true, description: 'The managing partner org.' })
  partnerOrg(@Root() org: CustomerOrg, @Ctx() ctx: Context): Promise<PartnerOrg | null> {
    return org.partnerOrgId ? ctx.loaders.partnerOrg(org.partnerOrgId) : Promise.resolve(null);
  }
}

@Resolver(() => PartnerOrg)
export class PartnerOrgResolver {
  @Authorized(ACCESS.staffRead)
  @Query(() => PartnerOrgPage, { description: 'Staff: partner orgs by name, filtered and paged.' })
  partnerOrgs(
    @Ctx() ctx: Context,
    @Arg('filter', () => PartnerOrgFilter, { nullable: true }) filter?: PartnerOrgFilter,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput,
  ) {
    return ctx.services.orgs.listPartnerOrgs(filter ?? undefined, page ?? undefined);
  }

  @Authorized([...ACCESS.orderDesk, ...ACCESS.staffRead])
  @Query(() => PartnerOrg, { nullable: true })
  partnerOrg(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<PartnerOrg | null> {
    return ctx.services.orgs.partnerOrg(id);
  }

  @Authorized(ACCESS.rep)
  @Mutation(() => PartnerOrgPayload, { description: 'Corrects a partner org; refused with STALE_VERSION when someone saved since.' })
  async partnerOrgUpdate(@Arg('input') input: PartnerOrgUpdateInput, @Ctx() ctx: Context): Promise<PartnerOrgPayload> {
    const actor = await callerActor(ctx);
    return mutate(ctx.language, async () => ({ partnerOrg: await ctx.services.orgs.updatePartnerOrg(input, actor) }));
  }

  @FieldResolver(() => OrderPage, { description: 'Orders mapped to this partner org, newest first.' })
  orders(@Root() org: PartnerOrg, @Ctx() ctx: Context, @Arg('page', () => PageInput, { nullable: true }) page?: PageInput) {
    return ctx.loaders.ordersOfOrg('partner', org.id, page ?? new PageInput());
  }

  @FieldResolver(() => [CustomerOrg], {
    description: 'The customer orgs this partner manages, by name: the first 200 (customerOrgs(filter: {partnerOrgId}) pages through all).',
  })
  customerOrgs(@Root() org: PartnerOrg, @Ctx() ctx: Context): Promise<CustomerOrg[]> {
    return ctx.loaders.customerOrgsOf(org.id);
  }
}
