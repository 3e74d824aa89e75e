/** The wizard's GraphQL face: authenticate, call the service, shape the payload. No rules here. */
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { Order } from '../orders/order.entity';
import { CustomerOrg } from '../orgs/customer-org.entity';
import { PartnerOrg } from '../orgs/partner-org.entity';
import { ACCESS, Public, wizardSessionId, wizardSessionKey } from '../platform/auth';
import { LimitPerAddress } from '../platform/rate-limit';
import { AuthenticatesWizardToken, type Context } from '../platform/context';
import { mutate, sessionEnded } from '../platform/errors';
import { EmailScalar } from '../platform/scalars';
import { formatNotice } from './provisioning.errors';
import {
  ProvisioningAbandonInput,
  ProvisioningChooseCustomerOrgInput,
  ProvisioningChooseRoleInput,
  ProvisioningChooseSetupPerformerInput,
  ProvisioningConfirmInput,
  ProvisioningReportProblemInput,
  ProvisioningSetCustomerAdminInput,
  ProvisioningSetCustomerCompanyInput,
  ProvisioningSetPartnerOrgInput,
  ProvisioningStartInput,
} from './provisioning.inputs';
import {
  ProvisioningConfirmPayload,
  ProvisioningReportProblemPayload,
  ProvisioningStartPayload,
  ProvisioningStepPayload,
  SetupLinkInfo,
} from './provisioning.payloads';
import { ProvisioningSession } from './provisioning-session.entity';
import { TokenUse, tokenMay } from './sessions';
import { CustomerOrgChoice, sessionPath, WizardStep } from './steps';
import { OrderLoaders } from '../orders/order.loaders';
import { OrderService } from '../orders/order.service';
import { ProvisioningService, WizardCaller } from './provisioning.service';
import { SessionListService } from './session-list';
import { SessionLoaders } from './session.loaders';

/**
 * A read through a session: a wizard token gets it while its session is ACTIVE, afterwards only when it is
 * part of the session's final result (tokenMay). Staff reads are not the token's and are not limited here.
 */
async function mayRead(ctx: Context, session: ProvisioningSession, use: TokenUse): Promise<void> {
  const principal = await ctx.principal();
  if (principal?.kind === 'WIZARD' && !tokenMay(session, use)) {
    throw sessionEnded();
  }
}

/**
 * The caller acting in the wizard: their session, and the language they use it in, which the order's emails follow.
 * Each field that calls this is marked @AuthenticatesWizardToken(): the step's lock may authenticate the token.
 */
async function actingCaller(ctx: Context): Promise<WizardCaller> {
  return { session: await wizardSessionKey(ctx), language: ctx.language };
}

/** One wizard step: the caller, the service call, the payload. */
async function wizardStep(
  ctx: Context,
  input: { clientMutationId?: string },
  run: (caller: WizardCaller) => Promise<ProvisioningSession>,
): Promise<ProvisioningStepPayload> {
  const caller = await actingCaller(ctx);
  return mutate(ctx.language, async () => ({ session: await run(caller) }), input.clientMutationId);
}

@Resolver(() => ProvisioningSession)
export class ProvisioningResolver {
  constructor(
    private readonly orderService: OrderService,
    private readonly provisioning: ProvisioningService,
    private readonly sessionList: SessionListService,
  ) {}

  @Public()
  @UseMiddleware(LimitPerAddress)
  @Query(() => SetupLinkInfo, { description: 'Public: what a Set up now link leads to.' })
  async setupLink(
    @Arg('token', { description: 'The token of the Set up now link (the last segment of /setup/<token>).' }) token: string,
    @Ctx() ctx: Context,
  ): Promise<SetupLinkInfo> {
    const { status, order } = await this.provisioning.linkInfo(token);
    return { status, subscriptionId: order?.subscriptionId ?? null, offerCode: order?.offerCode ?? null };
  }

  @Public()
  @UseMiddleware(LimitPerAddress)
  @Mutation(() => ProvisioningStartPayload, {
    description: 'Public: opens the wizard from a Set up now link. Ends (SUPERSEDED) any session still active for the order.',
  })
  provisioningStart(
    @Arg('input', { description: "The link's token." }) input: ProvisioningStartInput,
    @Ctx() ctx: Context,
  ): Promise<ProvisioningStartPayload> {
    return mutate(ctx.language, () => this.provisioning.start(input.token, ctx.language), input.clientMutationId);
  }

  @Authorized(ACCESS.wizard)
  @Query(() => ProvisioningSession, {
    nullable: true,
    description:
      "The caller's wizard session: status, current step, answers so far. Once it has ended, its token reads only its final " +
      'result here: the status and furthest step, and for a COMPLETED session the order it mapped; anything else is SESSION_ENDED.',
  })
  async provisioningSession(@Ctx() ctx: Context): Promise<ProvisioningSession | null> {
    return this.provisioning.callerSession(await wizardSessionId(ctx));
  }

