import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Where the commerce integration hears of events: a URL, the event types it asked for, and the secret that signs them. */
@ObjectType({ description: 'A webhook endpoint: a URL that receives signed events of the types it asked for.' })
@Entity({ name: 'webhook_endpoint' })
export class WebhookEndpoint {
  @Field(() => ID, { description: "The endpoint's id (UUID)." })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => String, { description: 'Where events are POSTed.' })
  @Column({ type: 'text' })
  url: string;

  @Field(() => [String], { description: 'The event types it receives, such as order.mapped.' })
  @Column({ type: 'text', array: true })
  events: string[];

  @Field(() => String, { description: 'What the endpoint is for, as its administrator wrote it.' })
  @Column({ type: 'text' })
  description: string;

  /** Signs each delivery (HMAC-SHA256); shown once when created or rotated, never readable through the API. */
  @Column({ type: 'text' })
  secret: string;

  @Field(() => Boolean, { description: 'Whether events are delivered to it; a disabled endpoint gets none until enabled again.' })
  @Column({ type: 'boolean' })
  enabled: boolean;

  @Field(() => Date, {
    nullable: true,
    description: 'Since when every delivery to it has failed (UTC instant); null while it answers. Three days of it disable it.',
  })
  @Column({ name: 'failing_since', type: 'timestamptz', nullable: true })
  failingSince: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was disabled (UTC instant); null while enabled.' })
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @Field(() => Date, { description: 'When it was registered (UTC instant).' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date, { description: 'When it last changed (UTC instant).' })
  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
