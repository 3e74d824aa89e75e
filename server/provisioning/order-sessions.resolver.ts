/** An order's wizard sessions, as a field of the order. */
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Order } from '../orders/order.entity';
import type { Context } from '../platform/context';
import { ProvisioningSession } from './provisioning-session.entity';
import { ProvisioningService } from './provisioning.service';
import { SessionListService } from './session-list';
import { SessionLoaders } from './session.loaders';

@Resolver(() => Order)
export class OrderSessionsResolver {
  constructor(
    private readonly provisioning: ProvisioningService,
    private readonly sessionList: SessionListService,
  ) {}

  @FieldResolver(() => [ProvisioningSession], { description: "The order's wizard sessions, newest first (at most 200)." })
  sessions(@Root() order: Order, @Ctx() ctx: Context): Promise<ProvisioningSession[]> {
    return SessionLoaders.of(ctx, this.provisioning, this.sessionList).sessionsOf(order.id);
  }
}
