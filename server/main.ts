/** Starts everything: configuration, the database (embedded or DATABASE_URL), migrations, HTTP, the scheduled jobs. */
// First: with OTEL_EXPORTER_OTLP_ENDPOINT set, tracing must patch http, express, graphql and pg before they load.
import { stopTracing } from './platform/tracing';
import 'reflect-metadata';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { createLogger, errorSummary } from './platform/logging';
import { createApp } from './app';
import { Config, loadConfig } from './config';
import { createDataSource, migrate, withStatementTimeout } from './db/data-source';
import { EmbeddedPostgresError, RunningDatabase, startEmbeddedPostgres } from './db/embedded';
import { DEMO_ORDERS, loadDemoData } from './db/seed/demo';
import { systemClock } from './platform/clock';
import { createTransport } from 'nodemailer';
import { Jobs, startJobs } from './platform/jobs';
import { createServices, scheduledWork, sweep } from './services';

/** How long requests in flight may take to finish once the server is told to stop; then their connections are closed. */
const GRACE_MS = 5_000;
/** The process exits this long after it is told to stop at the latest, whatever is still stopping. */
const EXIT_BY_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  let database: RunningDatabase | undefined;
  let stopServing: (() => Promise<void>) | undefined;

  // From the first moment, a signal or a fatal error ends the process with its embedded PostgreSQL.
  let stopping = false;
  const stop = async (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      logger.error(`still stopping ${EXIT_BY_MS / 1000} s after ${reason}: exiting now`);
      database?.stopNow?.();
      process.exit(code || 1);
    }, EXIT_BY_MS).unref();
    logger.info(`${reason}: finishing requests in flight, then stopping`);
    try {
      await stopServing?.();
    } catch (error) {
      logger.error({ error: errorSummary(error) }, 'stopping failed');
      code ||= 1;
    } finally {
      await database?.stop();
      process.exit(code);
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(signal, 0));
  // A rejected promise nobody awaited (graphql-js abandons a list's pending items when a later one fails at once) is
  // a fault of one request, not of the process: log it and keep serving, rather than let one request stop everyone's.
  process.on('unhandledRejection', (reason) => {
    logger.error({ error: errorSummary(reason) }, 'a rejected promise nobody awaited');
  });
  process.on('uncaughtException', (error) => {
    logger.fatal({ error: errorSummary(error) }, 'uncaught error: stopping');
    // A fault's state is unknown: no grace for requests, the database told to stop at once.
    database?.stopNow?.();
    process.exit(1);
  });

  if (config.databaseUrl) {
    database = { url: config.databaseUrl, stop: async () => undefined };
  } else {
    logger.info(`starting the embedded PostgreSQL in ${join(config.dataDir, 'postgres')}`);
    database = await startEmbeddedPostgres(join(config.dataDir, 'postgres'), {
      log: (line) => logger.debug(line),
      callerHandlesSignals: true,
    });
  }
  try {
    stopServing = await serve(config, logger, database);
  } catch (error) {
    // Never leave an embedded postgres behind when start-up fails.
    await database.stop();
    throw error;
  }
}

/** Serves until told to stop; returns how to stop: no new requests, a grace for those in flight, the jobs, the pool. */
async function serve(config: Config, logger: Logger, database: RunningDatabase): Promise<() => Promise<void>> {
  const db = createDataSource({ url: database.url, statementTimeoutMs: config.statementTimeoutMs });
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
    deliveriesQueued: () => jobs?.deliveriesQueued(),
    entryRequestsPerMinute: config.entryRequestsPerMinute,
    setupReminders: config.setupReminders,
    webhooks: config.webhooks,
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
    metrics: { token: config.metricsToken, port: config.metricsPort },
    requestDeadlineMs: config.requestDeadlineMs,
  });
  await new Promise<void>((listening, failed) => {
    app.httpServer.once('error', failed);
    app.httpServer.listen(config.port, listening);
  });

  // Catch up on what fell due while no server ran, then leave it to the minute's scheduled sweep.
  await sweep(services);
  jobs = await startJobs(withStatementTimeout(database.url, config.statementTimeoutMs), scheduledWork(services), logger);

  // One write, so that whoever waits for the API line (a person, a script, a test) has the login with it. The time
  // counts from the process's start (performance's origin): the cold start a person waits through.
  const ready = [`GraphQL API: ${config.publicUrl}/graphql (ready in ${(performance.now() / 1000).toFixed(1)} s)`];
  if (firstAdmin) {
    ready.push(`First administrator: ${firstAdmin.email}` + (firstAdmin.password ? ` / password ${firstAdmin.password} (shown once)` : ''));
  }
  console.log(ready.join('\n'));

  return async () => {
    const grace = setTimeout(() => app.httpServer.closeAllConnections(), GRACE_MS);
    try {
      await app.stop();
    } finally {
      clearTimeout(grace);
    }
    await jobs?.stop();
    await stopTracing();
    await db.destroy();
  };
}

main().catch((error) => {
  // What a person can act on is one line; anything else is a fault, with its stack.
  console.error(error instanceof EmbeddedPostgresError ? `The embedded PostgreSQL cannot start: ${error.message}` : error);
  process.exit(1);
});
