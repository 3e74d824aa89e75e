/**
 * The peer of the load benchmark, run as a process of its own: PostGraphile 5 with its amber preset,
 * serving the tables of DATABASE_URL's public schema at /graphql on PORT, through a pg pool of
 * POOL_SIZE connections (the size of our server's). It writes "ready" on stdout once it listens.
 */
import { createServer } from 'node:http';
import { Pool } from 'pg';

// PostGraphile 5 calls Promise.withResolvers, which Node 22 brought; on Node 20 the peer provides it.
const promiseStatics = Promise as unknown as { withResolvers?: () => unknown };
promiseStatics.withResolvers ??= function withResolvers<T>() {
  let resolve!: (value: T | PromiseLike<T>) => void;
  let reject!: (reason?: unknown) => void;
  const promise = new Promise<T>((done, fail) => {
    resolve = done;
    reject = fail;
  });
  return { promise, resolve, reject };
};

async function main(): Promise<void> {
  const { DATABASE_URL: url, PORT: port, POOL_SIZE: poolSize } = process.env;
  if (!url || !port) throw new Error('DATABASE_URL and PORT are required');
  const { postgraphile } = await import('postgraphile');
  const { PostGraphileAmberPreset } = await import('postgraphile/presets/amber');
  const { makePgService } = await import('postgraphile/adaptors/pg');
  const { grafserv } = await import('postgraphile/grafserv/node');
  const pool = new Pool({ connectionString: url, max: Number(poolSize ?? 10) });
  const pgl = postgraphile({
    extends: [PostGraphileAmberPreset],
    pgServices: [makePgService({ pool, schemas: ['public'] })],
    grafserv: { graphqlPath: '/graphql', graphiql: false },
  });
  const server = createServer();
  pgl.createServ(grafserv).addTo(server);
  await new Promise<void>((listening) => server.listen(Number(port), '127.0.0.1', listening));
  const stop = async () => {
    server.close();
    try {
      await pgl.release();
      await pool.end();
    } finally {
      process.exit(0);
    }
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  console.log('ready');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
