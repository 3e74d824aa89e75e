/** What the outbox fields answer. */
import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../platform/errors';
import { PageType } from '../platform/pagination';
import { OutboxEmail } from './outbox-email.entity';

@ObjectType({ description: 'The answer to outboxEmailRetry: the email, or the refusals (NOT_FOUND, EMAIL_ALREADY_SENT).' })
export class OutboxEmailPayload {
  @Field(() => OutboxEmail, { nullable: true, description: 'The email, due now; null when refused.' })
  email?: OutboxEmail;

  @Field(() => [UserError], { description: 'Why the retry was refused; empty when it was queued.' })
  userErrors: UserError[];
}
export const OutboxEmailPage = PageType(OutboxEmail);
