import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A case remembers the language its reporter used the wizard in, so that the email telling them it was resolved
 * speaks it (English for the cases reported before); the outbox takes a kind of email more, that one.
 *
 * The outbox's kind check is widened from the constraint as it stands, not rewritten from a list: another migration
 * may have added kinds of its own before this one runs.
 */
export class CaseReporterLanguage1765300000000 implements MigrationInterface {
  name = 'CaseReporterLanguage1765300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE support_case
        ADD COLUMN reporter_language text NOT NULL DEFAULT 'en' CONSTRAINT support_case_reporter_language_check CHECK (reporter_language IN ('en', 'bg'));
    `);
    await replaceKindCheck(db, (definition) => definition.replace('ARRAY[', "ARRAY['CASE_RESOLVED'::text, "));
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM outbox_email WHERE kind = 'CASE_RESOLVED'`);
    await replaceKindCheck(db, (definition) => definition.replace("'CASE_RESOLVED'::text, ", ''));
    await db.query(`ALTER TABLE support_case DROP COLUMN reporter_language`);
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
