import { Arg, Authorized, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Order } from '../orders/order.entity';
import { ACCESS } from '../platform/auth';
import { callerActor, Context } from '../platform/context';
import { mutate, UserError } from '../platform/errors';
import { PageInput, PageType } from '../platform/pagination';
import { EmailKind, EmailStatus, OutboxEmail } from './outbox-email.entity';

@InputType({ description: 'Outbox filters; all optional, combined with AND.' })
export class OutboxEmailFilter {
  @Field(() => EmailStatus, { nullable: true })
  status?: EmailStatus;

  @Field(() => EmailKind, { nullable: true })
  kind?: EmailKind;
}

@InputType()
export class OutboxEmailRetryInput {
  @Field(() => ID)
  id: string;
}

@ObjectType()
export class OutboxEmailPayload {
  @Field(() => OutboxEmail, { nullable: true })
  email?: OutboxEmail;

  @Field(() => [UserError])
  userErrors: UserError[];
}

const OutboxEmailPage = PageType(OutboxEmail);

@Resolver(() => OutboxEmail)
export class OutboxResolver {
  @Authorized(ACCESS.staffRead)
  @Query(() => OutboxEmailPage, { description: 'Staff: emails and their delivery state, newest first.' })
  outboxEmails(
    @Ctx() ctx: Context,
    @Arg('filter', () => OutboxEmailFilter, { nullable: true }) filter?: OutboxEmailFilter,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput,
  ) {
    return ctx.services.mail.list(filter ?? undefined, page ?? undefined);
  }

  @Authorized(ACCESS.rep)
  @Mutation(() => OutboxEmailPayload, { description: 'Representatives: retry a waiting email now instead of at its next attempt.' })
  async outboxEmailRetry(@Arg('input') input: OutboxEmailRetryInput, @Ctx() ctx: Context): Promise<OutboxEmailPayload> {
    const actor = await callerActor(ctx);
    return mutate(ctx.language, async () => ({ email: await ctx.services.mail.retryNow(input.id, actor) }));
  }

  @FieldResolver(() => Order, { nullable: true, description: 'The order the email is about.' })
  order(@Root() email: OutboxEmail, @Ctx() ctx: Context): Promise<Order | null> {
    return ctx.loaders.order(email.orderId);
  }
}
