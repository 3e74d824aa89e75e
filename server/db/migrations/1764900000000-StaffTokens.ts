import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff tokens that can end before they expire, and login throttling that claims each attempt before the password
 * is checked.
 *
 * A staff JWT carries its account's token generation: disabling, enabling, a new role or a new password adds one, and
 * every earlier token stops matching. A token ended by its own logout is kept by its id (the JWT's jti) until it would
 * have expired anyway.
 *
 * A login_throttle row remembers whether the last attempt it counted was let through, so that the statement claiming
 * a slot also tells its caller, under the row's lock, whether it got one.
 */
export class StaffTokens1764900000000 implements MigrationInterface {
  name = 'StaffTokens1764900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE staff ADD COLUMN token_generation int NOT NULL DEFAULT 0;
      CREATE TABLE revoked_staff_token (
        id uuid PRIMARY KEY,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX revoked_staff_token_expires_at ON revoked_staff_token (expires_at);
      ALTER TABLE login_throttle ADD COLUMN last_attempt_allowed boolean NOT NULL DEFAULT true;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE login_throttle DROP COLUMN last_attempt_allowed;
      DROP TABLE revoked_staff_token;
      ALTER TABLE staff DROP COLUMN token_generation;
    `);
  }
}
