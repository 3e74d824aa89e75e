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

@ObjectType({
  description:
    'A customer org after a change, or why the change was refused (NOT_FOUND, STALE_VERSION, COUNTRY_NOT_SUPPORTED, ADMIN_EMAIL_IN_USE, NOT_A_TRIAL, TRIAL_CONVERTED, INVALID_REGION, INVALID_INSTANT, OUT_OF_RANGE and the field rules).',
})
export class CustomerOrgPayload {
  @Field(() => CustomerOrg, { nullable: true, description: 'The org after the change; null when refused.' })
  customerOrg?: CustomerOrg;

  @Field(() => [UserError], { description: 'Why the change was refused; empty when it was made.' })
  userErrors: UserError[];
}

@ObjectType({
  description:
    'A partner org after a change, or why the change was refused (NOT_FOUND, STALE_VERSION, COUNTRY_NOT_SUPPORTED and the field rules).',
})
export class PartnerOrgPayload {
  @Field(() => PartnerOrg, { nullable: true, description: 'The org after the change; null when refused.' })
  partnerOrg?: PartnerOrg;

  @Field(() => [UserError], { description: 'Why the change was refused; empty when it was made.' })
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
    @Arg('filter', () => CustomerOrgFilter, { nullable: true, description: 'Which orgs; all of them when left out.' })
    filter?: CustomerOrgFilter,
    @Arg('page', () => PageInput, { nullable: true, description: 'Which page, by name; the first 25 when left out.' }) page?: PageInput,
  ) {
    return ctx.services.orgs.listCustomerOrgs(filter ?? undefined, page ?? undefined);
  }

  @Authorized([...ACCESS.orderDesk, ...ACCESS.staffRead])
  @Query(() => CustomerOrg, { nullable: true, description: 'Staff and the COMMERCE key: one customer org by id; null when there is none.' })
  customerOrg(@Arg('id', () => ID, { description: "The org's id." }) id: string, @Ctx() ctx: Context): Promise<CustomerOrg | null> {
    return ctx.services.orgs.customerOrg(id);
  }

  @Authorized(ACCESS.orderDesk)
  @Mutation(() => CustomerOrgPayload, { description: 'Creates a customer org on a trial of at most 90 days, with its admin user.' })
  async customerOrgStartTrial(
    @Arg('input', { description: 'The company, country, admin and length of the trial.' }) input: CustomerOrgStartTrialInput,
    @Ctx() ctx: Context,
  ): Promise<CustomerOrgPayload> {
    const actor = await callerActor(ctx);
    return mutate(ctx.language, async () => ({ customerOrg: await ctx.services.orgs.startTrial(input, actor) }));
  }

  @Authorized(ACCESS.rep)
  @Mutation(() => CustomerOrgPayload, { description: 'Corrects a customer org; refused with STALE_VERSION when someone saved since.' })
  async customerOrgUpdate(
    @Arg('input', { description: 'The org, its version and the corrections.' }) input: CustomerOrgUpdateInput,
    @Ctx() ctx: Context,
  ): Promise<CustomerOrgPayload> {
    const actor = await callerActor(ctx);
    return mutate(ctx.language, async () => ({ customerOrg: await ctx.services.orgs.updateCustomerOrg(input, actor) }));
  }

  @Authorized(ACCESS.rep)
  @Mutation(() => CustomerOrgPayload, {
    description: 'Extends a trial to today plus 30 days (or the days given, at most 90): ACTIVE again.',
  })
  async customerOrgExtendTrial(
    @Arg('input', { description: 'The trial org and how many days to give it.' }) input: CustomerOrgExtendTrialInput,
    @Ctx() ctx: Context,
  ): Promise<CustomerOrgPayload> {
    const actor = await callerActor(ctx);
    return mutate(ctx.language, async () => ({ customerOrg: await ctx.services.orgs.extendTrial(input.id, input.days, actor) }));
  }

  @FieldResolver(() => TrialStatus, { description: 'NONE, ACTIVE, EXPIRED (an active trial past its expiry) or CONVERTED.' })
  trialStatus(@Root() org: CustomerOrg, @Ctx() ctx: Context): TrialStatus {
    return effectiveTrialStatus(org, ctx.services.clock.now());
  }

  @FieldResolver(() => OrderPage, { description: 'Orders mapped onto this org, or converting its trial, newest first.' })
  orders(
    @Root() org: CustomerOrg,
    @Ctx() ctx: Context,
    @Arg('page', () => PageInput, { nullable: true, description: 'Which page, newest first; the first 25 when left out.' })
    page?: PageInput,
  ) {
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
    @Arg('filter', () => PartnerOrgFilter, { nullable: true, description: 'Which orgs; all of them when left out.' })
    filter?: PartnerOrgFilter,
    @Arg('page', () => PageInput, { nullable: true, description: 'Which page, by name; the first 25 when left out.' }) page?: PageInput,
  ) {
    return ctx.services.orgs.listPartnerOrgs(filter ?? undefined, page ?? undefined);
  }

  @Authorized([...ACCESS.orderDesk, ...ACCESS.staffRead])
  @Query(() => PartnerOrg, { nullable: true, description: 'Staff and the COMMERCE key: one partner org by id; null when there is none.' })
  partnerOrg(@Arg('id', () => ID, { description: "The org's id." }) id: string, @Ctx() ctx: Context): Promise<PartnerOrg | null> {
    return ctx.services.orgs.partnerOrg(id);
  }

  @Authorized(ACCESS.rep)
  @Mutation(() => PartnerOrgPayload, { description: 'Corrects a partner org; refused with STALE_VERSION when someone saved since.' })
  async partnerOrgUpdate(
    @Arg('input', { description: 'The org, its version and the corrections.' }) input: PartnerOrgUpdateInput,
    @Ctx() ctx: Context,
  ): Promise<PartnerOrgPayload> {
    const actor = await callerActor(ctx);
    return mutate(ctx.language, async () => ({ partnerOrg: await ctx.services.orgs.updatePartnerOrg(input, actor) }));
  }

  @FieldResolver(() => OrderPage, { description: 'Orders mapped to this partner org, newest first.' })
  orders(
    @Root() org: PartnerOrg,
    @Ctx() ctx: Context,
    @Arg('page', () => PageInput, { nullable: true, description: 'Which page, newest first; the first 25 when left out.' })
    page?: PageInput,
  ) {
    return ctx.loaders.ordersOfOrg('partner', org.id, page ?? new PageInput());
  }

  @FieldResolver(() => [CustomerOrg], {
    description: 'The customer orgs this partner manages, by name: the first 200 (customerOrgs(filter: {partnerOrgId}) pages through all).',
  })
  customerOrgs(@Root() org: PartnerOrg, @Ctx() ctx: Context): Promise<CustomerOrg[]> {
    return ctx.loaders.customerOrgsOf(org.id);
  }
}
