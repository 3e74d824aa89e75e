/** Compiled execution (server/platform/jit.ts) answers as graphql-js does, and compiles the metric queries. */
import 'reflect-metadata';
import type { GatewayExecutor, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { execute, getOperationAST, GraphQLSchema, parse } from 'graphql';
import { compiledExecution, takesFieldDefaults } from '../../server/platform/jit';
import { createSchema } from '../../server/schema';
import { StaffRole } from '../../server/staff/staff.entity';

let schema: GraphQLSchema;
let executor: GatewayExecutor;

beforeAll(async () => {
  schema = await createSchema();
  const gateway = compiledExecution(schema);
  const loaded = await gateway.load({ apollo: { graphRef: '', key: '', keyHash: '' } } as never);
  executor = loaded.executor!;
});

const trials = [
  { group: { key: 'CH', label: 'Switzerland' }, started: 3, expired: 1, extended: 0, converted: 2, conversionRate: 2 / 3 },
  { group: { key: 'UNKNOWN', label: 'Not known yet' }, started: 0, expired: 0, extended: 0, converted: 0, conversionRate: null },
];
const context = () => ({
  credentialPresented: true,
  principal: async () => ({ kind: 'STAFF', role: StaffRole.ANALYST }),
  services: { metrics: { trialMetrics: async () => trials } },
});
const TRIALS = `query Trials($range: MetricRange!, $groupBy: MetricGrouping!) {
  trialMetrics(range: $range, groupBy: $groupBy) { group { key label } started converted conversionRate }
}`;

function run(query: string, variables: Record<string, unknown>, operationName?: string) {
  const document = parse(query);
  const request = { query, variables, ...(operationName ? { operationName } : {}) };
  const operation = getOperationAST(document, operationName);
  return executor({ document, operation, request, context: context() } as unknown as GatewayGraphQLRequestContext);
}

test('a metric query answers exactly what graphql-js answers', async () => {
  const variables = { range: { from: '2026-01-01', to: '2026-12-31' }, groupBy: 'COUNTRY' };
  const expected = await execute({ schema, document: parse(TRIALS), variableValues: variables, contextValue: context() });
  expect(expected.errors).toBeUndefined();
  expect(await run(TRIALS, variables)).toEqual(expected);
});

test('the metric queries are compiled; operations whose variables could omit a defaulted input field run on graphql-js', () => {
  const variablesOf = (query: string) => getOperationAST(parse(query))!;
  expect(takesFieldDefaults(schema, variablesOf(TRIALS))).toBe(false);
  expect(takesFieldDefaults(schema, variablesOf('query ($page: PageInput) { auditEvents(page: $page) { totalCount } }'))).toBe(true);
  expect(takesFieldDefaults(schema, variablesOf('query { __typename }'))).toBe(false);
});

test('a bad variable is refused with graphql-js’s own error, and nothing runs', async () => {
  const result = await run(TRIALS, { range: { from: '2026-01-01', to: '2026-12-31' }, groupBy: 'CONTINENT' });
  expect(result.data).toBeUndefined();
  expect(result.errors?.map(({ message }) => message)).toEqual([
    'Variable "$groupBy" got invalid value "CONTINENT"; Value "CONTINENT" does not exist in "MetricGrouping" enum.',
  ]);
});

test('an operation name the document does not hold is refused, not run in place of another', async () => {
  const result = await run('query A { __typename } query B { __typename }', {}, 'C');
  expect(result.data).toBeUndefined();
  expect(result.errors?.map(({ message }) => message)).toEqual(['Unknown operation named "C".']);
});
