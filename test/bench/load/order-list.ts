/**
 * The staff order list under load, as the console's list asks for it: a page of 25 with the total
 * count, each order with its partner and customer org's names. Two pages: the first (newest first,
 * the default sort) and a filtered one (orders awaiting details, by requested start date).
 *
 *   API:          our server, as an administrator.
 *   raw pg:       the statements our server ran for the same request (captured with their
 *                 parameters), replayed through pg with the same concurrency.
 *   PostGraphile: the peer serving the same tables, asked for the same page, order and fields
 *                 (its `allOrders` connection with `condition`, `orderBy`, `first`/`offset`).
 * Before measuring, the API's and the peer's answers are compared: the same orders in the same order,
 * the same total count.
 */
import type autocannon from 'autocannon';
import { hash } from '@node-rs/argon2';
import type { Client } from 'pg';
import { BENCH_ADMIN, GraphQLClient } from '../env';
import { cannon, graphqlProblem, loops } from './measure';
import { recordStatements, replay } from './replay';
import { inRounds, LoadEnv, ScenarioResult, SideRunner } from './scenario';

export const PAGE_SIZE = 25;

const ORDER_FIELDS = `id subscriptionId commerceOrderNumber offerCode seats status requestedStartDate provisioningContactEmail
  windowClosesAt createdAt partnerOrg { id name } customerOrg { id name }`;
const PEER_ORDER_FIELDS = `rowId subscriptionId commerceOrderNumber offerCode seats status requestedStartDate provisioningContactEmail
  windowClosesAt createdAt partnerOrgByPartnerOrgId { rowId name } customerOrgByCustomerOrgId { rowId name }`;

export interface ListPage {
  name: string;
  /** Our `orders` query: filter, sort, page. */
  ours: { filter?: Record<string, unknown>; sort: { field: string; direction: 'ASC' | 'DESC' } };
  /** The peer's `allOrders` arguments for the same page. */
  peer: string;
}

export const LIST_PAGES: ListPage[] = [
  {
    name: 'order list, first page',
    ours: { sort: { field: 'CREATED_AT', direction: 'DESC' } },
    peer: `first: ${PAGE_SIZE}, offset: 0, orderBy: [CREATED_AT_DESC, PRIMARY_KEY_DESC]`,
  },
  {
    name: 'order list, filtered',
    ours: { filter: { status: ['AWAITING_PROVISIONING_DETAILS'] }, sort: { field: 'REQUESTED_START_DATE', direction: 'ASC' } },
    peer: `first: ${PAGE_SIZE}, offset: 0, condition: { status: "AWAITING_PROVISIONING_DETAILS" }, orderBy: [REQUESTED_START_DATE_ASC, PRIMARY_KEY_ASC]`,
  },
];

const OURS = `query ($filter: OrderFilter, $sort: OrderSort, $page: PageInput) {
  orders(filter: $filter, sort: $sort, page: $page) { totalCount nodes { ${ORDER_FIELDS} } }
}`;

function oursBody(page: ListPage): string {
  return JSON.stringify({ query: OURS, variables: { ...page.ours, page: { offset: 0, limit: PAGE_SIZE } } });
}

function peerBody(page: ListPage): string {
  return JSON.stringify({ query: `{ allOrders(${page.peer}) { totalCount nodes { ${PEER_ORDER_FIELDS} } } }` });
}

/**
 * The benchmark's administrator, written before the server starts: its first-admin bootstrap only
 * runs on a database without staff, and a seeded one may have some.
 */
export async function ensureBenchAdmin(admin: Client): Promise<void> {
  await admin.query(
    `INSERT INTO staff (email, password_hash, role, created_at) VALUES ($1, $2, 'ADMIN', now())
     ON CONFLICT (lower(email)) DO UPDATE SET password_hash = excluded.password_hash, role = 'ADMIN', disabled_at = NULL`,
    [BENCH_ADMIN.email, await hash(BENCH_ADMIN.password)],
  );
}

export async function staffToken(serverUrl: string): Promise<string> {
  const client = new GraphQLClient(serverUrl, 1);
  try {
    const response = await client.post(
      JSON.stringify({
        query: 'mutation ($input: LoginInput!) { login(input: $input) { token userErrors { field message code } } }',
        variables: { input: BENCH_ADMIN },
      }),
    );
    const token = response.data?.login?.token;
    if (!token) throw new Error(`login failed: ${JSON.stringify(response)}`);
    return token;
  } finally {
    client.close();
  }
}

async function post(url: string, body: string, token?: string): Promise<any> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  const text = await response.text();
  const problem = graphqlProblem(response.status, text);
  if (problem) throw new Error(problem);
  return JSON.parse(text).data;
}

function request(body: string, token?: string): autocannon.Request[] {
  return [
    {
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body,
    },
  ];
}

export async function orderListScenario(env: LoadEnv, page: ListPage, token: string): Promise<ScenarioResult> {
  const failures: string[] = [];
  const notes: string[] = [];
  const body = oursBody(page);
  const ours = (await post(env.server.url, body, token)).orders;
  const statements = await recordStatements(env.bench, async () => {
    await post(env.server.url, body, token);
  });
  notes.push(
    `${statements.length} statements per request (log_statement capture), replayed on the raw side; ${ours.totalCount} orders match`,
  );
  if (env.showSql) notes.push(...statements.map((s) => `  ${s.text}\n    -- ${JSON.stringify(s.values)}`));
  if (env.peer) {
    const theirs = (await post(env.peer.url, peerBody(page))).allOrders;
    const same =
      theirs.totalCount === ours.totalCount &&
      JSON.stringify(theirs.nodes.map((n: { rowId: string }) => n.rowId)) === JSON.stringify(ours.nodes.map((n: { id: string }) => n.id));
    if (!same) failures.push(`${page.name}: PostGraphile's page is not ours (total ${theirs.totalCount} vs ${ours.totalCount})`);
  }

  const connections = env.connections;
  const runners: SideRunner[] = [
    {
      side: 'API',
      unit: 'request',
      pid: env.server.pid,
      run: (seconds) => cannon({ url: env.server.url, connections, seconds, requests: request(body, token) }),
    },
    {
      side: 'raw pg',
      unit: 'statement list',
      pid: null,
      run: (seconds) => loops(seconds, connections, () => replay(env.pool, statements).then(() => undefined)),
    },
  ];
  if (env.peer) {
    const peer = env.peer;
    runners.push({
      side: 'PostGraphile',
      unit: 'request',
      pid: peer.pid,
      run: (seconds) => cannon({ url: peer.url, connections, seconds, requests: request(peerBody(page)) }),
    });
  }
  return { name: page.name, sides: await inRounds(env, runners), notes, failures };
}
