import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The funnel counts the reminders before the setup window closes: orders reminded at least once, reminder emails
 * sent, and orders mapped after a reminder, by the order's booking day like the rest of the funnel. A reminder moves
 * its order's reminded_through, so the orders trigger already marks the booking day stale; no new trigger.
 *
 * The counts join the others in the primary key's leaf pages (INCLUDE), so a range stays an index-only scan. The
 * booking days of the orders already reminded are queued for the refresh, which fills their rows in.
 */
const COUNTS_BEFORE = [
  'orders_booked',
  'setup_emails_sent',
  'links_opened',
  'orders_mapped',
  ...['orders_reached', 'sessions_reached'].flatMap((prefix) => [1, 2, 3, 4, 5, 6, 7].map((rank) => `${prefix}_${rank}`)),
];
const ADDED = ['orders_reminded', 'reminders_sent', 'orders_mapped_after_reminder'];

export class FunnelReminders1765400000000 implements MigrationInterface {
  name = 'FunnelReminders1765400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE metric_funnel ${ADDED.map((column) => `ADD COLUMN ${column} int NOT NULL DEFAULT 0`).join(', ')},
        DROP CONSTRAINT metric_funnel_pkey,
        ADD CONSTRAINT metric_funnel_pkey PRIMARY KEY (dim, grain, day, value) INCLUDE (${[...COUNTS_BEFORE, ...ADDED].join(', ')})`);
    await db.query(`ALTER TABLE metric_funnel ${ADDED.map((column) => `ALTER COLUMN ${column} DROP DEFAULT`).join(', ')}`);
    await db.query(`
      INSERT INTO metric_stale_day (family, day)
      SELECT DISTINCT 'FUNNEL', (o.created_at AT TIME ZONE 'UTC')::date
      FROM outbox_email e JOIN orders o ON o.id = e.order_id WHERE e.kind = 'SETUP_REMINDER'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE metric_funnel DROP CONSTRAINT metric_funnel_pkey,
        ${ADDED.map((column) => `DROP COLUMN ${column}`).join(', ')},
        ADD CONSTRAINT metric_funnel_pkey PRIMARY KEY (dim, grain, day, value) INCLUDE (${COUNTS_BEFORE.join(', ')})`);
  }
}
