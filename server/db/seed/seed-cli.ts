/**
 * `npm run seed -- --orders N [--seed S]`: generated data in DATABASE_URL's database or, when it is
 * unset, in the embedded PostgreSQL under DATA_DIR that `npm start` uses (stop the server first).
 */
import 'reflect-metadata';
import { join } from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../../config';
import { systemClock } from '../../platform/clock';
import { StaffService } from '../../staff/staff.service';
import { createDataSource, migrate } from '../data-source';
import { RunningDatabase, startEmbeddedPostgres } from '../embedded';
import { generateData, GenerationSummary, MAX_ORDERS, SeedTaken } from './generator';

const USAGE = 'usage: npm run seed -- --orders N [--seed S]';
/** The exit code of a refused command line. */
const BAD_ARGUMENTS = 2;

interface SeedArguments {
  orders: number;
  seed: number;
}

/** The command line's orders and seed, or why it is refused. */
function parseArguments(args: string[]): SeedArguments | { refusal: string } {
  const given: Partial<Record<keyof SeedArguments, string>> = {};
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s, 2);
    const name = { '--orders': 'orders', '--seed': 'seed' }[flag] as keyof SeedArguments | undefined;
    if (!name) return { refusal: `unknown argument ${args[i]}` };
    if (name in given) return { refusal: `${flag} is given twice` };
    const value = inline ?? args[++i];
    if (value === undefined || value === '') return { refusal: `${flag} needs a value` };
    given[name] = value;
  }
  if (given.orders === undefined) return { refusal: '--orders is required' };
  const orders = wholeNumber(given.orders);
  if (orders === undefined || orders < 1 || orders > MAX_ORDERS) {
    return { refusal: `--orders must be a whole number from 1 to ${MAX_ORDERS.toLocaleString('en-US')}, not ${given.orders}` };
  }
  const seed = given.seed === undefined ? 1 : wholeNumber(given.seed);
  if (seed === undefined || seed > 2_147_483_647)
    return { refusal: `--seed must be a whole number from 0 to 2147483647, not ${given.seed}` };
  return { orders, seed };
}

function wholeNumber(text: string): number | undefined {
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

function describe(summary: GenerationSummary, seconds: number, seed: number): string {
  const count = (n: number) => n.toLocaleString('en-US').padStart(12);
  const statuses = Object.entries(summary.ordersByStatus)
    .map(([status, n]) => `${status} ${n.toLocaleString('en-US')}`)
    .join(', ');
  return [
    `Generated ${summary.orders.toLocaleString('en-US')} orders with seed ${seed} in ${seconds.toFixed(1)} s:`,
    `  orders               ${count(summary.orders)}  (${statuses})`,
    `  partner orgs         ${count(summary.partnerOrgs)}`,
    `  customer orgs        ${count(summary.customerOrgs)}  (${summary.trials.toLocaleString('en-US')} started as trials)`,
    `  webex users          ${count(summary.webexUsers)}`,
    `  setup links          ${count(summary.setupLinks)}`,
    `  wizard sessions      ${count(summary.sessions)}`,
    `  provisioning events  ${count(summary.events)}`,
    `  support cases        ${count(summary.cases)}`,
    '  and the metrics rebuilt from them',
  ].join('\n');
}

async function main(): Promise<number> {
  const parsed = parseArguments(process.argv.slice(2));
  if ('refusal' in parsed) {
    console.error(`seed: ${parsed.refusal}\n${USAGE}`);
    return BAD_ARGUMENTS;
  }
  const config = loadConfig();
  const database: RunningDatabase = config.databaseUrl
    ? { url: config.databaseUrl, stop: async () => undefined }
    : await startEmbeddedPostgres(join(config.dataDir, 'postgres'));
  try {
    const db = createDataSource({ url: database.url, poolSize: 2 });
    await db.initialize();
    try {
      await migrate(db);
      // As a first start would: the generator's representative must not stand in for the first administrator.
      const firstAdmin = await new StaffService(db, systemClock).ensureFirstAdmin(config.adminEmail, config.adminPassword);
      if (firstAdmin) {
        console.log(
          `First administrator: ${firstAdmin.email}` + (firstAdmin.password ? ` / password ${firstAdmin.password} (shown once)` : ''),
        );
      }
    } finally {
      await db.destroy();
    }
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const started = performance.now();
      const summary = await generateData(client, { ...parsed, now: new Date() });
      console.log(describe(summary, (performance.now() - started) / 1000, parsed.seed));
    } catch (error) {
      if (!(error instanceof SeedTaken)) throw error;
      console.error(`seed: ${error.message}\n${USAGE}`);
      return BAD_ARGUMENTS;
    } finally {
      await client.end();
    }
    return 0;
  } finally {
    await database.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
