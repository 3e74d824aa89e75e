/** What the outbox fields take. */
import { Field, ID, InputType } from 'type-graphql';
import { EmailKind, EmailStatus } from './outbox-email.entity';

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
