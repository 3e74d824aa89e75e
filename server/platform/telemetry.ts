/**
 * Prometheus metrics (prom-client) for the people on call: GraphQL requests, email delivery and the outbox's
 * backlog, the scheduled jobs, the wizard's steps and the database pool. Features count their events through
 * the functions here; the gauges that describe state (the outbox, the pool) are read when /metrics is scraped.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import express, { Express, Request, RequestHandler } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { Refusal } from './errors';

const registry = new Registry();

/** Operation names get their own series up to this many; later names (a client inventing them) count as "other". */
const MAX_OPERATION_NAMES = 200;
/** The request deadline is 20 s by default: the buckets reach it. */
const LATENCY_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20];
const JOBS = ['sweep', 'email_delivery', 'metrics_refresh', 'order_tally_fold'] as const;
export type JobName = (typeof JOBS)[number];

const requests = new Counter({
  name: 'wxcc_graphql_requests_total',
  help: 'GraphQL requests by operation name and outcome: ok, or the extensions.code of the first error.',
  labelNames: ['operation', 'outcome'] as const,
  registers: [registry],
});
const latency = new Histogram({
  name: 'wxcc_graphql_request_duration_seconds',
  help: 'Time from receiving a GraphQL request to sending its response, by operation name.',
  labelNames: ['operation'] as const,
  buckets: LATENCY_BUCKETS_SECONDS,
  registers: [registry],
});
const emailsSent = new Counter({
  name: 'wxcc_emails_sent_total',
  help: 'Emails accepted by the mail relay.',
  registers: [registry],
});
const emailsFailed = new Counter({
  name: 'wxcc_emails_failed_total',
  help: 'Delivery attempts the mail relay refused or that could not reach it; each is retried later.',
  registers: [registry],
});
const emailsWaiting = new Gauge({
  name: 'wxcc_emails_waiting',
  help: 'Emails in the outbox not delivered yet, read at scrape time.',
  registers: [registry],
});
const outboxOldest = new Gauge({
  name: 'wxcc_outbox_oldest_waiting_age_seconds',
  help: 'Age of the oldest email not delivered yet (0 when none waits), read at scrape time.',
  registers: [registry],
});
const jobsRun = new Counter({
  name: 'wxcc_jobs_run_total',
  help: "Runs of the server's scheduled jobs that finished, failed or not, by job.",
  labelNames: ['job'] as const,
  registers: [registry],
});
const jobsFailed = new Counter({
  name: 'wxcc_jobs_failed_total',
  help: 'Runs of scheduled jobs that ended in an error, by job.',
  labelNames: ['job'] as const,
  registers: [registry],
});
const stepsAnswered = new Counter({
  name: 'wxcc_wizard_steps_answered_total',
  help: 'Wizard steps answered, by step.',
  labelNames: ['step'] as const,
  registers: [registry],
});
const stepsRefused = new Counter({
  name: 'wxcc_wizard_steps_refused_total',
  help: "Wizard steps refused by a domain rule, by step and by the refusal's first code.",
  labelNames: ['step', 'code'] as const,
  registers: [registry],
});
const poolConnections = new Gauge({
  name: 'wxcc_db_pool_connections',
  help: "Open connections of the server's PostgreSQL pool, idle or in use, read at scrape time.",
  registers: [registry],
});
const poolIdle = new Gauge({
  name: 'wxcc_db_pool_idle_connections',
  help: "Idle connections of the server's PostgreSQL pool, read at scrape time.",
  registers: [registry],
});
const poolWaiting = new Gauge({
  name: 'wxcc_db_pool_waiting_requests',
  help: 'Queries waiting for a connection of the pool, read at scrape time.',
  registers: [registry],
});
const poolMax = new Gauge({
  name: 'wxcc_db_pool_max_connections',
  help: 'The most connections the pool opens.',
  registers: [registry],
});

// Every job has its series from the start, so that an alert on a rate sees 0 rather than nothing.
for (const job of JOBS) {
  jobsRun.inc({ job }, 0);
  jobsFailed.inc({ job }, 0);
}

/** Counts a run of a job when it settles; returns the run's own promise, so callers handle its outcome as before. */
export function countRun<T>(job: JobName, run: Promise<T>): Promise<T> {
  return run.then(
    (value) => {
      jobsRun.inc({ job });
      return value;
    },
    (error: unknown) => {
      jobsRun.inc({ job });
      jobsFailed.inc({ job });
      throw error;
    },
  );
}

/** Counts one email delivery attempt. */
export function countDelivery(outcome: 'sent' | 'failed'): void {
  (outcome === 'sent' ? emailsSent : emailsFailed).inc();
}

