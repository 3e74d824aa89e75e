import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks for the commerce integration.
 *
 * integration_event: the outbox of what happened (order.submitted, order.mapped, case.opened, ...), each row inserted in
 * the transaction of the change it reports; seq gives the order of recording, which deliveries of one order follow.
 * event_delivery: one row per event and endpoint to deliver to, inserted with the event (and again by a resend); PENDING
 * until the endpoint answers 2xx (DELIVERED) or three days of retries run out (FAILED).
 * webhook_endpoint: where events go, with the secret that signs them (needed in clear to sign; never readable through
 * the API). webhook_attempt: each POST, its outcome, latency, response code and the first bytes of the answer.
 */
export class Webhooks1765200000000 implements MigrationInterface {
  name = 'Webhooks1765200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE integration_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        type text NOT NULL,
        order_id uuid,
        created_at timestamptz NOT NULL,
        api_version text NOT NULL,
        data jsonb NOT NULL
      );
      CREATE INDEX integration_event_order ON integration_event (order_id, seq) WHERE order_id IS NOT NULL;
      CREATE INDEX integration_event_created ON integration_event (created_at, seq);

      CREATE TABLE webhook_endpoint (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        url text NOT NULL,
        events text[] NOT NULL,
        description text NOT NULL DEFAULT '',
        secret text NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        failing_since timestamptz,
        disabled_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );

      CREATE TABLE event_delivery (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES integration_event (id),
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoint (id),
        event_seq bigint NOT NULL,
        order_id uuid,
        status text NOT NULL CONSTRAINT event_delivery_status_check CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        delivered_at timestamptz
      );
      CREATE INDEX event_delivery_due ON event_delivery (next_attempt_at) WHERE status = 'PENDING';
      CREATE INDEX event_delivery_order ON event_delivery (endpoint_id, order_id, event_seq) WHERE status = 'PENDING';
      CREATE INDEX event_delivery_endpoint ON event_delivery (endpoint_id, created_at DESC);

      CREATE TABLE webhook_attempt (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        delivery_id uuid NOT NULL REFERENCES event_delivery (id),
        event_id uuid NOT NULL REFERENCES integration_event (id),
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoint (id),
        attempted_at timestamptz NOT NULL,
        outcome text NOT NULL CONSTRAINT webhook_attempt_outcome_check CHECK (outcome IN ('SUCCEEDED', 'FAILED', 'TIMED_OUT', 'REFUSED')),
        latency_ms int NOT NULL,
        response_code int,
        response_excerpt text,
        error text
      );
      CREATE INDEX webhook_attempt_endpoint ON webhook_attempt (endpoint_id, attempted_at DESC);
      CREATE INDEX webhook_attempt_event ON webhook_attempt (event_id, attempted_at DESC);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE webhook_attempt, event_delivery, webhook_endpoint, integration_event`);
  }
}
