import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ACCESS } from '../platform/auth';
import { callerActor, Context } from '../platform/context';
import { mutate } from '../platform/errors';
import { PageInput } from '../platform/pagination';
import { EmailKind, EmailLanguage, OutboxEmail } from './outbox-email.entity';
import { EmailWaitReason, MailDelivery } from './outbox';
import { OutboxEmailFilter, OutboxEmailRetryInput } from './outbox.inputs';
import { EmailPreview, OutboxEmailPayload, OutboxEmailPage } from './outbox.payloads';
import { previewEmail } from './templates';

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

  @Authorized(ACCESS.staffRead)
  @Query(() => EmailPreview, { description: 'Staff: an email of this kind in this language, as the server writes it, with made-up data.' })
  async emailPreview(
    @Arg('kind', () => EmailKind, { description: 'Which email.' }) kind: EmailKind,
    @Arg('language', () => EmailLanguage, { description: 'Its language.' }) language: EmailLanguage,
    @Ctx() ctx: Context,
  ): Promise<EmailPreview> {
    return { kind, language, ...(await previewEmail(kind, language)) };
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

  @FieldResolver(() => EmailWaitReason, {
    nullable: true,
    description:
      'Why it is still waiting: no relay configured, the relay refusing (see lastError and nextAttemptAt), or due for its first attempt; null once sent.',
  })
  waitReason(@Root() email: OutboxEmail): EmailWaitReason | null {
    return this.mail.waitReason(email);
  }
}
