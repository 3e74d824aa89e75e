/** The demo set a fresh embedded database gets at start, so that a newcomer's first dashboard is not empty. */
import { Client } from 'pg';
import { generateData, GenerationSummary } from './generator';

export const DEMO_ORDERS = 2000;
/** Not the seed command's default (1), so that `npm run seed` adds to the demo set rather than meeting it. */
const DEMO_SEED = 0;

/** Generates the demo set when the database holds no order at all; returns what was generated, or null. */
export async function loadDemoData(databaseUrl: string, now: Date): Promise<GenerationSummary | null> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM orders LIMIT 1');
    if (rowCount) return null;
    return await generateData(client, { orders: DEMO_ORDERS, seed: DEMO_SEED, now });
  } finally {
    await client.end();
  }
}