  @Authorized(ACCESS.wizard)
  @AuthenticatesWizardToken()
  @Mutation(() => ProvisioningStepPayload, { description: 'Step 1: PARTNER or CUSTOMER. A customer is its own administrator by default.' })
  async provisioningChooseRole(
    @Arg('input', { description: 'The role chosen.' }) input: ProvisioningChooseRoleInput,
    @Ctx() ctx: Context,
  ): Promise<ProvisioningStepPayload> {
    return wizardStep(ctx, input, (caller) => this.provisioning.chooseRole(caller, input.role));
  }

  @Authorized(ACCESS.wizard)
  @AuthenticatesWizardToken()
  @Mutation(() => ProvisioningStepPayload, {
    description: 'Step 2 (partner): SELF, or OTHER with a colleague who gets the order and a new link; the session then ends DELEGATED.',
  })
  async provisioningChooseSetupPerformer(
    @Arg('input', { description: 'Who sets up, and the colleague when it is someone else.' }) input: ProvisioningChooseSetupPerformerInput,
    @Ctx() ctx: Context,
  ): Promise<ProvisioningStepPayload> {
    return wizardStep(ctx, input, (caller) => this.provisioning.chooseSetupPerformer(caller, input.performer, input.delegateEmail));
  }

  @Authorized(ACCESS.wizard)
  @AuthenticatesWizardToken()
  @Mutation(() => ProvisioningStepPayload, {
    description: 'Step 3 (partner): keep the partner org you belong to, or describe the new one to create on confirmation.',
  })
  async provisioningSetPartnerOrg(
    @Arg('input', { description: 'The partner org to keep, or the new one.' }) input: ProvisioningSetPartnerOrgInput,
    @Ctx() ctx: Context,
  ): Promise<ProvisioningStepPayload> {
    return wizardStep(ctx, input, (caller) => this.provisioning.setPartnerOrg(caller, input));
  }

  @Authorized(ACCESS.wizard)
  @AuthenticatesWizardToken()
  @Mutation(() => ProvisioningStepPayload, {
    description: 'Step 4: the customer administrator; not in a partner org nor in a customer org other than the one the order lands on.',
  })
  async provisioningSetCustomerAdmin(
    @Arg('input', { description: "The customer administrator's email." }) input: ProvisioningSetCustomerAdminInput,
    @Ctx() ctx: Context,
  ): Promise<ProvisioningStepPayload> {
    return wizardStep(ctx, input, (caller) => this.provisioning.setCustomerAdmin(caller, input.adminEmail));
  }

  @Authorized(ACCESS.wizard)
  @AuthenticatesWizardToken()
  @Mutation(() => ProvisioningStepPayload, {
    description: 'Step 5: company name and a country where Webex Contact Center is sold; the session then shows the region.',
  })
  async provisioningSetCustomerCompany(
    @Arg('input', { description: "The customer's company name and country." }) input: ProvisioningSetCustomerCompanyInput,
    @Ctx() ctx: Context,
  ): Promise<ProvisioningStepPayload> {
    return wizardStep(ctx, input, (caller) => this.provisioning.setCustomerCompany(caller, input.companyName, input.countryCode));
  }

  @Authorized(ACCESS.wizard)
  @AuthenticatesWizardToken()
  @Mutation(() => ProvisioningStepPayload, {
    description: "Step 6: NEW (the admin email must be free) or EXISTING (the admin's org, shown on the session for verification).",
  })
  async provisioningChooseCustomerOrg(
    @Arg('input', { description: 'A new customer org or the existing one.' }) input: ProvisioningChooseCustomerOrgInput,
    @Ctx() ctx: Context,
  ): Promise<ProvisioningStepPayload> {
    return wizardStep(ctx, input, (caller) => this.provisioning.chooseCustomerOrg(caller, input.choice));
  }

  @Authorized(ACCESS.wizard)
  @AuthenticatesWizardToken()
  @Mutation(() => ProvisioningConfirmPayload, {
    description:
      'Step 7: re-checks every rule and maps the order, in one transaction. Confirming again in the same session returns the same result.',
  })
  async provisioningConfirm(
    @Arg('input', () => ProvisioningConfirmInput, { defaultValue: {}, description: 'An optional clientMutationId.' })
    input: ProvisioningConfirmInput,
    @Ctx() ctx: Context,
  ): Promise<ProvisioningConfirmPayload> {
    const caller = await actingCaller(ctx);
    return mutate(
      ctx.language,
      async () => {
        const done = await this.provisioning.confirm(caller);
        const message = done.partnerOrg
          ? formatNotice('ORDER_MAPPED', ctx.language, { partner: done.partnerOrg.name, customer: done.customerOrg.name })
          : formatNotice('ORDER_MAPPED_NO_PARTNER', ctx.language, { customer: done.customerOrg.name });
        return { ...done, message };
      },
      input.clientMutationId,
    );
  }

