/** Starts everything: configuration, the database (embedded or DATABASE_URL), migrations, HTTP, the scheduled jobs. */
import 'reflect-metadata';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { createLogger } from './platform/logging';
import { createApp } from './app';
import { Config, loadConfig } from './config';
import { createDataSource, migrate } from './db/data-source';
import { RunningDatabase, startEmbeddedPostgres } from './db/embedded';
import { DEMO_ORDERS, loadDemoData } from './db/seed/demo';
import { systemClock } from './platform/clock';
import { createTransport } from 'nodemailer';
import { Jobs, startJobs, sweep } from './platform/jobs';
import { createServices } from './services';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  let database: RunningDatabase;
  if (config.databaseUrl) {
    database = { url: config.databaseUrl, stop: async () => undefined };
  } else {
    logger.info(`starting the embedded PostgreSQL in ${join(config.dataDir, 'postgres')}`);
    database = await startEmbeddedPostgres(join(config.dataDir, 'postgres'), { log: (line) => logger.debug(line) });
  }
  try {
    await serve(config, logger, database);
  } catch (error) {
    // Never leave an embedded postgres behind when start-up fails.
    await database.stop();
    throw error;
  }
}

async function serve(config: Config, logger: Logger, database: RunningDatabase): Promise<void> {
  const db = createDataSource({ url: database.url });
  await db.initialize();
  await migrate(db);

  let jobs: Jobs | undefined;
  const services = createServices({
    db,
    clock: systemClock,
    logger,
    publicUrl: config.publicUrl,
    mailTransport: config.smtpUrl ? createTransport(config.smtpUrl) : null,
    mailFrom: config.mailFrom,
    logEmailText: process.env.NODE_ENV !== 'production',
    mailQueued: () => jobs?.mailQueued(),
    entryRequestsPerMinute: config.entryRequestsPerMinute,
  });
  const firstAdmin = await services.staff.ensureFirstAdmin(config.adminEmail, config.adminPassword);
  if (config.commerceApiKey) await services.staff.ensureApiKey('COMMERCE_API_KEY', config.commerceApiKey);
  // A newcomer's embedded database starts with demo data; a configured database never gets any.
  const demo = !config.databaseUrl && !['test', 'production'].includes(process.env.NODE_ENV ?? '');
  if (demo && (await loadDemoData(database.url, systemClock.now()))) console.log(`Demo data loaded: ${DEMO_ORDERS} generated orders`);

  const app = await createApp({
    db,
    services,
    logger,
    exposeInternals: config.exposeInternals,
    trustProxy: config.trustProxy,
  });
  await new Promise<void>((listening, failed) => {
    app.httpServer.once('error', failed);
    app.httpServer.listen(config.port, listening);
  });

  // Catch up on what fell due while no server ran, then leave it to the minute's scheduled sweep.
  await sweep(services);
  jobs = await startJobs(database.url, services, logger);

  // One write, so that whoever waits for the API line (a person, a script, a test) has the login with it.
  const ready = [`GraphQL API: ${config.publicUrl}/graphql`];
  if (firstAdmin) {
    ready.push(`First administrator: ${firstAdmin.email}` + (firstAdmin.password ? ` / password ${firstAdmin.password} (shown once)` : ''));
  }
  console.log(ready.join('\n'));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: finishing requests in flight, then stopping`);
    try {
      await app.stop();
      await jobs?.stop();
      await db.destroy();
    } finally {
      await database.stop();
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
