import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox takes an email that belongs to no order: the notice to each ADMIN that a webhook endpoint was disabled
 * after three days of failed deliveries. order_id may be null for that kind only; every other kind keeps its order.
 *
 * The kind check is widened from the constraint as it stands, not rewritten from a list: another migration may have
 * added kinds of its own before this one runs.
 */
export class WebhookDisabledEmail1765600000000 implements MigrationInterface {
  name = 'WebhookDisabledEmail1765600000000';

  async up(db: QueryRunner): Promise<void> {
    await replaceKindCheck(db, (definition) => definition.replace('ARRAY[', "ARRAY['WEBHOOK_ENDPOINT_DISABLED'::text, "));
    await db.query(`
      ALTER TABLE outbox_email ALTER COLUMN order_id DROP NOT NULL,
        ADD CONSTRAINT outbox_email_order_check CHECK (order_id IS NOT NULL OR kind = 'WEBHOOK_ENDPOINT_DISABLED')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM outbox_email WHERE kind = 'WEBHOOK_ENDPOINT_DISABLED'`);
    await db.query(`ALTER TABLE outbox_email DROP CONSTRAINT outbox_email_order_check, ALTER COLUMN order_id SET NOT NULL`);
    await replaceKindCheck(db, (definition) => definition.replace("'WEBHOOK_ENDPOINT_DISABLED'::text, ", ''));
  }
}

/** Rewrites outbox_email_kind_check from its current definition (as PostgreSQL prints it: CHECK ((kind = ANY (ARRAY[...])))). */
async function replaceKindCheck(db: QueryRunner, change: (definition: string) => string): Promise<void> {
  const [{ definition }] = await db.query(
    `SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conname = 'outbox_email_kind_check' AND conrelid = 'outbox_email'::regclass`,
  );
  const changed = change(definition);
  if (changed === definition) throw new Error(`outbox_email_kind_check is not as expected: ${definition}`);
  await db.query(`ALTER TABLE outbox_email DROP CONSTRAINT outbox_email_kind_check, ADD CONSTRAINT outbox_email_kind_check ${changed}`);
}
