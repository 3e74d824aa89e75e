import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The order list filtered by status and sorted by requested start date (the console's "awaiting details, soonest
 * first") orders by (requested_start_date, id): with the id in the index, a page is the index's first rows, where
 * before PostgreSQL read every order of the page's first dates and sorted them by id (66 rows for a page of 25 at
 * 100,000 orders, 0.18 ms against 0.07). The index replaces (status, requested_start_date), whose other readers (the
 * sweep's orders due to start) it serves alike: no index more for the order's writes to keep.
 */
export class OrderStatusStartDateIndex1765700000000 implements MigrationInterface {
  name = 'OrderStatusStartDateIndex1765700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE INDEX orders_status_requested_start_date_id ON orders (status, requested_start_date, id);
      DROP INDEX orders_status_requested_start_date;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE INDEX orders_status_requested_start_date ON orders (status, requested_start_date);
      DROP INDEX orders_status_requested_start_date_id;
    `);
  }
}
