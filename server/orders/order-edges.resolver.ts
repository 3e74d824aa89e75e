/** Fields of other features' types that lead to orders: an org's orders, an email's order. */
import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { OutboxEmail } from '../mail/outbox-email.entity';
import { CustomerOrg } from '../orgs/customer-org.entity';
import { PartnerOrg } from '../orgs/partner-org.entity';
import type { Context } from '../platform/context';
import { PageInput } from '../platform/pagination';
import { Order } from './order.entity';
import { OrderLoaders } from './order.loaders';
import { OrderPage } from './order.payloads';
import { OrderService } from './order.service';

@Resolver(() => CustomerOrg)
export class CustomerOrgOrdersResolver {
  constructor(private readonly orderService: OrderService) {}

  @FieldResolver(() => OrderPage, { description: 'Orders mapped onto this org, or converting its trial, newest first.' })
  orders(
    @Root() org: CustomerOrg,
    @Ctx() ctx: Context,
    @Arg('page', () => PageInput, { nullable: true, description: 'Which page, newest first; the first 25 when left out.' })
    page?: PageInput,
  ) {
    return OrderLoaders.of(ctx, this.orderService).ordersOfOrg('customer', org.id, page ?? new PageInput());
  }
}

@Resolver(() => PartnerOrg)
export class PartnerOrgOrdersResolver {
  constructor(private readonly orderService: OrderService) {}

  @FieldResolver(() => OrderPage, { description: 'Orders mapped to this partner org, newest first.' })
  orders(
    @Root() org: PartnerOrg,
    @Ctx() ctx: Context,
    @Arg('page', () => PageInput, { nullable: true, description: 'Which page, newest first; the first 25 when left out.' })
    page?: PageInput,
  ) {
    return OrderLoaders.of(ctx, this.orderService).ordersOfOrg('partner', org.id, page ?? new PageInput());
  }
}

@Resolver(() => OutboxEmail)
export class OutboxEmailOrderResolver {
  constructor(private readonly orderService: OrderService) {}

  @FieldResolver(() => Order, { nullable: true, description: 'The order the email is about; null for an email about no order (to staff).' })
  order(@Root() email: OutboxEmail, @Ctx() ctx: Context): Promise<Order | null> {
    if (!email.orderId) return Promise.resolve(null);
    return OrderLoaders.of(ctx, this.orderService).order(email.orderId);
  }
}
