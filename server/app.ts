/** Builds the HTTP app: GraphQL with its protections, health checks. No domain code here. */
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import express from 'express';
import { DocumentNode, Kind, visit } from 'graphql';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { pendingMigrations } from './db/data-source';
import { Context, createContext } from './platform/context';
import { errorReporting } from './platform/error-reporting';
import { requestDeadline } from './platform/deadline';
import { forbidden, formatError } from './platform/errors';
import { acceptsJson, jsonErrors, noNulInLiterals, noNulInVariables, noSubscriptions } from './platform/http-guards';
import { requestScope } from './platform/logging';
import { securityHeaders } from './platform/security-headers';
import { graphqlTelemetry, MetricsOptions, serveMetrics } from './platform/telemetry';
import { compressResponses, favicon, webAssets } from './platform/web-serving';
import { metricsExport } from './metrics/metrics.export';
import { orderExport } from './orders/order.export';
import { customerOrgExport } from './orgs/org.export';
import { caseExport } from './cases/case.export';
import { listExportHandler } from './platform/csv';
import { createSchema, resolverContainer } from './schema';
import type { Services } from './services';

export interface AppOptions {
  db: DataSource;
  services: Services;
  /** Where faults are logged, each once, with the request's id. */
  logger: Logger;
  /**
   * Stack traces and SQL in errors (NODE_ENV=development): the one thing that differs between configurations.
   * Introspection for staff only, no "did you mean" suggestions, the codes and HTTP statuses hold in every one.
   */
  exposeInternals: boolean;
  /** Express's `trust proxy` setting, for real client addresses behind a load balancer. */
  trustProxy?: string;
  /** The Vite build of the browser apps (dist/admin), served when it exists. */
  webDir?: string;
  /** Who may read /metrics, and on which port (platform/telemetry.ts). */
  metrics?: MetricsOptions;
  /** How long a GraphQL request may run (REQUEST_DEADLINE_MS). */
  requestDeadlineMs?: number;
}

export interface App {
  httpServer: Server;
  /** Stops taking requests, lets those in flight finish, then stops Apollo and the metrics port. */
  stop(): Promise<void>;
}

/** Where `npm run build` puts the browser apps, from the project root the server runs in. */
export const WEB_DIR = resolve('dist', 'admin');

/** The largest request body, in bytes: ample for any real operation. */
export const MAX_BODY = '100kb';

