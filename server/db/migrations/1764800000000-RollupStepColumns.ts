import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The funnel's and the drop-off's counts per wizard step become one int column per step, in one row per period and
 * group. By partner org at a million orders, the funnel summed 27 thousand rows of two int[] (an element taken out of
 * an array per count and row: 44 ms, twice the time of plain columns), and the drop-off 108 thousand rows, one per
 * status and step, then joined the partner's name onto 25 thousand (85 ms).
 *
 * Columns are numbered by the step's rank, 1 (ROLE) to 7 (CONFIRM), as metric_step_rank gives it. The counts sit in
 * the primary key's leaf pages (INCLUDE), so a range is read by an index-only scan, in key order.
 */
const RANKS = [1, 2, 3, 4, 5, 6, 7];
const STEPS = ['ROLE', 'SETUP_PERFORMER', 'PARTNER_ORG', 'CUSTOMER_ADMIN', 'CUSTOMER_COMPANY', 'CUSTOMER_ORG', 'CONFIRM'];
const columns = (prefix: string) => RANKS.map((rank) => `${prefix}_${rank}`);

const FUNNEL_COUNTS = [
  'orders_booked',
  'setup_emails_sent',
  'links_opened',
  'orders_mapped',
  ...columns('orders_reached'),
  ...columns('sessions_reached'),
];
const DROP_OFF_COUNTS = [...columns('abandoned'), ...columns('expired')];
const PERIOD = `dim text NOT NULL, grain text NOT NULL CHECK (grain IN ('DAY', 'WEEK', 'MONTH')), day date NOT NULL, value text NOT NULL`;
const table = (name: string, counts: string[]) => `
  CREATE TABLE ${name} (${PERIOD}, ${counts.map((c) => `${c} int NOT NULL`).join(', ')},
    PRIMARY KEY (dim, grain, day, value) INCLUDE (${counts.join(', ')}))`;

export class RollupStepColumns1764800000000 implements MigrationInterface {
  name = 'RollupStepColumns1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE metric_funnel RENAME TO metric_funnel_by_array`);
    await db.query(`ALTER TABLE metric_funnel_by_array RENAME CONSTRAINT metric_funnel_pkey TO metric_funnel_by_array_pkey`);
    await db.query(table('metric_funnel', FUNNEL_COUNTS));
    await db.query(`
      INSERT INTO metric_funnel (dim, grain, day, value, ${FUNNEL_COUNTS.join(', ')})
      SELECT dim, grain, day, value, orders_booked, setup_emails_sent, links_opened, orders_mapped,
        ${RANKS.map((rank) => `orders_reached[${rank}]`).join(', ')}, ${RANKS.map((rank) => `sessions_reached[${rank}]`).join(', ')}
      FROM metric_funnel_by_array`);
    await db.query(`DROP TABLE metric_funnel_by_array`);

    await db.query(`ALTER TABLE metric_drop_off RENAME TO metric_drop_off_by_step`);
    await db.query(`ALTER TABLE metric_drop_off_by_step RENAME CONSTRAINT metric_drop_off_pkey TO metric_drop_off_by_step_pkey`);
    await db.query(table('metric_drop_off', DROP_OFF_COUNTS));
    const byStep = (status: string) =>
      STEPS.map((step) => `coalesce(sum(sessions) FILTER (WHERE status = '${status}' AND step = '${step}'), 0)`).join(', ');
    await db.query(`
      INSERT INTO metric_drop_off (dim, grain, day, value, ${DROP_OFF_COUNTS.join(', ')})
      SELECT dim, grain, day, value, ${byStep('ABANDONED')}, ${byStep('EXPIRED')}
      FROM metric_drop_off_by_step WHERE step IN (${STEPS.map((step) => `'${step}'`).join(', ')})
      GROUP BY dim, grain, day, value`);
    await db.query(`DROP TABLE metric_drop_off_by_step`);
    await db.query(`ANALYZE metric_funnel, metric_drop_off`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE metric_funnel RENAME TO metric_funnel_by_column`);
    await db.query(`ALTER TABLE metric_funnel_by_column RENAME CONSTRAINT metric_funnel_pkey TO metric_funnel_by_column_pkey`);
    await db.query(`
      CREATE TABLE metric_funnel (${PERIOD}, orders_booked int NOT NULL, setup_emails_sent int NOT NULL, links_opened int NOT NULL,
        orders_reached int[] NOT NULL, sessions_reached int[] NOT NULL, orders_mapped int NOT NULL, PRIMARY KEY (dim, grain, day, value))`);
    await db.query(`
      INSERT INTO metric_funnel (dim, grain, day, value, orders_booked, setup_emails_sent, links_opened, orders_reached, sessions_reached, orders_mapped)
      SELECT dim, grain, day, value, orders_booked, setup_emails_sent, links_opened,
        ARRAY[${columns('orders_reached').join(', ')}], ARRAY[${columns('sessions_reached').join(', ')}], orders_mapped
      FROM metric_funnel_by_column`);
    await db.query(`DROP TABLE metric_funnel_by_column`);

    await db.query(`ALTER TABLE metric_drop_off RENAME TO metric_drop_off_by_column`);
    await db.query(`ALTER TABLE metric_drop_off_by_column RENAME CONSTRAINT metric_drop_off_pkey TO metric_drop_off_by_column_pkey`);
    await db.query(`
      CREATE TABLE metric_drop_off (${PERIOD}, status text NOT NULL, step text NOT NULL, sessions int NOT NULL,
        PRIMARY KEY (dim, grain, day, value, status, step) INCLUDE (sessions))`);
    await db.query(`
      INSERT INTO metric_drop_off (dim, grain, day, value, status, step, sessions)
      SELECT d.dim, d.grain, d.day, d.value, x.status, x.step, x.sessions
      FROM metric_drop_off_by_column d
      CROSS JOIN LATERAL (VALUES ${STEPS.flatMap((step, i) => [
        `('ABANDONED', '${step}', d.abandoned_${i + 1})`,
        `('EXPIRED', '${step}', d.expired_${i + 1})`,
      ]).join(', ')}) x(status, step, sessions)
      WHERE x.sessions > 0`);
    await db.query(`DROP TABLE metric_drop_off_by_column`);
  }
}
