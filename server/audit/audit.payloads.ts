/** What the audit fields answer. */
import { Field, ObjectType } from 'type-graphql';
import { PageType } from '../platform/pagination';
import { AuditEvent } from './audit-event.entity';

export const AuditEventPage = PageType(AuditEvent);

@ObjectType({ description: 'Who made an audited change, as a person reads it. Staff only (representatives and administrators).' })
export class AuditActor {
  @Field(() => String, { description: 'STAFF, API_KEY, WIZARD (a provisioning session) or SYSTEM.' })
  kind: string;

  @Field(() => String, {
    nullable: true,
    description: "The staff member's login email, or the email of the wizard's provisioning contact; null for an API key and the system.",
  })
  email: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The staff member's name (null when they have none: then their email alone names them) or the API key's name; null for the others.",
  })
  name: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'For the wizard: the role its contact chose, PARTNER or CUSTOMER, while the session still holds its answers; null otherwise.',
  })
  role: string | null;
}

@ObjectType({ description: 'One field an audited change changed: its value before and after, as text.' })
export class AuditChange {
  @Field({ description: "The field's name, such as countryCode or trialExpiresAt." })
  field: string;

  @Field(() => String, {
    nullable: true,
    description: 'The value before, as text (JSON for a non-text value); null when it had none or the record was created.',
  })
  before: string | null;

  @Field(() => String, { nullable: true, description: 'The value after, as text (JSON for a non-text value); null when it has none.' })
  after: string | null;
}