export async function createApp({
  db,
  services,
  logger,
  exposeInternals,
  trustProxy,
  webDir = WEB_DIR,
  metrics,
  requestDeadlineMs,
}: AppOptions): Promise<App> {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders());
  app.use(compressResponses());
  // No ETag on responses: hashing every GraphQL answer (mutations above all) buys no cache hit worth having.
  app.set('etag', false);
  if (trustProxy) app.set('trust proxy', trustProxy);
  app.use((_req, res, next) => {
    res.locals.requestId = randomUUID();
    res.set('X-Request-Id', res.locals.requestId);
    next();
  });
  const httpServer = createServer(app);
  const contextDeps = {
    authenticate: (credential: string) => services.staff.authenticate(credential),
    entryLimiter: services.entryLimiter,
  };
  // Limits on what one operation may ask for; the deepest real query (order > sessions > order > orgs) is far inside them.
  const armor = new ApolloArmor({
    maxDepth: { n: 10 },
    maxAliases: { n: 15 },
    costLimit: { maxCost: 5000 },
    // The body limit bounds the tokens; armor's own token counter would report syntax errors as validation errors.
    maxTokens: { enabled: false },
    maxDirectives: { n: 20 },
    // Armor rewrites the messages of validation errors only; formatError drops suggestions from every error instead.
    blockFieldSuggestion: { enabled: false },
  }).protect();
  const apollo = new ApolloServer<Context>({
    schema: await createSchema(resolverContainer(services)),
    formatError: formatError(exposeInternals),
    includeStacktraceInErrorResponses: exposeInternals,
    allowBatchedHttpRequests: false,
    // main.ts owns SIGINT/SIGTERM: it drains HTTP, stops the jobs and the database, then exits.
    stopOnTerminationSignals: false,
    csrfPrevention: true,
    // Allowed by Apollo, refused by staffOnlyIntrospection to everyone but staff.
    introspection: true,
    // Nothing uses persisted queries; off, a stray hash gets PERSISTED_QUERY_NOT_SUPPORTED instead of a fault.
    persistedQueries: false,
    validationRules: [...armor.validationRules, noSubscriptions, noNulInLiterals],
    plugins: [
      ...armor.plugins,
      noNulInVariables,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Apollo installs cache control by default: it wraps every field's resolver to gather cache
      // hints, which no type declares and no response may carry (every answer is per caller).
      ApolloServerPluginCacheControlDisabled(),
      callerFirst,
      staffOnlyIntrospection,
      errorReporting(logger),
      graphqlTelemetry,
    ],
  });
  await apollo.start();

  // First among the routes: nearly every request is a GraphQL one, and express tries each route in turn.
  app.use(
    '/graphql',
    requestDeadline({ ms: requestDeadlineMs }),
    acceptsJson,
    express.json({ limit: MAX_BODY }),
    // After the body is read: from here on the request's work, and each line it logs, carries its id.
    (_req, res, next) => requestScope.run({ requestId: res.locals.requestId }, next),
    expressMiddleware(apollo, { context: async ({ req, res }) => createContext(req, contextDeps, res.locals.requestId) }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await db.query('SELECT 1');
      if (await pendingMigrations(db)) {
        res.status(503).json({ status: 'migrations pending' });
        return;
      }
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'database unreachable' });
    }
  });
  const metricsServing = await serveMetrics(app, { db, outboxBacklog: () => services.mail.backlog(), ...metrics });
  if (existsSync(join(webDir, 'setup.html'))) {
    app.use('/app', webAssets(webDir));
    app.get('/favicon.ico', favicon(webDir));
    // The Set up now link: the wizard page reads the token from its own URL, and says so when it holds none or a
    // malformed one (/setup/, /setup/%%%). No route parameter, so Express does not decode (and refuse) the token.
    app.get(/^\/setup(?:\/[^/]*)?$/, (_req, res) => {
      res.set('Cache-Control', 'no-store').set('Referrer-Policy', 'no-referrer').sendFile(join(webDir, 'setup.html'));
    });
    // The console routes in the browser: /admin and every path under it get the same page.
    app.get(['/admin', '/admin/*route'], (_req, res) => {
      res.set('Cache-Control', 'no-store').sendFile(join(webDir, 'console.html'));
    });
  }
  // The metrics as CSV, streamed: no request deadline, a range's cost is bounded by its checks.
  app.use('/exports/metrics', metricsExport({ metrics: services.metrics, authenticate: contextDeps.authenticate, logger }));
  // The order, customer org and case lists as CSV, every row of a filter, streamed through a cursor.
  for (const spec of [orderExport(services.orders), customerOrgExport(services.orgs, services.clock), caseExport(services.cases)]) {
    app.get(`/exports/${spec.file}`, listExportHandler(db, contextDeps.authenticate, spec));
  }
  app.use(jsonErrors);

  return {
    httpServer,
    stop: async () => {
      await apollo.stop();
      await metricsServing.stop();
    },
  };
}

/** Apollo hands every request for the same operation text the same cached document: visit each once. */
const schemaAsked = new WeakMap<DocumentNode, boolean>();

/**
 * Whether an operation introspects the schema. A `__type(name:)` lookup that selects only the name tells no more
 * than whether a type of that name exists (the console's public bundle names them all); GraphQL over HTTP's
 * conformance audit sends one, so it is left to anyone.
 */
function asksForSchema(document: DocumentNode): boolean {
  let found = schemaAsked.get(document);
  if (found === undefined) {
    found = false;
    visit(document, {
      Field(node) {
        if (node.name.value === '__schema') found = true;
        if (node.name.value === '__type') {
          const selections = node.selectionSet?.selections ?? [];
          if (!selections.every((s) => s.kind === Kind.FIELD && (s.name.value === 'name' || s.name.value === '__typename'))) found = true;
        }
      },
    });
    schemaAsked.set(document, found);
  }
  return found;
}

/**
 * The caller is authenticated before any field runs, so that the view guards on fields (platform/views.ts) decide
 * at once: a guard waiting on the caller returns a promise, and graphql-js abandons such promises of earlier list
 * items when a later item throws at once, leaving their rejections unhandled (which ends the process).
 */
const callerFirst: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue }) {
        await contextValue.principal();
      },
    };
  },
};

/** Only staff may introspect the schema: the wizard, the commerce integration and strangers need no map of it. */
const staffOnlyIntrospection: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, document }) {
        if (!asksForSchema(document)) return;
        const principal = await contextValue.principal();
        if (principal?.kind !== 'STAFF') throw forbidden('Introspection is for staff.');
      },
    };
  },
};
