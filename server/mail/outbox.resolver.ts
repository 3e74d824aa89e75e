import { Arg, Authorized, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ACCESS } from '../platform/auth';
import { callerActor, Context } from '../platform/context';
import { mutate, UserError } from '../platform/errors';
import { PageInput, PageType } from '../platform/pagination';
import { EmailKind, EmailStatus, OutboxEmail } from './outbox-email.entity';
import { MailDelivery } from './outbox';

@InputType({ description: 'Outbox filters; all optional, combined with AND.' })
export class OutboxEmailFilter {
  @Field(() => EmailStatus, { nullable: true, description: 'Only emails in this delivery state.' })
  status?: EmailStatus;

  @Field(() => EmailKind, { nullable: true, description: 'Only emails of this kind.' })
  kind?: EmailKind;
}

@InputType({ description: 'Retries one waiting email now.' })
export class OutboxEmailRetryInput {
  @Field(() => ID, { description: 'The email to retry.' })
  id: string;
}

@ObjectType({ description: 'The answer to outboxEmailRetry: the email, or the refusals (NOT_FOUND, EMAIL_ALREADY_SENT).' })
export class OutboxEmailPayload {
  @Field(() => OutboxEmail, { nullable: true, description: 'The email, due now; null when refused.' })
  email?: OutboxEmail;

  @Field(() => [UserError], { description: 'Why the retry was refused; empty when it was queued.' })
  userErrors: UserError[];
}

const OutboxEmailPage = PageType(OutboxEmail);

@Resolver(() => OutboxEmail)
export class OutboxResolver {
  constructor(private readonly mail: MailDelivery) {}

  @Authorized(ACCESS.staffRead)
  @Query(() => OutboxEmailPage, { description: 'Staff: emails and their delivery state, newest first.' })
  outboxEmails(
    @Ctx() ctx: Context,
    @Arg('filter', () => OutboxEmailFilter, { nullable: true, description: 'Which emails; all of them when left out.' })
    filter?: OutboxEmailFilter,
    @Arg('page', () => PageInput, { nullable: true, description: 'Which page, newest first; the first 25 when left out.' })
    page?: PageInput,
  ) {
    return this.mail.list(filter ?? undefined, page ?? undefined);
  }

  @Authorized(ACCESS.rep)
  @Mutation(() => OutboxEmailPayload, { description: 'Representatives: retry a waiting email now instead of at its next attempt.' })
  async outboxEmailRetry(
    @Arg('input', { description: 'The email to retry.' }) input: OutboxEmailRetryInput,
    @Ctx() ctx: Context,
  ): Promise<OutboxEmailPayload> {
    const actor = await callerActor(ctx);
    return mutate(ctx.language, async () => ({ email: await this.mail.retryNow(input.id, actor) }));
  }
}