  @Authorized(ACCESS.wizard)
  @AuthenticatesWizardToken()
  @Mutation(() => ProvisioningStepPayload, { description: 'Leaves the wizard: the session ends ABANDONED and its answers are erased.' })
  async provisioningAbandon(
    @Arg('input', () => ProvisioningAbandonInput, { defaultValue: {}, description: 'An optional clientMutationId.' })
    input: ProvisioningAbandonInput,
    @Ctx() ctx: Context,
  ): Promise<ProvisioningStepPayload> {
    return wizardStep(ctx, input, (caller) => this.provisioning.abandon(caller));
  }

  @Authorized(ACCESS.wizard)
  @AuthenticatesWizardToken()
  @Mutation(() => ProvisioningReportProblemPayload, {
    description: 'Opens a case for a Cisco representative, for what the wizard cannot fix (wrong org data, an expired trial).',
  })
  async provisioningReportProblem(
    @Arg('input', { description: "What is wrong, in the contact's words." }) input: ProvisioningReportProblemInput,
    @Ctx() ctx: Context,
  ): Promise<ProvisioningReportProblemPayload> {
    const caller = await actingCaller(ctx);
    return mutate(
      ctx.language,
      async () => ({ case: await this.provisioning.reportProblem(caller, input.kind, input.message) }),
      input.clientMutationId,
    );
  }

  @Authorized(ACCESS.staffRead)
  @Query(() => ProvisioningSession, { nullable: true, description: 'Staff: any wizard session by id.' })
  provisioningSessionById(
    @Arg('id', () => ID, { description: "The session's id." }) id: string,
    @Ctx() ctx: Context,
  ): Promise<ProvisioningSession | null> {
    return this.provisioning.sessionById(id);
  }

  @FieldResolver(() => [WizardStep], {
    description:
      "The steps of this session's path as its answers stand, in order: ROLE alone until a role is chosen, then that role's steps; CONFIRM and DONE last. A step may be answered when it lies on the path no further than currentStep.",
  })
  path(@Root() session: ProvisioningSession): WizardStep[] {
    return sessionPath(session.draft);
  }

  @FieldResolver(() => Order, { description: 'The order this session sets up.' })
  async order(@Root() session: ProvisioningSession, @Ctx() ctx: Context): Promise<Order | null> {
    await mayRead(ctx, session, 'order');
    return OrderLoaders.of(ctx, this.orderService).order(session.orderId);
  }

  @FieldResolver(() => PartnerOrg, {
    nullable: true,
    description: "Step 3: the partner org the contact's email already belongs to, shown for review.",
  })
  async partnerOrgForReview(@Root() session: ProvisioningSession, @Ctx() ctx: Context): Promise<PartnerOrg | null> {
    await mayRead(ctx, session, 'review');
    return SessionLoaders.of(ctx, this.provisioning, this.sessionList).partnerOrgForReview(session);
  }

  @FieldResolver(() => CustomerOrg, {
    nullable: true,
    description: 'Step 6: the customer org the chosen administrator already belongs to, shown for verification.',
  })
  async existingCustomerOrg(@Root() session: ProvisioningSession, @Ctx() ctx: Context): Promise<CustomerOrg | null> {
    await mayRead(ctx, session, 'review');
    return SessionLoaders.of(ctx, this.provisioning, this.sessionList).existingCustomerOrg(session);
  }

  @FieldResolver(() => [CustomerOrgChoice], {
    description:
      "Step 6: the choices that can work as the answers stand, from the step's own rules: EXISTING when the administrator already belongs to a customer org (an expired trial included, to be seen and reported), otherwise NEW; empty until the administrator is chosen.",
  })
  async customerOrgChoices(@Root() session: ProvisioningSession, @Ctx() ctx: Context): Promise<CustomerOrgChoice[]> {
    await mayRead(ctx, session, 'review');
    return SessionLoaders.of(ctx, this.provisioning, this.sessionList).customerOrgChoicesOf(session);
  }

  @FieldResolver(() => CustomerOrg, {
    nullable: true,
    description:
      "The trial org this session's order converts (its name, country and trial state), shown from the first step and used to fill in the answers; null for an order that converts none.",
  })
  async trialToConvert(@Root() session: ProvisioningSession, @Ctx() ctx: Context): Promise<CustomerOrg | null> {
    await mayRead(ctx, session, 'review');
    return SessionLoaders.of(ctx, this.provisioning, this.sessionList).trialOrgOf(session);
  }

  @FieldResolver(() => EmailScalar, {
    nullable: true,
    description:
      "The administrator of the trial this session's order converts, who must be the customer administrator; null for an order that converts none.",
  })
  async trialAdminEmail(@Root() session: ProvisioningSession, @Ctx() ctx: Context): Promise<string | null> {
    await mayRead(ctx, session, 'review');
    const org = await SessionLoaders.of(ctx, this.provisioning, this.sessionList).trialOrgOf(session);
    return org?.trialAdminEmail ?? null;
  }
}
