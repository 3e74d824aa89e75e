/**
 * Webhook endpoints as administrators manage them, the events they can read, and resending events. Every change is
 * audited without the secret; the secret is returned once, by create and rotate.
 */
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { recordAudit } from '../audit/audit';
import { EVENT_TYPES, isEventType } from '../events/event-types';
import { WebhookEvent } from '../events/webhook-event.entity';
import type { Actor } from '../platform/actor';
import type { Clock } from '../platform/clock';
import { Problem, problem, Refusal, refuseIfAny } from '../platform/errors';
import { Page, PageInput, pageOf } from '../platform/pagination';
import { checkOptionalText, isId, problems } from '../platform/validate';
import { checkDestination, parseWebhookUrl } from './destination';
import { WebhookDeliveryAttempt } from './webhook-attempt.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';

/** The most days one resend of a time range covers, and the most events it queues. */
export const RESEND_MAX_DAYS = 31;
export const RESEND_MAX_EVENTS = 10_000;

export interface WebhookSettings {
  /** http and private, loopback or link-local addresses allowed (WEBHOOK_ALLOW_PRIVATE, or outside production). */
  allowPrivate: boolean;
  /** A request gets no answer for this long: cut off, and retried (WEBHOOK_TIMEOUT_MS, 10 s by default). */
  timeoutMs: number;
}

export interface EndpointInput {
  url?: string | null;
  events?: string[] | null;
  description?: string | null;
}

/** A new signing secret: 32 random bytes, prefixed so that it is recognised when it leaks. */
function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

