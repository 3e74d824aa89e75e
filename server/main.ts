/** Starts everything: configuration, the database (embedded or DATABASE_URL), migrations, HTTP, the periodic sweeps. */
import 'reflect-metadata';
import { join } from 'node:path';
import pino, { Logger } from 'pino';
import { createApp } from './app';
import { Config, loadConfig } from './config';
import { createDataSource, migrate } from './db/data-source';
import { RunningDatabase, startEmbeddedPostgres } from './db/embedded';
import { systemClock } from './platform/clock';
import { loggingSetupMailer } from './platform/mail';
import { createServices } from './services';

const SWEEP_EVERY_MS = 60_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel });
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

  const services = createServices({ db, clock: systemClock, publicUrl: config.publicUrl, mailer: loggingSetupMailer(logger) });
  const firstAdmin = await services.staff.ensureFirstAdmin(config.adminEmail, config.adminPassword);
  if (config.commerceApiKey) await services.staff.ensureApiKey('COMMERCE_API_KEY', config.commerceApiKey);

  const app = await createApp({ db, services, exposeInternals: config.exposeInternals });
  await new Promise<void>((listening, failed) => {
    app.httpServer.once('error', failed);
    app.httpServer.listen(config.port, listening);
  });

  // Each sweep is safe to run from several processes at once (row locks and SKIP LOCKED).
  const sweep = async () => {
    try {
      await services.orders.sendDueSetupEmails();
      await services.orders.closeExpiredOrders();
      await services.provisioning.expireIdleSessions();
    } catch (error) {
      logger.error({ err: error }, 'periodic sweep failed');
    }
  };
  const sweeper = setInterval(sweep, SWEEP_EVERY_MS);
  await sweep();

  console.log(`GraphQL API: ${config.publicUrl}/graphql`);
  if (firstAdmin) {
    console.log(
      `First administrator: ${firstAdmin.email}` + (firstAdmin.password ? ` / password ${firstAdmin.password} (shown once)` : ''),
    );
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: finishing requests in flight, then stopping`);
    clearInterval(sweeper);
    try {
      await app.stop();
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
