import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum WebhookAttemptOutcome {
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  TIMED_OUT = 'TIMED_OUT',
  REFUSED = 'REFUSED',
}
registerEnumType(WebhookAttemptOutcome, {
  name: 'WebhookAttemptOutcome',
  description: 'How one POST of an event to an endpoint went.',
  valuesConfig: {
    SUCCEEDED: { description: 'The endpoint answered 2xx: the event is delivered.' },
    FAILED: { description: 'The endpoint answered another status, or the connection failed; retried later.' },
    TIMED_OUT: { description: 'No answer within the time limit (10 s); retried later.' },
    REFUSED: { description: 'Not sent: the host resolved to a private, loopback or link-local address; retried later.' },
  },
});

/** One POST of an event to an endpoint, as the delivery log shows it. */
@ObjectType({
  description:
    'One attempt to deliver an event to a webhook endpoint: its outcome, latency, response code and the first bytes of the answer.',
})
@Entity({ name: 'webhook_attempt' })
export class WebhookDeliveryAttempt {
  @Field(() => ID, { description: "The attempt's id (UUID)." })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { description: 'The delivery (the event queued for the endpoint) this attempt belongs to; a resend is a new delivery.' })
  @Column({ name: 'delivery_id', type: 'uuid' })
  deliveryId: string;

  @Field(() => ID, { description: 'The event sent (its Webhook-Id).' })
  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Field(() => ID, { description: 'The endpoint it was sent to.' })
  @Column({ name: 'endpoint_id', type: 'uuid' })
  endpointId: string;

  @Field(() => Date, { description: 'When it was sent (UTC instant).' })
  @Column({ name: 'attempted_at', type: 'timestamptz' })
  attemptedAt: Date;

  @Field(() => WebhookAttemptOutcome, { description: 'How it went.' })
  @Column({ type: 'text' })
  outcome: WebhookAttemptOutcome;

  @Field(() => Int, { description: 'Milliseconds from sending to the answer (or to giving up).' })
  @Column({ name: 'latency_ms', type: 'int' })
  latencyMs: number;

  @Field(() => Int, { nullable: true, description: "The answer's HTTP status; null when there was none." })
  @Column({ name: 'response_code', type: 'int', nullable: true })
  responseCode: number | null;

  @Field(() => String, { nullable: true, description: 'The first 512 characters of the answer body; null when there was none.' })
  @Column({ name: 'response_excerpt', type: 'text', nullable: true })
  responseExcerpt: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why it failed when there was no answer (timeout, connection error, refused address).',
  })
  @Column({ type: 'text', nullable: true })
  error: string | null;
}
