/**
 * No list answers without bound: every paged field refuses a page over 200, and every list without a page is
 * bounded by a committed reason; a new list field fails here until it is given one.
 */
import { GraphQLNamedType, GraphQLObjectType, getNamedType, isListType, isNonNullType, isObjectType, GraphQLOutputType } from 'graphql';
import { createSchema } from '../../server/schema';
import { MAX_NESTED_LIST } from '../../server/platform/pagination';
import { Harness, startHarness } from '../support/harness';
import { bookOrder } from '../support/wizard';

/** Each list field that takes no page, and what bounds it. */
const BOUNDED: Record<string, string> = {
  'Query.supportedCountries': 'the supported-country table, one row per country',
  'Query.onboardingFunnel': 'the metric range checks (server/metrics/range.ts); dimension groups as many as the dimension has values',
  'Query.onboardingDropOff': 'the metric range checks',
  'Query.provisioningDurations': 'the metric range checks',
  'Query.trialMetrics': 'the metric range checks',
  'Query.caseMetrics': 'the metric range checks',
  'Order.links': 'MAX_NESTED_LIST',
  'Order.emails': 'MAX_NESTED_LIST',
  'Order.sessions': 'MAX_NESTED_LIST',
  'Order.cases': 'MAX_NESTED_LIST',
  'AuditEvent.changes': 'one per field of the audited record (its before and after)',
  'PartnerOrg.customerOrgs': 'MAX_NESTED_LIST',
  'ProvisioningSession.events': 'MAX_NESTED_LIST',
  'ProvisioningSession.path': 'at most one per wizard step',
  'ProvisioningSession.customerOrgChoices': 'at most one per CustomerOrgChoice value',
  'FunnelGroup.stages': 'one per funnel stage',
  'DropOffGroup.abandoned': 'one per wizard step',
  'DropOffGroup.expired': 'one per wizard step',
  'CaseGroup.byKind': 'one per case kind',
  'UserError.field': 'the path of an input field',
  'WebhookEndpoint.events': 'at most one per event type',
  'OrderPreflightPayload.findings': 'at most one per wizard step, and one for the trial',
  'PreflightFinding.field': 'the path of an input field',
};

let h: Harness;
let admin: string;

beforeAll(async () => {
  h = await startHarness();
  admin = await h.staffToken('ADMIN');
});
afterAll(() => h.close());

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

test('every list is paged, at most 200 a page, or bounded for a committed reason', async () => {
  const schema = await createSchema();
  const objects = Object.values(schema.getTypeMap()).filter(
    (type: GraphQLNamedType): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith('__'),
  );
  const unpaged: string[] = [];
  const paged: string[] = [];
  for (const type of objects) {
    for (const field of Object.values(type.getFields())) {
      const name = `${type.name}.${field.name}`;
      if (getNamedType(field.type).name.endsWith('Page')) {
        paged.push(name);
        expect([name, field.args.map((arg) => `${arg.name}: ${arg.type}`)]).toEqual([name, expect.arrayContaining(['page: PageInput'])]);
      }
      // Input-derived lists (payloads' userErrors) answer one mutation's own input.
      if (isList(field.type) && !(type.name.endsWith('Page') && field.name === 'nodes') && field.name !== 'userErrors') unpaged.push(name);
    }
  }
  expect(unpaged.sort()).toEqual(Object.keys(BOUNDED).sort());
  expect(paged.sort()).toEqual(
    [
      'CustomerOrg.orders',
      'PartnerOrg.orders',
      'Query.apiKeys',
      'Query.auditEvents',
      'Query.cases',
      'Query.customerOrgs',
      'Query.orders',
      'Query.outboxEmails',
      'Query.partnerOrgs',
      'Query.provisioningSessions',
      'Query.staffAccounts',
      'Query.webhookDeliveries',
      'Query.webhookEndpoints',
      'Query.webhookEvents',
    ].sort(),
  );
});

