import { Arg, Authorized, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { CustomerOrg } from '../orgs/customer-org.entity';
import { PartnerOrg } from '../orgs/partner-org.entity';
import { ACCESS } from '../platform/auth';
import { actorOf, Context } from '../platform/context';
import { mutate, UserError } from '../platform/errors';
import { Order } from './order.entity';
import { OrderSubmitInput } from './order.inputs';

@ObjectType()
export class OrderSubmitPayload {
  @Field(() => Order, { nullable: true })
  order?: Order;

  @Field(() => [UserError])
  userErrors: UserError[];
}

@Resolver(() => Order)
export class OrderResolver {
  @Authorized([...ACCESS.orderDesk, ...ACCESS.staffRead])
  @Query(() => Order, { nullable: true })
  order(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Order | null> {
    return ctx.services.orders.find(id);
  }

  @Authorized(ACCESS.orderDesk)
  @Mutation(() => OrderSubmitPayload, {
    description: 'Books an order. When its start date is today or past, the Set up now email goes out at once.',
  })
  async orderSubmit(@Arg('input') input: OrderSubmitInput, @Ctx() ctx: Context): Promise<OrderSubmitPayload> {
    const actor = actorOf((await ctx.principal())!);
    return mutate(ctx.language, async () => ({ order: await ctx.services.orders.submit(input, actor) }));
  }

  @FieldResolver(() => PartnerOrg, { nullable: true, description: 'The partner org the order was mapped to.' })
  partnerOrg(@Root() order: Order, @Ctx() ctx: Context): Promise<PartnerOrg | null> {
    return order.partnerOrgId ? ctx.services.orgs.partnerOrg(order.partnerOrgId) : Promise.resolve(null);
  }

  @FieldResolver(() => CustomerOrg, { nullable: true, description: 'The customer org the order was mapped to.' })
  customerOrg(@Root() order: Order, @Ctx() ctx: Context): Promise<CustomerOrg | null> {
    return order.customerOrgId ? ctx.services.orgs.customerOrg(order.customerOrgId) : Promise.resolve(null);
  }

  @FieldResolver(() => CustomerOrg, { nullable: true, description: 'For a trial conversion: the trial org the order must land on.' })
  trialCustomerOrg(@Root() order: Order, @Ctx() ctx: Context): Promise<CustomerOrg | null> {
    return order.trialCustomerOrgId ? ctx.services.orgs.customerOrg(order.trialCustomerOrgId) : Promise.resolve(null);
  }
}
