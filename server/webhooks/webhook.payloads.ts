/** What the webhook fields answer. */
import { Field, Int, ObjectType } from 'type-graphql';
import { WebhookEvent } from '../events/webhook-event.entity';
import { UserError } from '../platform/errors';
import { PageType } from '../platform/pagination';
import { WebhookDeliveryAttempt } from './webhook-attempt.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';

@ObjectType({
  description:
    'The answer to webhookEndpointCreate and webhookEndpointRotateSecret: the endpoint and its signing secret, shown this once; or the refusals.',
})
export class WebhookEndpointSecretPayload {
  @Field(() => WebhookEndpoint, { nullable: true, description: 'The endpoint; null when refused.' })
  webhookEndpoint?: WebhookEndpoint;

  @Field(() => String, { nullable: true, description: 'The signing secret: shown only in this answer, never again. Null when refused.' })
  secret?: string;

  @Field(() => [UserError], { description: 'Why the change was refused; empty when it was made.' })
  userErrors: UserError[];
}

@ObjectType({
  description: 'The answer to webhookEndpointUpdate and webhookEndpointDisable: the endpoint after the change, or the refusals.',
})
export class WebhookEndpointPayload {
  @Field(() => WebhookEndpoint, { nullable: true, description: 'The endpoint after the change; null when refused.' })
  webhookEndpoint?: WebhookEndpoint;

  @Field(() => [UserError], { description: 'Why the change was refused; empty when it was made.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'The answer to webhookEventResend: the event queued again, or the refusals.' })
export class WebhookEventResendPayload {
  @Field(() => WebhookEvent, { nullable: true, description: 'The event queued for delivery; null when refused.' })
  event?: WebhookEvent;

  @Field(() => [UserError], { description: 'Why the resend was refused; empty when it was queued.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'The answer to webhookEventsResend: how many events were queued again, or the refusals.' })
export class WebhookEventsResendPayload {
  @Field(() => Int, { nullable: true, description: 'How many events were queued; null when refused.' })
  queued?: number;

  @Field(() => [UserError], { description: 'Why the resend was refused; empty when it was queued.' })
  userErrors: UserError[];
}

export const WebhookEndpointPage = PageType(WebhookEndpoint);
export const WebhookDeliveryAttemptPage = PageType(WebhookDeliveryAttempt);
export const WebhookEventPage = PageType(WebhookEvent);