describe('with a partner org managing more customer orgs than a nested list holds', () => {
  let partnerOrgId: string;

  beforeAll(async () => {
    [{ id: partnerOrgId }] = await h.db.query(
      `INSERT INTO partner_org (name, admin_email, country_code, created_at, updated_at)
       VALUES ('Big Partner', 'admin@big-partner.example', 'US', now(), now()) RETURNING id`,
    );
    await h.db.query(
      `INSERT INTO customer_org (name, admin_email, country_code, data_residency_region, contact_center_data_location, partner_org_id, created_at, updated_at)
       SELECT 'Customer ' || lpad(i::text, 3, '0'), 'admin@customer' || i || '.example', 'US', 'us1', 'us1', $1, now(), now()
       FROM generate_series(1, $2::int + 5) i`,
      [partnerOrgId, MAX_NESTED_LIST],
    );
  });

  test.each([
    ['Query.orders', `{ orders(page: $page) { totalCount } }`],
    ['Query.cases', `{ cases(page: $page) { totalCount } }`],
    ['Query.auditEvents', `{ auditEvents(page: $page) { totalCount } }`],
    ['Query.customerOrgs', `{ customerOrgs(page: $page) { totalCount } }`],
    ['Query.partnerOrgs', `{ partnerOrgs(page: $page) { totalCount } }`],
    ['Query.outboxEmails', `{ outboxEmails(page: $page) { totalCount } }`],
    ['Query.provisioningSessions', `{ provisioningSessions(page: $page) { totalCount } }`],
    ['Query.staffAccounts', `{ staffAccounts(page: $page) { totalCount } }`],
    ['Query.apiKeys', `{ apiKeys(page: $page) { totalCount } }`],
    ['Query.webhookEndpoints', `{ webhookEndpoints(page: $page) { totalCount } }`],
    ['Query.webhookDeliveries', `{ webhookDeliveries(page: $page) { totalCount } }`],
    ['Query.webhookEvents', `{ webhookEvents(page: $page) { totalCount } }`],
    ['PartnerOrg.orders', `{ partnerOrgs(page: {limit: 1}) { nodes { orders(page: $page) { totalCount } } } }`],
    ['CustomerOrg.orders', `{ customerOrgs(page: {limit: 1}) { nodes { orders(page: $page) { totalCount } } } }`],
  ])('%s answers a page of 200 and refuses 201, naming the page', async (_, selection) => {
    const ask = (limit: number) => h.gql(`query ($page: PageInput) ${selection}`, { page: { offset: 0, limit } }, { token: admin });
    expect((await ask(200)).errors).toBeUndefined();
    const refused = await ask(201);
    expect(refused.errors).toEqual([
      expect.objectContaining({
        message: 'page.limit must be from 1 to 200.',
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'page' }),
      }),
    ]);
  });

  test("a partner's customer orgs are the first 200 by name; the filtered list pages through all", async () => {
    const result = await h.gql(
      `query ($id: ID!) { partnerOrg(id: $id) { customerOrgs { name } } customerOrgs(filter: {partnerOrgId: $id}, page: {limit: 1}) { totalCount } }`,
      { id: partnerOrgId },
      { token: admin },
    );
    expect(result.errors).toBeUndefined();
    const names = result.data.partnerOrg.customerOrgs.map((org: { name: string }) => org.name);
    expect(names).toHaveLength(MAX_NESTED_LIST);
    expect([names[0], names.at(-1)]).toEqual(['Customer 001', 'Customer 200']);
    expect(result.data.customerOrgs.totalCount).toBe(MAX_NESTED_LIST + 5);
  });
});

test("an order's links are its newest 200, beside another order's", async () => {
  const many = await bookOrder(h);
  const few = await bookOrder(h);
  await h.db.query(
    `INSERT INTO setup_link (order_id, token_hash, recipient_email, created_at)
     SELECT $1, sha256(('extra ' || i)::bytea), 'contact@many.example', now() + i * interval '1 second' FROM generate_series(1, $2::int) i`,
    [many.order.id, MAX_NESTED_LIST],
  );
  const result = await h.gql(`{ orders(page: {limit: 2}) { nodes { id links { recipientEmail } } } }`, {}, { token: admin });
  expect(result.errors).toBeUndefined();
  const linksOf = new Map(result.data.orders.nodes.map((order: any) => [order.id, order.links]));
  expect(linksOf.get(many.order.id)).toHaveLength(MAX_NESTED_LIST);
  expect((linksOf.get(many.order.id) as any[]).every((link) => link.recipientEmail === 'contact@many.example')).toBe(true);
  expect(linksOf.get(few.order.id)).toHaveLength(1);
});
