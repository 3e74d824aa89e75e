/** What the webhook fields take. */
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A new webhook endpoint.' })
export class WebhookEndpointCreateInput {
  @Field(() => String, {
    description: 'Where events are POSTed: https and a public address in production (WEBHOOK_ALLOW_PRIVATE lifts both).',
  })
  url: string;

  @Field(() => [String], { description: 'The event types to receive, at least one, such as order.mapped (docs/webhooks.md).' })
  events: string[];

  @Field(() => String, { nullable: true, description: 'What the endpoint is for (up to 500 characters).' })
  description?: string | null;
}

@InputType({ description: 'Changes to a webhook endpoint: only the fields given change.' })
export class WebhookEndpointUpdateInput {
  @Field(() => ID, { description: 'The endpoint.' })
  id: string;

  @Field(() => String, { nullable: true, description: 'A new URL, checked as on create.' })
  url?: string | null;

  @Field(() => [String], { nullable: true, description: 'The event types to receive from now on.' })
  events?: string[] | null;

  @Field(() => String, { nullable: true, description: 'A new description.' })
  description?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true enables a disabled endpoint again (events recorded while it was disabled are not queued: resend them); false disables it.',
  })
  enabled?: boolean | null;
}

@InputType({ description: 'Names one webhook endpoint.' })
export class WebhookEndpointIdInput {
  @Field(() => ID, { description: 'The endpoint.' })
  id: string;
}

@InputType({ description: 'One event to deliver again to one endpoint.' })
export class WebhookEventResendInput {
  @Field(() => ID, { description: 'The event (its Webhook-Id stays the same).' })
  eventId: string;

  @Field(() => ID, { description: 'The endpoint, which must be enabled.' })
  endpointId: string;
}

@InputType({ description: 'Every event of a time range to deliver again to one endpoint, of the types it receives, in their order.' })
export class WebhookEventsResendInput {
  @Field(() => ID, { description: 'The endpoint, which must be enabled.' })
  endpointId: string;

  @Field(() => Date, { description: 'From this instant (included).' })
  from: Date;

  @Field(() => Date, { description: 'To this instant (excluded); at most 31 days after from.' })
  to: Date;
}

@InputType({ description: 'Which delivery attempts; all when left out.' })
export class WebhookDeliveryFilter {
  @Field(() => ID, { nullable: true, description: 'Only the attempts to this endpoint.' })
  endpointId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only the attempts of this event.' })
  eventId?: string | null;
}

@InputType({ description: 'Which events; all when left out.' })
export class WebhookEventFilter {
  @Field(() => ID, { nullable: true, description: 'Only the events of this order.' })
  orderId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Only events from this instant (included).' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Only events before this instant.' })
  to?: Date | null;
}
