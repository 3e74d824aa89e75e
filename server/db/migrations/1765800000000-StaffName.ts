import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A staff member's name, shown beside their email (in the audit trail, the staff list). Nullable: the accounts made
 * before names, and the first administrator created from ADMIN_EMAIL at start, have none, and show their email alone.
 */
export class StaffName1765800000000 implements MigrationInterface {
  name = 'StaffName1765800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE staff ADD COLUMN name text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE staff DROP COLUMN name`);
  }
}
