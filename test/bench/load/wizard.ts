/**
 * The wizard under load: concurrent partners completing full passes (provisioningStart, six steps,
 * provisioningConfirm), each autocannon connection a partner who starts the next pass on a fresh
 * order once one is confirmed. The limit: the same statements in the same transactions through pg
 * (raw-wizard.ts, whose statements are compared with a captured API pass on every run). Nothing
 * lost: afterwards every pass that reported its order MAPPED must find it MAPPED in the database with
 * exactly one COMPLETED session and one welcome email.
 */
import type autocannon from 'autocannon';
import { apiPass, payloadOf, STEPS, stepBody } from '../api-wizard';
import { CAPTURE_ATTEMPTS, compareCaptures, GraphQLClient, Mark, SeededOrder, seedOrders, settle } from '../env';
import { rawPass, rawSide } from '../raw-wizard';
import { cannon, figuresOf, loops, Run } from './measure';
import { inRounds, LoadEnv, ScenarioResult } from './scenario';

/** Passes per second neither side reaches on this kind of machine: orders seeded per second of run. */
const MAX_PASSES_PER_SECOND = 150;

interface PassContext {
  order?: SeededOrder;
  token?: string;
  startedAt?: number;
}

/** Partners driven by autocannon: each run takes fresh orders and reports whole passes as its operations. */
class ApiPartners {
  /** Orders whose Confirm answered MAPPED. */
  readonly confirmed: string[] = [];
  /** Every request's run, for the per-request figures. */
  readonly requests: Run[] = [];
  ranOut = false;
  /** What a pass gets once the orders ran out: an order already used, which the server refuses. */
  private readonly spent: SeededOrder;

  constructor(
    private readonly env: LoadEnv,
    private readonly queue: SeededOrder[],
  ) {
    this.spent = queue[queue.length - 1];
  }

  async run(seconds: number): Promise<Run> {
    const passLatencies: number[] = [];
    let instance: autocannon.Instance | undefined;
    const requests: autocannon.Request[] = STEPS.map((name, index) => ({
      method: 'POST',
      path: '/graphql',
      setupRequest: (request: autocannon.Request, context: object) => {
        const pass = context as PassContext;
        if (index === 0) {
          const next = this.queue.shift();
          if (!next) {
            // autocannon needs a first request: the last order again, refused, and the run stops.
            this.ranOut = true;
            instance?.stop();
          }
          pass.order = next ?? this.spent;
          pass.token = undefined;
          pass.startedAt = performance.now();
        }
        return {
          ...request,
          body: stepBody(name, pass.order!),
          headers: { 'content-type': 'application/json', ...(pass.token ? { authorization: `Bearer ${pass.token}` } : {}) },
        };
      },
      onResponse: (_status: number, body: string, context: object) => {
        const pass = context as PassContext;
        let payload: Record<string, any>;
        try {
          payload = payloadOf(name, JSON.parse(body));
        } catch {
          return; // counted by the cannon's check
        }
        if (name === 'Start') pass.token = payload.sessionToken;
        if (name === 'Confirm' && payload.session?.status === 'COMPLETED' && payload.order?.status === 'MAPPED') {
          this.confirmed.push(pass.order!.orderId);
          passLatencies.push(performance.now() - pass.startedAt!);
        }
      },
    }));
    const run = await cannon({
      url: this.env.server.url,
      connections: this.env.connections,
      seconds,
      requests,
      onInstance: (started) => (instance = started),
    });
    this.requests.push(run);
    return { latencies: passLatencies, seconds: run.seconds, errors: run.errors };
  }
}

/** Orders among `orderIds` that are not MAPPED with exactly one COMPLETED session and one WELCOME email. */
async function lost(env: LoadEnv, orderIds: string[]): Promise<number> {
  const { rows } = await env.bench.admin.query<{ lost: number }>(
    `SELECT count(*)::int AS lost FROM orders o
      WHERE o.id = ANY($1::uuid[])
        AND NOT (o.status = 'MAPPED'
                 AND (SELECT count(*) FROM provisioning_session s WHERE s.order_id = o.id AND s.status = 'COMPLETED') = 1
                 AND (SELECT count(*) FROM outbox_email e WHERE e.order_id = o.id AND e.kind = 'WELCOME') = 1)`,
    [orderIds],
  );
  return rows[0].lost;
}

