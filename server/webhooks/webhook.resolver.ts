import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { ACCESS } from '../platform/auth';
import { callerActor, Context } from '../platform/context';
import { mutate } from '../platform/errors';
import { PageInput } from '../platform/pagination';
import {
  WebhookDeliveryFilter,
  WebhookEndpointCreateInput,
  WebhookEndpointIdInput,
  WebhookEndpointUpdateInput,
  WebhookEventFilter,
  WebhookEventResendInput,
  WebhookEventsResendInput,
} from './webhook.inputs';
import {
  WebhookDeliveryAttemptPage,
  WebhookEndpointPage,
  WebhookEndpointPayload,
  WebhookEndpointSecretPayload,
  WebhookEventPage,
  WebhookEventResendPayload,
  WebhookEventsResendPayload,
} from './webhook.payloads';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhookService } from './webhook.service';

const PAGE_DESCRIPTION = 'Which page; the first 25 when left out.';

@Resolver()
export class WebhookResolver {
  constructor(private readonly webhooks: WebhookService) {}

  @Authorized(ACCESS.admin)
  @Query(() => WebhookEndpointPage, {
    description: 'Administrators: the webhook endpoints, newest first. Their secrets are never readable.',
  })
  webhookEndpoints(@Arg('page', () => PageInput, { nullable: true, description: PAGE_DESCRIPTION }) page?: PageInput) {
    return this.webhooks.list(page ?? undefined);
  }

  @Authorized(ACCESS.admin)
  @Query(() => WebhookEndpoint, { nullable: true, description: 'Administrators: one webhook endpoint by id; null when there is none.' })
  webhookEndpoint(@Arg('id', () => ID, { description: "The endpoint's id." }) id: string) {
    return this.webhooks.find(id);
  }

  @Authorized(ACCESS.admin)
  @Query(() => WebhookDeliveryAttemptPage, {
    description:
      'Administrators: the delivery log, newest first: each attempt with its outcome, latency, response code and the first bytes of the answer.',
  })
  webhookDeliveries(
    @Arg('filter', () => WebhookDeliveryFilter, { nullable: true, description: 'Which attempts; all when left out.' })
    filter?: WebhookDeliveryFilter,
    @Arg('page', () => PageInput, { nullable: true, description: PAGE_DESCRIPTION }) page?: PageInput,
  ) {
    return this.webhooks.attempts(filter ?? {}, page ?? undefined);
  }

  @Authorized(ACCESS.admin)
  @Query(() => WebhookEventPage, {
    description: 'Administrators: the events recorded for the commerce integration, oldest first: of one order, or of a time range.',
  })
  webhookEvents(
    @Arg('filter', () => WebhookEventFilter, { nullable: true, description: 'Which events; all when left out.' })
    filter?: WebhookEventFilter,
    @Arg('page', () => PageInput, { nullable: true, description: PAGE_DESCRIPTION }) page?: PageInput,
  ) {
    return this.webhooks.events(filter ?? {}, page ?? undefined);
  }

  @Authorized(ACCESS.admin)
  @Mutation(() => WebhookEndpointSecretPayload, {
    description:
      'Administrators: registers a webhook endpoint; its signing secret is in this answer only. Audited. Refusals: REQUIRED, WEBHOOK_URL_INVALID, WEBHOOK_URL_NOT_HTTPS, WEBHOOK_URL_PRIVATE_ADDRESS, WEBHOOK_URL_UNRESOLVABLE, WEBHOOK_EVENTS_REQUIRED, WEBHOOK_UNKNOWN_EVENT_TYPE, TOO_LONG.',
  })
  async webhookEndpointCreate(
    @Arg('input', { description: 'The URL, the event types and a description.' }) input: WebhookEndpointCreateInput,
    @Ctx() ctx: Context,
  ): Promise<WebhookEndpointSecretPayload> {
    const actor = await callerActor(ctx);
    return mutate(ctx.language, async () => {
      const { endpoint, secret } = await this.webhooks.create(input, actor);
      return { webhookEndpoint: endpoint, secret };
    });
  }

  @Authorized(ACCESS.admin)
  @Mutation(() => WebhookEndpointPayload, {
    description:
      'Administrators: changes a webhook endpoint, enables or disables it. Audited. Refusals: NOT_FOUND and those of webhookEndpointCreate.',
  })
  async webhookEndpointUpdate(
    @Arg('input', { description: 'The endpoint and what changes.' }) input: WebhookEndpointUpdateInput,
    @Ctx() ctx: Context,
  ): Promise<WebhookEndpointPayload> {
    const actor = await callerActor(ctx);
    return mutate(ctx.language, async () => ({ webhookEndpoint: await this.webhooks.update(input.id, input, actor) }));
  }

  @Authorized(ACCESS.admin)
  @Mutation(() => WebhookEndpointPayload, {
    description: 'Administrators: stops deliveries to a webhook endpoint until it is enabled again. Audited. Refusals: NOT_FOUND.',
  })
  async webhookEndpointDisable(
    @Arg('input', { description: 'The endpoint.' }) input: WebhookEndpointIdInput,
    @Ctx() ctx: Context,
  ): Promise<WebhookEndpointPayload> {
    const actor = await callerActor(ctx);
    return mutate(ctx.language, async () => ({ webhookEndpoint: await this.webhooks.disable(input.id, actor) }));
  }

  @Authorized(ACCESS.admin)
  @Mutation(() => WebhookEndpointSecretPayload, {
    description:
      'Administrators: a new signing secret for a webhook endpoint, in this answer only; the old one stops signing at once. Audited. Refusals: NOT_FOUND.',
  })
  async webhookEndpointRotateSecret(
    @Arg('input', { description: 'The endpoint.' }) input: WebhookEndpointIdInput,
    @Ctx() ctx: Context,
  ): Promise<WebhookEndpointSecretPayload> {
    const actor = await callerActor(ctx);
    return mutate(ctx.language, async () => {
      const { endpoint, secret } = await this.webhooks.rotateSecret(input.id, actor);
      return { webhookEndpoint: endpoint, secret };
    });
  }

  @Authorized(ACCESS.admin)
  @Mutation(() => WebhookEventResendPayload, {
    description:
      'Administrators: delivers one event to an endpoint again, with the same Webhook-Id. Audited. Refusals: NOT_FOUND, WEBHOOK_ENDPOINT_DISABLED.',
  })
  async webhookEventResend(
    @Arg('input', { description: 'The event and the endpoint.' }) input: WebhookEventResendInput,
    @Ctx() ctx: Context,
  ): Promise<WebhookEventResendPayload> {
    const actor = await callerActor(ctx);
    return mutate(ctx.language, async () => ({ event: await this.webhooks.resend(input.eventId, input.endpointId, actor) }));
  }

  @Authorized(ACCESS.admin)
  @Mutation(() => WebhookEventsResendPayload, {
    description:
      'Administrators: delivers every event of a time range (of the types the endpoint receives) to it again, in order. Audited. Refusals: NOT_FOUND, WEBHOOK_ENDPOINT_DISABLED, WEBHOOK_RANGE_INVALID, WEBHOOK_TOO_MANY_EVENTS.',
  })
  async webhookEventsResend(
    @Arg('input', { description: 'The endpoint and the range.' }) input: WebhookEventsResendInput,
    @Ctx() ctx: Context,
  ): Promise<WebhookEventsResendPayload> {
    const actor = await callerActor(ctx);
    return mutate(ctx.language, async () => ({ queued: await this.webhooks.resendRange(input.endpointId, input.from, input.to, actor) }));
  }
}
