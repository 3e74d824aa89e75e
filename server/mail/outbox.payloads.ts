/** What the outbox fields answer. */
import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../platform/errors';
import { PageType } from '../platform/pagination';
import { EmailKind, EmailLanguage, OutboxEmail } from './outbox-email.entity';

@ObjectType({ description: 'The answer to outboxEmailRetry: the email, or the refusals (NOT_FOUND, EMAIL_ALREADY_SENT).' })
export class OutboxEmailPayload {
  @Field(() => OutboxEmail, { nullable: true, description: 'The email, due now; null when refused.' })
  email?: OutboxEmail;

  @Field(() => [UserError], { description: 'Why the retry was refused; empty when it was queued.' })
  userErrors: UserError[];
}
export const OutboxEmailPage = PageType(OutboxEmail);

@ObjectType({ description: 'An email as the server writes it, filled with made-up data: for staff to read before anyone gets it.' })
export class EmailPreview {
  @Field(() => EmailKind, { description: 'Which email.' })
  kind: EmailKind;

  @Field(() => EmailLanguage, { description: 'The language it is written in.' })
  language: EmailLanguage;

  @Field({ description: 'The subject line.' })
  subject: string;

  @Field({ description: 'The plain-text part.' })
  text: string;

  @Field({ description: 'The HTML part: a whole document, to be shown sandboxed (it holds no script).' })
  html: string;
}