/** Runs a wizard step, counting it answered, or refused with the code of its first problem. */
export async function countStep<T>(step: string, work: () => Promise<T>): Promise<T> {
  try {
    const result = await work();
    stepsAnswered.inc({ step });
    return result;
  } catch (error) {
    if (error instanceof Refusal) stepsRefused.inc({ step, code: error.problems[0]?.code ?? 'other' });
    throw error;
  }
}

const operationNames = new Set<string>();
const NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;
const CODE = /^[A-Z][A-Z_]{0,49}$/;

/** The label for an operation name: bounded in number and shape, whatever clients send. */
function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  if (operationNames.has(name)) return name;
  if (operationNames.size >= MAX_OPERATION_NAMES || !NAME.test(name)) return 'other';
  operationNames.add(name);
  return name;
}

/** Counts and times every GraphQL request, by operation name and outcome. */
export const graphqlTelemetry: ApolloServerPlugin = {
  async requestDidStart() {
    const end = latency.startTimer();
    return {
      async willSendResponse({ operationName, request, response }) {
        const operation = operationLabel(operationName ?? request.operationName);
        const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
        const code = errors?.[0]?.extensions?.code;
        const outcome = !errors?.length ? 'ok' : typeof code === 'string' && CODE.test(code) ? code : 'other';
        requests.inc({ operation, outcome });
        end({ operation });
      },
    };
  },
};

export interface MetricsOptions {
  /** METRICS_TOKEN: when set, /metrics asks for it as a bearer token. */
  token?: string;
  /** METRICS_PORT: when set, /metrics is served on this port instead of the public one. */
  port?: number;
}

/** The pg Pool under TypeORM's driver (its `master`), which TypeORM does not type. */
interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options: { max: number };
}

let defaultMetrics = false;

/**
 * Mounts GET /metrics on the app, or on a server of its own on `port`; returns how to stop that server.
 * Without a token, only requests from this machine that no proxy forwarded are answered: a reverse proxy on the
 * same host connects from loopback, but it adds X-Forwarded-For (or Forwarded), and such requests are refused.
 */
export async function serveMetrics(
  app: Express,
  {
    db,
    outboxBacklog,
    token,
    port,
  }: MetricsOptions & { db: DataSource; outboxBacklog: () => Promise<{ waiting: number; oldestAgeSeconds: number }> },
): Promise<{ stop(): Promise<void> }> {
  if (!defaultMetrics) collectDefaultMetrics({ register: registry });
  defaultMetrics = true;
  const handler: RequestHandler = async (req, res) => {
    if (token ? !bearerMatches(req, token) : !fromThisMachine(req)) {
      res.set('Cache-Control', 'no-store');
      if (token) res.status(401).set('WWW-Authenticate', 'Bearer').type('text/plain').send('A bearer token is required.\n');
      else res.status(403).type('text/plain').send('Metrics are served to this machine only unless METRICS_TOKEN is set.\n');
      return;
    }
    const pool = (db.driver as unknown as { master?: PgPool }).master;
    if (pool) {
      poolConnections.set(pool.totalCount);
      poolIdle.set(pool.idleCount);
      poolWaiting.set(pool.waitingCount);
      poolMax.set(pool.options.max);
    }
    try {
      const backlog = await outboxBacklog();
      emailsWaiting.set(backlog.waiting);
      outboxOldest.set(backlog.oldestAgeSeconds);
    } catch {
      // Unknown rather than stale or 0 when the database does not answer (its own alerts say why).
      emailsWaiting.set(NaN);
      outboxOldest.set(NaN);
    }
    res
      .set('Cache-Control', 'no-store')
      .type(registry.contentType)
      .send(await registry.metrics());
  };
  if (port === undefined) {
    app.get('/metrics', handler);
    return { stop: async () => undefined };
  }
  const own = express();
  own.disable('x-powered-by');
  own.get('/metrics', handler);
  const server = createServer(own);
  await new Promise<void>((listening, failed) => {
    server.once('error', failed);
    server.listen(port, listening);
  });
  return {
    stop: () => new Promise<void>((closed) => server.close(() => closed())),
  };
}

function bearerMatches(req: Request, token: string): boolean {
  const given = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1] ?? '';
  // Digests of equal length, so that the comparison takes the same time whatever was sent.
  return timingSafeEqual(createHash('sha256').update(given).digest(), createHash('sha256').update(token).digest());
}

function fromThisMachine(req: Request): boolean {
  const address = req.socket.remoteAddress ?? '';
  const loopback = address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
  return loopback && !req.get('x-forwarded-for') && !req.get('forwarded');
}
