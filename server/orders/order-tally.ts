/**
 * The order tally's statements (see the OrderTally migration): how many orders are in some statuses,
 * the fold of its rows into one per status, and its rebuild from the orders themselves for writers
 * that bypass its triggers (the data generator).
 */
export const ORDER_TALLY_SQL = {
  /** $1: the statuses, or null for every order. */
  count: tallyCount('$1'),

  /**
   * Once there are more than a few rows: safe beside itself, each fold summing only the rows its own
   * DELETE removed, and readers see the sum of the rows before or after it, which are equal.
   */
  fold: `
    WITH folded AS (
      DELETE FROM order_status_tally WHERE (SELECT count(*) > 32 FROM order_status_tally) RETURNING status, orders
    )
    INSERT INTO order_status_tally (status, orders) SELECT status, sum(orders) FROM folded GROUP BY status HAVING sum(orders) <> 0`,

  /** One statement, so the rows it deletes and the orders it counts are of one snapshot. */
  rebuild: `
    WITH emptied AS (DELETE FROM order_status_tally)
    INSERT INTO order_status_tally (status, orders) SELECT status, count(*) FROM orders GROUP BY status`,
};

/**
 * How many orders are in the statuses that `statuses` gives (a parameter of type text[]; null for every order), as a
 * statement or as a scalar subquery of one that reads something beside it.
 */
export function tallyCount(statuses: string): string {
  return `SELECT coalesce(sum(orders), 0)::bigint AS orders FROM order_status_tally WHERE ${statuses}::text[] IS NULL OR status = ANY(${statuses})`;
}
