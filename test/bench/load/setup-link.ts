/**
 * `setupLink` lookups under load: what the Set up now page asks first, for links of orders awaiting
 * details (VALID), each connection cycling through them. The limit: the server's statement (the link
 * by its token's hash with its order) through pg, compared with a captured request.
 */
import type autocannon from 'autocannon';
import type { Pool } from 'pg';
import { CAPTURE_ATTEMPTS, compareCaptures, GraphQLClient, Mark, seedOrders } from '../env';
import { SQL } from '../raw-wizard';
import { hashToken } from '../../../server/platform/tokens';
import { cannon, graphqlProblem, loops } from './measure';
import { inRounds, LoadEnv, ScenarioResult } from './scenario';

const LINKS = 2000;
const QUERY = 'query ($token: String!) { setupLink(token: $token) { status subscriptionId offerCode } }';

function body(token: string): string {
  return JSON.stringify({ query: QUERY, variables: { token } });
}

/** ProvisioningService.linkInfo's statement: the link by its token's hash with its order; VALID for these orders. */
async function rawLookup(pool: Pool, token: string): Promise<void> {
  const [found] = (await pool.query(SQL.linkWithOrder, [hashToken(token)])).rows;
  if (found?.status !== 'AWAITING_PROVISIONING_DETAILS' || found.l_revoked_at) throw new Error('raw setupLink: not VALID');
}

function validLink(status: number, text: string): string | null {
  const problem = graphqlProblem(status, text);
  if (problem) return problem;
  const answered = JSON.parse(text).data.setupLink.status;
  return answered === 'VALID' ? null : `setupLink answered ${answered}`;
}

export async function setupLinkScenario(env: LoadEnv): Promise<ScenarioResult> {
  const tokens = (await seedOrders(env.bench.admin, 'link', LINKS)).map((order) => order.linkToken);
  await env.bench.admin.query('ANALYZE orders, setup_link');
  const failures: string[] = [];

  const client = new GraphQLClient(env.server.url, 1);
  const comparison = await compareCaptures(
    env.bench,
    ['setupLink'],
    Array.from({ length: CAPTURE_ATTEMPTS }, (_, attempt) => ({
      api: async (mark: Mark) => {
        await mark('setupLink');
        const response = await client.post(body(tokens[attempt]));
        if (response.data?.setupLink?.status !== 'VALID') throw new Error(`setupLink: ${JSON.stringify(response)}`);
      },
      raw: async (mark: Mark) => {
        await mark('setupLink');
        await rawLookup(env.pool, tokens[attempt]);
      },
    })),
    env.showSql ? 'setupLink lookup' : null,
  );
  client.close();
  if (comparison.differences.length > 0) {
    failures.push(`setupLink: the raw statements differ from the API's:\n  ${comparison.differences.join('\n  ')}`);
  }

  let next = 0;
  const requests: autocannon.Request[] = [
    {
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json' },
      setupRequest: (request: autocannon.Request) => ({ ...request, body: body(tokens[next++ % tokens.length]) }),
    },
  ];
  let rawNext = 0;
  const sides = await inRounds(env, [
    {
      side: 'API',
      unit: 'request',
      pid: env.server.pid,
      run: (seconds) => cannon({ url: env.server.url, connections: env.connections, seconds, requests, check: validLink }),
    },
    {
      side: 'raw pg',
      unit: 'lookup',
      pid: null,
      run: (seconds) => loops(seconds, env.connections, () => rawLookup(env.pool, tokens[rawNext++ % tokens.length])),
    },
  ]);
  const statements = comparison.apiSteps.reduce((sum, step) => sum + step.statements.length, 0);
  return {
    name: 'setupLink',
    sides,
    notes: [
      `${statements} statements per lookup on both sides (${comparison.differences.length === 0 ? 'the same' : 'they DIFFER'}), over ${LINKS} VALID links`,
    ],
    failures,
  };
}
