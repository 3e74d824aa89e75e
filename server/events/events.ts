/**
 * Records an event for the commerce integration inside the caller's transaction (the outbox), so that an event exists
 * exactly when the change it reports commits. The same statement queues its delivery to every enabled webhook endpoint
 * that asked for its type; webhooks/ delivers after commit. Any feature may call this: it sits low, beside audit.
 */
import { EntityManager, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';
import { EVENT_API_VERSION, EventType } from './event-types';

export interface NewEvent {
  type: EventType;
  /** The order the event is about: deliveries of one order's events keep their order. Null when none. */
  orderId: string | null;
  data: Record<string, unknown>;
}

/**
 * One statement per event: the event row and one PENDING delivery per endpoint subscribed to its type, due at once.
 * Several events of one transaction are written in the order given, so their seq follows that order.
 */
const RECORD_EVENTS = `WITH recorded AS (
    INSERT INTO integration_event (type, order_id, created_at, api_version, data)
    SELECT e.type, e.order_id, $1, $2, e.data
      FROM unnest($3::text[], $4::uuid[], $5::jsonb[]) WITH ORDINALITY AS e(type, order_id, data, n)
     ORDER BY e.n
    RETURNING id, seq, type, order_id
  )
  INSERT INTO event_delivery (event_id, endpoint_id, event_seq, order_id, status, next_attempt_at, created_at)
  SELECT r.id, w.id, r.seq, r.order_id, 'PENDING', $1, $1
    FROM recorded r JOIN webhook_endpoint w ON w.enabled AND r.type = ANY (w.events)
  RETURNING event_id`;

export async function recordEvents(m: EntityManager, events: readonly NewEvent[], at: Date): Promise<void> {
  if (events.length === 0) return;
  const queued: unknown[] = await m.query(RECORD_EVENTS, [
    at,
    EVENT_API_VERSION,
    events.map((e) => e.type),
    events.map((e) => e.orderId),
    events.map((e) => JSON.stringify(e.data)),
  ]);
  // A delivery run after the commit only when an endpoint wants one of them: with none, there is nothing to deliver.
  if (queued.length > 0 && m.queryRunner) m.queryRunner.data = { ...m.queryRunner.data, [DELIVERIES_QUEUED]: true };
}

export function recordEvent(m: EntityManager, event: NewEvent, at: Date): Promise<void> {
  return recordEvents(m, [event], at);
}

const DELIVERIES_QUEUED = 'webhookDeliveriesQueued';

/**
 * Calls `committed` after a transaction that queued webhook deliveries commits: the composition starts their delivery.
 * A transaction that queued none starts no look for due deliveries (the minute's sweep retries those that failed).
 */
export class EventsCommitted implements EntitySubscriberInterface {
  constructor(private readonly committed: () => void) {}

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const data = event.queryRunner.data;
    if (!data?.[DELIVERIES_QUEUED]) return;
    event.queryRunner.data = { ...data, [DELIVERIES_QUEUED]: false };
    this.committed();
  }
}
