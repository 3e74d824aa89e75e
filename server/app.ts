/** Builds the HTTP app: GraphQL, health checks. No domain code here. */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { createServer, Server } from 'node:http';
import type { DataSource } from 'typeorm';
import { pendingMigrations } from './db/data-source';
import { Context, createContext } from './platform/context';
import { formatError } from './platform/errors';
import { createSchema } from './schema';
import type { Services } from './services';

export interface AppOptions {
  db: DataSource;
  services: Services;
  exposeInternals: boolean;
}

export interface App {
  httpServer: Server;
  /** Stops taking requests, lets those in flight finish, then stops Apollo. */
  stop(): Promise<void>;
}

export async function createApp({ db, services, exposeInternals }: AppOptions): Promise<App> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  const apollo = new ApolloServer<Context>({
    schema: await createSchema(),
    formatError: formatError(exposeInternals),
    includeStacktraceInErrorResponses: exposeInternals,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer })],
  });
  await apollo.start();

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
  app.use(
    '/graphql',
    express.json({ limit: '100kb' }),
    expressMiddleware(apollo, { context: async ({ req }) => createContext(req, services) }),
  );

  return {
    httpServer,
    stop: () => apollo.stop(),
  };
}
