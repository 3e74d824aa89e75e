/** What the audit trail is filtered by. */
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'Audit filters; all optional, combined with AND.' })
export class AuditEventFilter {
  @Field({ nullable: true, description: 'Order, CustomerOrg, PartnerOrg, Case, Staff, ApiKey.' })
  entityType?: string;

  @Field({ nullable: true, description: 'Only events on the record with this id.' })
  entityId?: string;

  @Field({ nullable: true, description: 'Only events by this actor (staff id, API key id or session id).' })
  actorId?: string;

  @Field({ nullable: true, description: 'Only this action, such as order.cancel.' })
  action?: string;

  @Field({ nullable: true, description: 'On or after this instant (ISO 8601).' })
  from?: string;

  @Field({ nullable: true, description: 'Before this instant (ISO 8601).' })
  to?: string;
}
