import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ActorKind } from '../platform/actor';

/** Who changed what, when, before and after. The database refuses UPDATE, DELETE and TRUNCATE on this table. */
@ObjectType({ description: 'Who changed what, when, before and after. Append-only.' })
@Entity({ name: 'audit_event' })
export class AuditEvent {
  @Field(() => ID, { description: "The event's id; ids grow with time." })
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Field({ description: 'When the change was committed (UTC instant).' })
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Field(() => String, { description: 'STAFF, API_KEY, WIZARD (a provisioning session) or SYSTEM.' })
  @Column({ name: 'actor_kind', type: 'text' })
  actorKind: ActorKind;

  @Field(() => String, { nullable: true, description: 'The staff id, API key id or session id.' })
  @Column({ name: 'actor_id', type: 'text', nullable: true })
  actorId: string | null;

  @Field({ description: 'What was done, such as order.cancel or customerOrg.extendTrial.' })
  @Column({ type: 'text' })
  action: string;

  @Field({ description: 'The kind of record changed: Order, CustomerOrg, PartnerOrg, Case, Staff, ApiKey, SupportedCountry.' })
  @Column({ name: 'entity_type', type: 'text' })
  entityType: string;

  @Field({ description: 'The id of the record changed (a country code for SupportedCountry).' })
  @Column({ name: 'entity_id', type: 'text' })
  entityId: string;

  @Field(() => GraphQLJSONObject, { nullable: true, description: "The record's fields before the change; null when it was created." })
  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: "The record's fields after the change." })
  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;
}
