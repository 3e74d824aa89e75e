import type { OrderService } from '../orders/order.service';
import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { Grant } from '../platform/auth';
import { Context } from '../platform/context';
import { forbidden, mutate } from '../platform/errors';
import { OrderPreflightInput } from './preflight.inputs';
import { OrderPreflightPayload } from './preflight.payloads';
import { PreflightService } from './preflight';

/** Only the commerce integration asks before it books: staff read the orgs themselves, the wizard is the contact's own. */
const COMMERCE_ONLY: Grant[] = ['COMMERCE'];

@Resolver()
export class PreflightResolver {
  constructor(
    private readonly preflight: PreflightService,
    private readonly orders: OrderService,
  ) {}

  @Authorized(COMMERCE_ONLY)
  @Query(() => OrderPreflightPayload, {
    description:
      "The COMMERCE key, before orderSubmit: what the wizard will meet with this order, as findings with the wizard's codes (none when nothing stands in the way) and the facts behind them. Rate-limited per key (RATE_LIMITED, HTTP 429).",
  })
  async orderPreflight(
    @Arg('input', { description: 'The order as it is about to be booked.' }) input: OrderPreflightInput,
    @Ctx() ctx: Context,
  ): Promise<OrderPreflightPayload> {
    const principal = await ctx.principal();
    if (principal?.kind !== 'API_KEY') throw forbidden();
    await this.preflight.admit(principal.apiKeyId);
    const answer = await mutate(ctx.language, () => this.preflight.check(input, ctx.language, this.orders));
    return { findings: [], ...answer };
  }
}
