import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An order's language, of the emails to its provisioning contact (English unless the commerce system or the
 * contact's use of the wizard says otherwise), and how far its reminders before the setup window closes are settled.
 *
 * reminded_through: reminders due up to this instant were sent, or passed over because a fresh Set up now email went
 * out after them. Opening the window sets it, so an order owes no reminder from before its email. The orders awaiting
 * details now start at the migration: none gets a burst of overdue reminders. A row written by other means than the
 * order service (the demo data) has none, and gets no reminder until a Set up now email of its own. The outbox takes a
 * fourth kind of email, the reminder.
 */
export class OrderLanguageAndReminders1765150000000 implements MigrationInterface {
  name = 'OrderLanguageAndReminders1765150000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE orders
        ADD COLUMN language text NOT NULL DEFAULT 'en' CONSTRAINT orders_language_check CHECK (language IN ('en', 'bg')),
        ADD COLUMN reminded_through timestamptz;
      UPDATE orders SET reminded_through = now() WHERE status = 'AWAITING_PROVISIONING_DETAILS';
      ALTER TABLE outbox_email DROP CONSTRAINT outbox_email_kind_check,
        ADD CONSTRAINT outbox_email_kind_check CHECK (kind IN ('SETUP_LINK', 'DELEGATED_SETUP_LINK', 'WELCOME', 'SETUP_REMINDER'));
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DELETE FROM outbox_email WHERE kind = 'SETUP_REMINDER';
      ALTER TABLE outbox_email DROP CONSTRAINT outbox_email_kind_check,
        ADD CONSTRAINT outbox_email_kind_check CHECK (kind IN ('SETUP_LINK', 'DELEGATED_SETUP_LINK', 'WELCOME'));
      ALTER TABLE orders DROP COLUMN reminded_through, DROP COLUMN language;
    `);
  }
}
