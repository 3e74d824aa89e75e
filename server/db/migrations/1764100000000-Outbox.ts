import { MigrationInterface, QueryRunner } from 'typeorm';

/** Emails are written to an outbox in the transaction of the change that causes them, then delivered with retries. */
export class Outbox1764100000000 implements MigrationInterface {
  name = 'Outbox1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE outbox_email (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('SETUP_LINK', 'DELEGATED_SETUP_LINK', 'WELCOME')),
        order_id uuid NOT NULL REFERENCES orders (id),
        setup_link_id uuid REFERENCES setup_link (id),
        recipient text NOT NULL,
        subject text NOT NULL,
        text_body text NOT NULL,
        html_body text NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        last_error text,
        logged_at timestamptz,
        sent_at timestamptz,
        created_at timestamptz NOT NULL,
        CHECK (status = 'PENDING' OR sent_at IS NOT NULL)
      );
      CREATE INDEX outbox_email_due ON outbox_email (next_attempt_at) WHERE status = 'PENDING';
      CREATE INDEX outbox_email_order_id ON outbox_email (order_id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE outbox_email`);
  }
}
