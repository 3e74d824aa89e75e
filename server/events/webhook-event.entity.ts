import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An event for the commerce integration, as recorded with the change it reports (events.ts writes it). */
@ObjectType({
  description: 'Something that happened that the commerce integration can be told of by webhook; the body each delivery POSTs.',
})
@Entity({ name: 'integration_event' })
export class WebhookEvent {
  @Field(() => ID, { description: "The event's id (UUID): the Webhook-Id header, the same on every delivery of it." })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The order of recording: deliveries of one order's events follow it. */
  @Column({ type: 'bigint' })
  seq: string;

  @Field(() => String, { description: 'What happened, such as order.mapped (docs/webhooks.md lists every type).' })
  @Column({ type: 'text' })
  type: string;

  @Column({ name: 'order_id', type: 'uuid', nullable: true })
  orderId: string | null;

  @Field(() => Date, { description: 'When it happened (UTC instant).' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => String, { description: "The version of the event's shape." })
  @Column({ name: 'api_version', type: 'text' })
  apiVersion: string;

  @Field(() => GraphQLJSONObject, { description: 'What the event tells, by type (docs/webhooks.md).' })
  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;
}
