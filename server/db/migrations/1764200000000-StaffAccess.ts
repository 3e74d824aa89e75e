import { MigrationInterface, QueryRunner } from 'typeorm';

/** Login throttling shared by every server process, and what staff see of an API key without its secret. */
export class StaffAccess1764200000000 implements MigrationInterface {
  name = 'StaffAccess1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- One row per throttled key: 'account:<lower email>' or 'address:<ip>'.
      CREATE TABLE login_throttle (
        key text PRIMARY KEY,
        failures int NOT NULL,
        last_failure_at timestamptz NOT NULL,
        blocked_until timestamptz NOT NULL
      );
      ALTER TABLE api_key ADD COLUMN hint text NOT NULL DEFAULT '';
      ALTER TABLE api_key ADD COLUMN created_by_staff_id uuid REFERENCES staff (id);
      ALTER TABLE staff ADD COLUMN version int NOT NULL DEFAULT 1;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE staff DROP COLUMN version;
      ALTER TABLE api_key DROP COLUMN created_by_staff_id, DROP COLUMN hint;
      DROP TABLE login_throttle;
    `);
  }
}
