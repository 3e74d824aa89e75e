import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ACCESS } from '../platform/auth';
import { callerActor, Context } from '../platform/context';
import { mutate } from '../platform/errors';
import { CustomerOrg, effectiveTrialStatus, TrialStatus } from './customer-org.entity';
import {
  CustomerOrgExtendTrialInput,
  CustomerOrgFilter,
  CustomerOrgStartTrialInput,
  CustomerOrgUpdateInput,
  PartnerOrgFilter,
  PartnerOrgUpdateInput,
} from './org.inputs';
import { PageInput } from '../platform/pagination';
import { PartnerOrg } from './partner-org.entity';
import { Clock } from '../platform/clock';
import { OrgLoaders } from './org.loaders';
import { CustomerOrgLocation, CustomerOrgPage, CustomerOrgPayload, PartnerOrgPage, PartnerOrgPayload } from './org.payloads';
import { OrgService } from './org.service';

@Resolver(() => CustomerOrg)
export class CustomerOrgResolver {
  constructor(
    private readonly orgService: OrgService,
    private readonly clock: Clock,
  ) {}

  @Authorized(ACCESS.staffRead)
  @Query(() => CustomerOrgPage, { description: 'Staff: customer orgs by name, filtered and paged.' })
  customerOrgs(
    @Ctx() ctx: Context,
    @Arg('filter', () => CustomerOrgFilter, { nullable: true, description: 'Which orgs; all of them when left out.' })
    filter?: CustomerOrgFilter,
    @Arg('page', () => PageInput, { nullable: true, description: 'Which page, by name; the first 25 when left out.' }) page?: PageInput,
  ) {
    return this.orgService.listCustomerOrgs(filter ?? undefined, page ?? undefined);
  }

  @Authorized([...ACCESS.orderDesk, ...ACCESS.staffRead])
  @Query(() => CustomerOrg, { nullable: true, description: 'Staff and the COMMERCE key: one customer org by id; null when there is none.' })
  customerOrg(@Arg('id', () => ID, { description: "The org's id." }) id: string, @Ctx() ctx: Context): Promise<CustomerOrg | null> {
    return this.orgService.customerOrg(id);
  }

  @Authorized(ACCESS.orderDesk)
  @Mutation(() => CustomerOrgPayload, { description: 'Creates a customer org on a trial of at most 90 days, with its admin user.' })
  async customerOrgStartTrial(
    @Arg('input', { description: 'The company, country, admin and length of the trial.' }) input: CustomerOrgStartTrialInput,
    @Ctx() ctx: Context,
  ): Promise<CustomerOrgPayload> {
    const actor = await callerActor(ctx);
    return mutate(ctx.language, async () => ({ customerOrg: await this.orgService.startTrial(input, actor) }));
  }

  @Authorized(ACCESS.rep)
  @Mutation(() => CustomerOrgPayload, { description: 'Corrects a customer org; refused with STALE_VERSION when someone saved since.' })
  async customerOrgUpdate(
    @Arg('input', { description: 'The org, its version and the corrections.' }) input: CustomerOrgUpdateInput,
    @Ctx() ctx: Context,
  ): Promise<CustomerOrgPayload> {
    const actor = await callerActor(ctx);
    return mutate(ctx.language, async () => ({ customerOrg: await this.orgService.updateCustomerOrg(input, actor) }));
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
    return mutate(ctx.language, async () => ({ customerOrg: await this.orgService.extendTrial(input.id, input.days, actor) }));
  }

  @FieldResolver(() => TrialStatus, { description: 'NONE, ACTIVE, EXPIRED (an active trial past its expiry) or CONVERTED.' })
  trialStatus(@Root() org: CustomerOrg, @Ctx() ctx: Context): TrialStatus {
    return effectiveTrialStatus(org, this.clock.now());
  }

  @FieldResolver(() => CustomerOrgLocation, {
    nullable: true,
    description:
      "Where the org's data would be if customerOrgUpdate changed its country to this one (what the edit form shows before saving); null when Contact Center is not sold there or the code is unknown.",
  })
  locationIfCountry(
    @Root() org: CustomerOrg,
    @Arg('countryCode', { description: 'An ISO 3166-1 alpha-2 country code.' }) countryCode: string,
  ): Promise<CustomerOrgLocation | null> {
    return this.orgService.locationIfCountry(org, countryCode);
  }

  @FieldResolver(() => PartnerOrg, { nullable: true, description: 'The managing partner org.' })
  partnerOrg(@Root() org: CustomerOrg, @Ctx() ctx: Context): Promise<PartnerOrg | null> {
    return org.partnerOrgId ? OrgLoaders.of(ctx, this.orgService).partnerOrg(org.partnerOrgId) : Promise.resolve(null);
  }
}

@Resolver(() => PartnerOrg)
export class PartnerOrgResolver {
  constructor(private readonly orgService: OrgService) {}

  @Authorized(ACCESS.staffRead)
  @Query(() => PartnerOrgPage, { description: 'Staff: partner orgs by name, filtered and paged.' })
  partnerOrgs(
    @Ctx() ctx: Context,
    @Arg('filter', () => PartnerOrgFilter, { nullable: true, description: 'Which orgs; all of them when left out.' })
    filter?: PartnerOrgFilter,
    @Arg('page', () => PageInput, { nullable: true, description: 'Which page, by name; the first 25 when left out.' }) page?: PageInput,
  ) {
    return this.orgService.listPartnerOrgs(filter ?? undefined, page ?? undefined);
  }

  @Authorized([...ACCESS.orderDesk, ...ACCESS.staffRead])
  @Query(() => PartnerOrg, { nullable: true, description: 'Staff and the COMMERCE key: one partner org by id; null when there is none.' })
  partnerOrg(@Arg('id', () => ID, { description: "The org's id." }) id: string, @Ctx() ctx: Context): Promise<PartnerOrg | null> {
    return this.orgService.partnerOrg(id);
  }

  @Authorized(ACCESS.rep)
  @Mutation(() => PartnerOrgPayload, { description: 'Corrects a partner org; refused with STALE_VERSION when someone saved since.' })
  async partnerOrgUpdate(
    @Arg('input', { description: 'The org, its version and the corrections.' }) input: PartnerOrgUpdateInput,
    @Ctx() ctx: Context,
  ): Promise<PartnerOrgPayload> {
    const actor = await callerActor(ctx);
    return mutate(ctx.language, async () => ({ partnerOrg: await this.orgService.updatePartnerOrg(input, actor) }));
  }

  @FieldResolver(() => [CustomerOrg], {
    description: 'The customer orgs this partner manages, by name: the first 200 (customerOrgs(filter: {partnerOrgId}) pages through all).',
  })
  customerOrgs(@Root() org: PartnerOrg, @Ctx() ctx: Context): Promise<CustomerOrg[]> {
    return OrgLoaders.of(ctx, this.orgService).customerOrgsOf(org.id);
  }
}