export class WebhookService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly settings: WebhookSettings,
  ) {}

  list(page?: PageInput): Promise<Page<WebhookEndpoint>> {
    return pageOf(this.db.getRepository(WebhookEndpoint).createQueryBuilder('w').orderBy('w.createdAt', 'DESC').addOrderBy('w.id'), page);
  }

  find(id: string): Promise<WebhookEndpoint | null> {
    return isId(id) ? this.db.getRepository(WebhookEndpoint).findOneBy({ id }) : Promise.resolve(null);
  }

  /** The delivery log, newest first: every attempt, or those of one endpoint or one event. */
  attempts(filter: { endpointId?: string | null; eventId?: string | null }, page?: PageInput): Promise<Page<WebhookDeliveryAttempt>> {
    const query = this.db
      .getRepository(WebhookDeliveryAttempt)
      .createQueryBuilder('a')
      .orderBy('a.attemptedAt', 'DESC')
      .addOrderBy('a.id', 'DESC');
    for (const [key, column] of [
      ['endpointId', 'a.endpointId'],
      ['eventId', 'a.eventId'],
    ] as const) {
      const id = filter[key];
      if (id === undefined || id === null) continue;
      if (!isId(id)) return Promise.resolve({ nodes: [], totalCount: 0 });
      query.andWhere(`${column} = :${key}`, { [key]: id });
    }
    return pageOf(query, page);
  }

  /** The events recorded, oldest first: of one order, or of a time range. */
  events(filter: { orderId?: string | null; from?: Date | null; to?: Date | null }, page?: PageInput): Promise<Page<WebhookEvent>> {
    const query = this.db.getRepository(WebhookEvent).createQueryBuilder('e').orderBy('e.seq', 'ASC');
    if (filter.orderId !== undefined && filter.orderId !== null) {
      if (!isId(filter.orderId)) return Promise.resolve({ nodes: [], totalCount: 0 });
      query.andWhere('e.orderId = :orderId', { orderId: filter.orderId });
    }
    if (filter.from) query.andWhere('e.createdAt >= :from', { from: filter.from });
    if (filter.to) query.andWhere('e.createdAt < :to', { to: filter.to });
    return pageOf(query, page);
  }

  /** Events of many orders, oldest first, for Order.webhookEvents. */
  async eventsOfOrder(orderId: string, page?: PageInput): Promise<Page<WebhookEvent>> {
    return this.events({ orderId }, page);
  }

  async create(input: EndpointInput, actor: Actor): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const checked = await this.checkInput(input, true);
    const now = this.clock.now();
    const secret = newSecret();
    const endpoint = await this.db.transaction(async (m) => {
      const { identifiers } = await m.insert(WebhookEndpoint, {
        url: checked.url!,
        events: checked.events!,
        description: checked.description ?? '',
        secret,
        enabled: true,
        failingSince: null,
        disabledAt: null,
        createdAt: now,
        updatedAt: now,
      });
      const created = await m.findOneByOrFail(WebhookEndpoint, { id: identifiers[0].id });
      await this.audit(m, actor, now, 'webhookEndpoint.create', created, null);
      return created;
    });
    return { endpoint, secret };
  }

  /** Changes what is given; `enabled: true` enables a disabled endpoint again (events recorded meanwhile are not queued: resend them). */
  async update(id: string, input: EndpointInput & { enabled?: boolean | null }, actor: Actor): Promise<WebhookEndpoint> {
    const checked = await this.checkInput(input, false);
    return this.change(id, actor, 'webhookEndpoint.update', (endpoint, now) => {
      if (checked.url !== undefined) endpoint.url = checked.url;
      if (checked.events !== undefined) endpoint.events = checked.events;
      if (checked.description !== undefined) endpoint.description = checked.description;
      if (input.enabled === true && !endpoint.enabled) Object.assign(endpoint, { enabled: true, disabledAt: null, failingSince: null });
      if (input.enabled === false && endpoint.enabled) Object.assign(endpoint, { enabled: false, disabledAt: now });
    });
  }

  disable(id: string, actor: Actor): Promise<WebhookEndpoint> {
    return this.change(id, actor, 'webhookEndpoint.disable', (endpoint, now) => {
      if (endpoint.enabled) Object.assign(endpoint, { enabled: false, disabledAt: now });
    });
  }

  async rotateSecret(id: string, actor: Actor): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const secret = newSecret();
    const endpoint = await this.change(id, actor, 'webhookEndpoint.rotateSecret', (found) => {
      found.secret = secret;
    });
    return { endpoint, secret };
  }

  /** Queues one event for an enabled endpoint again, due now; the receiver sees the same Webhook-Id. */
  async resend(eventId: string, endpointId: string, actor: Actor): Promise<WebhookEvent> {
    const now = this.clock.now();
    return this.db.transaction(async (m) => {
      const endpoint = await this.enabledEndpoint(m, endpointId);
      const event = isId(eventId) ? await m.findOneBy(WebhookEvent, { id: eventId }) : null;
      if (!event) throw Refusal.of('NOT_FOUND', 'eventId');
      await queueDeliveries(m, endpoint.id, [event.id], now);
      await recordAudit(m, actor, now, {
        action: 'webhookEvent.resend',
        entityType: 'WebhookEndpoint',
        entityId: endpoint.id,
        after: { eventId },
      });
      return event;
    });
  }

  /** Queues every event of [from, to) of the types the endpoint receives, in their order; returns how many. */
  async resendRange(endpointId: string, from: Date, to: Date, actor: Actor): Promise<number> {
    if (!(from.getTime() < to.getTime()) || to.getTime() - from.getTime() > RESEND_MAX_DAYS * 86_400_000) {
      throw Refusal.of('WEBHOOK_RANGE_INVALID', 'to', { days: RESEND_MAX_DAYS });
    }
    const now = this.clock.now();
    return this.db.transaction(async (m) => {
      const endpoint = await this.enabledEndpoint(m, endpointId);
      const rows: { id: string }[] = await m.query(
        `SELECT id FROM integration_event WHERE created_at >= $1 AND created_at < $2 AND type = ANY ($3) ORDER BY seq LIMIT $4`,
        [from, to, endpoint.events, RESEND_MAX_EVENTS + 1],
      );
      if (rows.length > RESEND_MAX_EVENTS) throw Refusal.of('WEBHOOK_TOO_MANY_EVENTS', 'from', { max: RESEND_MAX_EVENTS });
      await queueDeliveries(
        m,
        endpoint.id,
        rows.map((r) => r.id),
        now,
      );
      await recordAudit(m, actor, now, {
        action: 'webhookEvent.resendRange',
        entityType: 'WebhookEndpoint',
        entityId: endpoint.id,
        after: { from, to, events: rows.length },
      });
      return rows.length;
    });
  }

  private async enabledEndpoint(m: EntityManager, id: string): Promise<WebhookEndpoint> {
    const endpoint = isId(id) ? await m.findOneBy(WebhookEndpoint, { id }) : null;
    if (!endpoint) throw Refusal.of('NOT_FOUND', 'endpointId');
    if (!endpoint.enabled) throw Refusal.of('WEBHOOK_ENDPOINT_DISABLED', 'endpointId');
    return endpoint;
  }

  private async change(id: string, actor: Actor, action: string, apply: (endpoint: WebhookEndpoint, now: Date) => void) {
    const now = this.clock.now();
    return this.db.transaction(async (m) => {
      const endpoint = isId(id) ? await m.findOne(WebhookEndpoint, { where: { id }, lock: { mode: 'pessimistic_write' } }) : null;
      if (!endpoint) throw Refusal.of('NOT_FOUND', 'id');
      const before = { ...endpoint };
      apply(endpoint, now);
      endpoint.updatedAt = now;
      await m.save(endpoint);
      await this.audit(m, actor, now, action, endpoint, before);
      return endpoint;
    });
  }

  /** The endpoint's fields in the audit trail, never its secret. */
  private audit(m: EntityManager, actor: Actor, now: Date, action: string, after: WebhookEndpoint, before: WebhookEndpoint | null) {
    const shown = (e: WebhookEndpoint) => ({ url: e.url, events: e.events, description: e.description, enabled: e.enabled });
    return recordAudit(m, actor, now, {
      action,
      entityType: 'WebhookEndpoint',
      entityId: after.id,
      before: before ? shown(before) : null,
      after: shown(after),
    });
  }

  /** Every problem of the input at once; on create, url and events are required. */
  private async checkInput(input: EndpointInput, creating: boolean): Promise<{ url?: string; events?: string[]; description?: string }> {
    const found: Problem[] = [];
    const checked: { url?: string; events?: string[]; description?: string } = {};
    if (input.url !== undefined && input.url !== null) {
      const parsed = parseWebhookUrl(input.url, this.settings.allowPrivate);
      if (parsed.problem) found.push(parsed.problem);
      else {
        const refused = await checkDestination(parsed.url!, this.settings.allowPrivate);
        if (refused) found.push(refused);
        else checked.url = parsed.url!.toString();
      }
    } else if (creating) found.push(problem('REQUIRED', 'url'));
    if (input.events !== undefined && input.events !== null) {
      const unknown = input.events.find((type) => !isEventType(type));
      if (unknown !== undefined) found.push(problem('WEBHOOK_UNKNOWN_EVENT_TYPE', 'events', { type: unknown.slice(0, 100) }));
      else if (input.events.length === 0) found.push(problem('WEBHOOK_EVENTS_REQUIRED', 'events'));
      else checked.events = EVENT_TYPES.filter((type) => input.events!.includes(type));
    } else if (creating) found.push(problem('WEBHOOK_EVENTS_REQUIRED', 'events'));
    if (input.description !== undefined && input.description !== null) {
      found.push(...problems(checkOptionalText('description', input.description, 500)));
      checked.description = input.description.trim();
    }
    refuseIfAny(found);
    return checked;
  }
}

/** New PENDING deliveries of these events to one endpoint, due at once, in the events' order. */
async function queueDeliveries(m: EntityManager, endpointId: string, eventIds: string[], now: Date): Promise<void> {
  if (eventIds.length === 0) return;
  await m.query(
    `INSERT INTO event_delivery (event_id, endpoint_id, event_seq, order_id, status, next_attempt_at, created_at)
     SELECT e.id, $1, e.seq, e.order_id, 'PENDING', $2, $2 FROM integration_event e WHERE e.id = ANY ($3::uuid[]) ORDER BY e.seq`,
    [endpointId, now, eventIds],
  );
}
