/**
 * The refresh writes only the rollup rows whose counts changed: a week or month whose last order left a group (its
 * customer org moved to another country) is deleted, as a rebuild from the facts would never have made it.
 */
import { Client } from 'pg';
import { generateData } from '../../server/db/seed/generator';
import { rebuildMetrics, ROLLUP_TABLES } from '../../server/metrics/rollups';
import { Harness, startHarness } from '../support/harness';

let h: Harness;
let client: Client;
beforeAll(async () => {
  h = await startHarness();
  client = new Client({ connectionString: process.env.DATABASE_URL, options: `-c search_path=${h.schema}` });
  await client.connect();
  await generateData(client, { orders: 600, seed: 5, now: h.clock.now() });
  await rebuildMetrics(client);
}, 120_000);
afterAll(async () => {
  await client.end();
  await h.close();
});

test('a period emptied by a refresh is gone, as after a rebuild', async () => {
  // A customer org alone in its country for a whole month of mappings moves to a new country.
  const [alone] = (
    await client.query(
      `SELECT c.id, c.country_code FROM orders o JOIN customer_org c ON c.id = o.customer_org_id
        WHERE o.mapped_at IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM orders p JOIN customer_org d ON d.id = p.customer_org_id
            WHERE d.country_code = c.country_code AND d.id <> c.id)
        LIMIT 1`,
    )
  ).rows;
  expect(alone).toBeDefined();
  const before = await client.query(
    `SELECT count(*)::int AS n FROM metric_duration WHERE dim = 'COUNTRY' AND value = $1 AND grain = 'MONTH'`,
    [alone.country_code],
  );
  expect(before.rows[0].n).toBeGreaterThan(0);
  await client.query(`UPDATE customer_org SET country_code = 'US' WHERE id = $1`, [alone.id]);
  await h.services.metrics.refresh();
  const after = await client.query(`SELECT count(*)::int AS n FROM metric_duration WHERE dim = 'COUNTRY' AND value = $1`, [
    alone.country_code,
  ]);
  expect(after.rows[0].n).toBe(0);
  const snapshot = async () => {
    const tables: Record<string, unknown[]> = {};
    for (const table of ROLLUP_TABLES) tables[table] = (await client.query(`SELECT * FROM ${table} t ORDER BY t`)).rows;
    return tables;
  };
  const kept = await snapshot();
  await rebuildMetrics(client);
  expect(await snapshot()).toEqual(kept);
}, 120_000);
