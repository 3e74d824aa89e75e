import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { EmailKind, OutboxEmail } from '../mail/outbox-email.entity';
import { CustomerOrg } from '../orgs/customer-org.entity';
import { PartnerOrg } from '../orgs/partner-org.entity';
import { ACCESS } from '../platform/auth';
import { callerActor, Context } from '../platform/context';
import { mutate } from '../platform/errors';
import { PageInput } from '../platform/pagination';
import { Order } from './order.entity';
import { OrderActionInput, OrderChangeProvisioningContactInput, OrderFilter, OrderSort, OrderSubmitInput } from './order.inputs';
import { MailDelivery } from '../mail/outbox';
import { OrderLoaders } from './order.loaders';
import { OrderPage, OrderPayload, SetupLinkState } from './order.payloads';
import { OrderService } from './order.service';
import { OrgLoaders } from '../orgs/org.loaders';
import { OrgService } from '../orgs/org.service';
import { OutboxLoaders } from '../mail/outbox.loaders';

@Resolver(() => Order)
export class OrderResolver {
  constructor(
    private readonly mail: MailDelivery,
    private readonly orderService: OrderService,
    private readonly orgService: OrgService,
  ) {}

  @Authorized([...ACCESS.orderDesk, ...ACCESS.staffRead])
  @Query(() => Order, { nullable: true, description: 'Staff and the COMMERCE key: one order by id; null when there is none.' })
  order(@Arg('id', () => ID, { description: "The order's id." }) id: string, @Ctx() ctx: Context): Promise<Order | null> {
    return this.orderService.find(id);
  }

  @Authorized(ACCESS.staffRead)
  @Query(() => OrderPage, { description: 'Staff: orders, filtered, sorted and paged.' })
  orders(
    @Ctx() ctx: Context,
    @Arg('filter', () => OrderFilter, { nullable: true, description: 'Which orders; all of them when left out.' }) filter?: OrderFilter,
    @Arg('sort', () => OrderSort, { nullable: true, description: 'The order of the list; newest first when left out.' }) sort?: OrderSort,
    @Arg('page', () => PageInput, { nullable: true, description: 'Which page; the first 25 when left out.' }) page?: PageInput,
  ) {
    return this.orderService.list(filter ?? undefined, sort ?? undefined, page ?? undefined);
  }

  @Authorized(ACCESS.orderDesk)
  @Mutation(() => OrderPayload, {
    description: 'Books an order. When its start date is today or past, the Set up now email goes out at once.',
  })
  async orderSubmit(
    @Arg('input', { description: 'The order as the commerce system books it.' }) input: OrderSubmitInput,
    @Ctx() ctx: Context,
  ): Promise<OrderPayload> {
    const actor = await callerActor(ctx);
    return mutate(ctx.language, async () => ({ order: await this.orderService.submit(input, actor) }));
  }

  @Authorized(ACCESS.orderDesk)
  @Mutation(() => OrderPayload, { description: 'Cancels an order before the point of no return; its links stop working.' })
  async orderCancel(
    @Arg('input', { description: 'The order to cancel.' }) input: OrderActionInput,
    @Ctx() ctx: Context,
  ): Promise<OrderPayload> {
    const actor = await callerActor(ctx);
    return mutate(ctx.language, async () => ({ order: await this.orderService.cancel(input.orderId, actor) }));
  }

  @Authorized(ACCESS.orderDesk)
  @Mutation(() => OrderPayload, {
    description: 'Sends the Set up now email again with a new link; every earlier link is revoked. Refused past the point of no return.',
  })
  async orderResendSetupEmail(
    @Arg('input', { description: 'The order whose email to send again.' }) input: OrderActionInput,
    @Ctx() ctx: Context,
  ): Promise<OrderPayload> {
    const actor = await callerActor(ctx);
    return mutate(ctx.language, async () => ({ order: await this.orderService.resendSetupEmail(input.orderId, actor) }));
  }

  @Authorized(ACCESS.orderDesk)
  @Mutation(() => OrderPayload, {
    description:
      'Changes the provisioning contact: every earlier link is revoked and, while the order awaits details, the new contact gets the email. Refused past the point of no return.',
  })
  async orderChangeProvisioningContact(
    @Arg('input', { description: 'The order and its new provisioning contact.' }) input: OrderChangeProvisioningContactInput,
    @Ctx() ctx: Context,
  ): Promise<OrderPayload> {
    const actor = await callerActor(ctx);
    return mutate(ctx.language, async () => ({
      order: await this.orderService.changeProvisioningContact(input.orderId, input.email, actor),
    }));
  }

  @Authorized(ACCESS.rep)
  @Mutation(() => OrderPayload, { description: 'Representatives: a CLOSED order gets a fresh setup window and a fresh email.' })
  async orderReopen(
    @Arg('input', { description: 'The CLOSED order to reopen.' }) input: OrderActionInput,
    @Ctx() ctx: Context,
  ): Promise<OrderPayload> {
    const actor = await callerActor(ctx);
    return mutate(ctx.language, async () => ({ order: await this.orderService.reopen(input.orderId, actor) }));
  }

  @FieldResolver(() => PartnerOrg, { nullable: true, description: 'The partner org the order was mapped to.' })
  partnerOrg(@Root() order: Order, @Ctx() ctx: Context): Promise<PartnerOrg | null> | null {
    // null at once, not a promise of it: graphql-js completes an order whose fields are all at hand without waiting.
    return order.partnerOrgId ? OrgLoaders.of(ctx, this.orgService).partnerOrg(order.partnerOrgId) : null;
  }

  @FieldResolver(() => CustomerOrg, { nullable: true, description: 'The customer org the order was mapped to.' })
  customerOrg(@Root() order: Order, @Ctx() ctx: Context): Promise<CustomerOrg | null> | null {
    return order.customerOrgId ? OrgLoaders.of(ctx, this.orgService).customerOrg(order.customerOrgId) : null;
  }

  @FieldResolver(() => CustomerOrg, { nullable: true, description: 'For a trial conversion: the trial org the order must land on.' })
  trialCustomerOrg(@Root() order: Order, @Ctx() ctx: Context): Promise<CustomerOrg | null> | null {
    return order.trialCustomerOrgId ? OrgLoaders.of(ctx, this.orgService).customerOrg(order.trialCustomerOrgId) : null;
  }

  @FieldResolver(() => [SetupLinkState], {
    description: "The order's Set up now links, newest first (at most 200): their state, never a token.",
  })
  links(@Root() order: Order, @Ctx() ctx: Context): Promise<SetupLinkState[]> {
    return OrderLoaders.of(ctx, this.orderService).linksOf(order);
  }

  @FieldResolver(() => [OutboxEmail], { description: "The order's emails and their delivery state, newest first (at most 200)." })
  emails(@Root() order: Order, @Ctx() ctx: Context): Promise<OutboxEmail[]> {
    return OutboxLoaders.of(ctx, this.mail).emailsOf(order.id);
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description:
      'When the mail relay accepted the latest Set up now email (UTC instant); null while it waits in the outbox (see its waitReason) or when none was queued. setupEmailSentAt is when it was queued.',
  })
  async setupEmailDeliveredAt(@Root() order: Order, @Ctx() ctx: Context): Promise<Date | null> {
    const emails = await OutboxLoaders.of(ctx, this.mail).emailsOf(order.id);
    const latest = emails.find((email) => email.kind === EmailKind.SETUP_LINK || email.kind === EmailKind.DELEGATED_SETUP_LINK);
    return latest?.sentAt ?? null;
  }
}