export async function wizardScenario(env: LoadEnv): Promise<ScenarioResult> {
  const perSide = Math.ceil((env.seconds + env.warmupSeconds) * MAX_PASSES_PER_SECOND) + env.connections;
  const seeded = await seedOrders(env.bench.admin, 'load', 2 * perSide + 2 * CAPTURE_ATTEMPTS);
  const capture = seeded.slice(0, 2 * CAPTURE_ATTEMPTS);
  const api = new ApiPartners(env, seeded.slice(2 * CAPTURE_ATTEMPTS, 2 * CAPTURE_ATTEMPTS + perSide));
  const rawQueue = seeded.slice(2 * CAPTURE_ATTEMPTS + perSide);
  await env.bench.admin.query('ANALYZE orders, setup_link');
  const raw = rawSide(env.pool);
  const failures: string[] = [];

  // The raw side is the server's statements: compare them on one pass of each before measuring.
  const client = new GraphQLClient(env.server.url, 1);
  const comparison = await compareCaptures(
    env.bench,
    STEPS,
    Array.from({ length: CAPTURE_ATTEMPTS }, (_, attempt) => ({
      api: (mark: Mark) => apiPass(client, capture[2 * attempt], { before: mark }),
      raw: (mark: Mark) => rawPass(raw, capture[2 * attempt + 1], { before: mark }),
    })),
    env.showSql ? 'wizard pass' : null,
  );
  client.close();
  if (comparison.differences.length > 0) {
    failures.push(`wizard: the raw pass's statements differ from the API's:\n  ${comparison.differences.join('\n  ')}`);
  }
  const statements = comparison.apiSteps.reduce((sum, step) => sum + step.statements.length, 0);

  const confirmedRaw: string[] = [];
  const sides = await inRounds(env, [
    { side: 'API', unit: 'pass', pid: env.server.pid, run: (seconds) => api.run(seconds), after: () => settle(env.bench.admin) },
    {
      side: 'raw pg',
      unit: 'pass',
      pid: null,
      run: (seconds) =>
        loops(seconds, env.connections, async () => {
          const order = rawQueue.shift();
          if (!order) throw new Error('the raw side ran out of seeded orders');
          await rawPass(raw, order);
          confirmedRaw.push(order.orderId);
        }),
      // Between runs (untimed), each side's email delivery finishes, so neither claims the other's emails.
      after: async () => {
        await raw.mail.idle();
        await settle(env.bench.admin);
      },
    },
  ]);

  if (api.ranOut) failures.push('wizard: the API side ran out of seeded orders; raise MAX_PASSES_PER_SECOND');
  const lostApi = await lost(env, api.confirmed);
  const lostRaw = await lost(env, confirmedRaw);
  if (lostApi > 0) failures.push(`wizard: ${lostApi} of ${api.confirmed.length} confirmed API passes are not in the database exactly once`);
  if (lostRaw > 0) failures.push(`wizard: ${lostRaw} of ${confirmedRaw.length} raw passes are not in the database exactly once`);
  for (const message of raw.mail.errors) failures.push(`wizard (raw): ${message}`);

  // The warm-up's requests are the first run's.
  const requests = figuresOf(env.warmupSeconds > 0 ? api.requests.slice(1) : api.requests);
  return {
    name: 'wizard',
    sides,
    notes: [
      `API requests: ${requests.rate.toFixed(1)}/s, p50 ${requests.p50.toFixed(1)} ms, p99 ${requests.p99.toFixed(1)} ms per request`,
      `${statements} statements per pass on both sides (log_statement capture; the API's and the raw pass's ${comparison.differences.length === 0 ? 'are the same' : 'DIFFER'})`,
      `nothing lost: ${api.confirmed.length - lostApi}/${api.confirmed.length} API and ${confirmedRaw.length - lostRaw}/${confirmedRaw.length} raw passes MAPPED once, with one COMPLETED session and one welcome email`,
    ],
    failures,
  };
}
