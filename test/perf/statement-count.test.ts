/**
 * A list costs the same number of SQL statements whatever its length: every relation its rows can
 * select is loaded for the whole page at once (each feature's *.loaders.ts), never row by row. Each
 * list is asked for a page of 2 and a page of 20 with its relations, and the statements the server
 * ran for each request are counted on its connection pool.
 *
 * The data: 22 orders mapped by partners with new orgs, 3 orders converting trials between the
 * first of them (their links opened), and 20 orders whose contact, a partner admin, reported a wrong
 * partner org (a case each).
 */
import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { Harness, startHarness } from '../support/harness';
import { bookOrder, partnerReadyToConfirm, USER_ERRORS, WizardClient } from '../support/wizard';

let h: Harness;
let admin: string;
let statements: StatementCounter;

/** Counts the statements sent on a pool's connections: each client's query() is wrapped the first time it is checked out. */
class StatementCounter {
  count = 0;

  constructor(db: DataSource) {
    const pool = (db.driver as PostgresDriver).master as Pool;
    const wrapped = new WeakSet<PoolClient>();
    pool.on('acquire', (client) => {
      if (wrapped.has(client)) return;
      wrapped.add(client);
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      client.query = ((...args: unknown[]) => {
        this.count += 1;
        return query(...args);
      }) as typeof client.query;
    });
  }
}

/** Runs a staff query and returns its data with the statements it cost. */
async function measure(query: string, limit: number) {
  statements.count = 0;
  const result = await h.gql(query, { page: { offset: 0, limit } }, { token: admin });
  const cost = statements.count;
  expect(result.errors).toBeUndefined();
  return { data: result.data, statements: cost };
}

const N = 20;

beforeAll(async () => {
  h = await startHarness();
  statements = new StatementCounter(h.db);
  admin = await h.staffToken('ADMIN');

  // Partners who completed the wizard with new partner and customer orgs; before each of the first
  // three, a trial whose conversion order was booked and opened: every page of orders holds both kinds.
  for (let i = 0; i < N + 2; i++) {
    if (i < 3) {
      h.clock.advanceMinutes(1);
      const trial = await h.gql(
        `mutation ($input: CustomerOrgStartTrialInput!) { customerOrgStartTrial(input: $input) { customerOrg { id } ${USER_ERRORS} } }`,
        { input: { companyName: `Trial Company ${i}`, countryCode: 'FR', adminEmail: `trial-admin-${i}@trial-${i}.example`, days: 30 } },
        { token: h.commerceKey },
      );
      const { linkToken } = await bookOrder(h, { trialCustomerOrgId: trial.data.customerOrgStartTrial.customerOrg.id });
      await WizardClient.open(h, linkToken!);
    }
    h.clock.advanceMinutes(1);
    const { linkToken } = await bookOrder(h);
    const wizard = await WizardClient.open(h, linkToken!);
    await partnerReadyToConfirm(wizard, {
      partnerAdmin: `padmin-${i}@partner-${i}.example`,
      customerAdmin: `cadmin-${i}@customer-${i}.example`,
    });
    const confirmed = await wizard.confirm();
    expect(confirmed.userErrors).toEqual([]);
  }
  await h.deliverMail();
  // Partner admins who got an order to set up and found their partner org wrong.
  for (let i = 0; i < N; i++) {
    h.clock.advanceMinutes(1);
    const { linkToken } = await bookOrder(h, { provisioningContactEmail: `padmin-${i}@partner-${i}.example` });
    const wizard = await WizardClient.open(h, linkToken!);
    const reported = await wizard.step(
      'ReportProblem',
      { kind: 'PARTNER_ORG_INCORRECT', message: 'Our partner org name is wrong.' },
      'case { id }',
    );
    expect(reported.userErrors).toEqual([]);
  }
}, 120_000);

afterAll(() => h?.close());

/** Each list with every relation its rows can select. */
const LISTS: Record<string, string> = {
  orders: `query ($page: PageInput) { orders(sort: { field: CREATED_AT, direction: ASC }, page: $page) { totalCount nodes {
    id partnerOrg { id name } customerOrg { id name } trialCustomerOrg { id name }
    links { id status } emails { id status } sessions { id status order { id } partnerOrgForReview { id } existingCustomerOrg { id } }
  } } }`,
  customerOrgs: `query ($page: PageInput) { customerOrgs(page: $page) { totalCount nodes {
    id partnerOrg { id name } orders(page: { limit: 5 }) { totalCount nodes { id partnerOrg { id } } }
  } } }`,
  partnerOrgs: `query ($page: PageInput) { partnerOrgs(page: $page) { totalCount nodes {
    id customerOrgs { id partnerOrg { id } } orders(page: { limit: 5 }) { totalCount nodes { id customerOrg { id } } }
  } } }`,
  cases: `query ($page: PageInput) { cases(page: $page) { totalCount nodes {
    id order { id partnerOrg { id } } partnerOrg { id name } customerOrg { id name }
  } } }`,
  outboxEmails: `query ($page: PageInput) { outboxEmails(page: $page) { totalCount nodes { id kind order { id partnerOrg { id } } } } }`,
  auditEvents: `query ($page: PageInput) { auditEvents(page: $page) { totalCount nodes { id action entityType entityId } } }`,
};

/** How many rows of a page have the relation set: the relations must be there for the count to mean anything. */
function withRelation(nodes: Record<string, unknown>[], field: string): number {
  return nodes.filter((node) => {
    const value = node[field];
    return Array.isArray(value) ? value.length > 0 : value !== null && value !== undefined;
  }).length;
}

describe('a list costs the same number of statements for 2 rows as for 20', () => {
  it.each(Object.keys(LISTS))('%s', async (list) => {
    const short = await measure(LISTS[list], 2);
    const long = await measure(LISTS[list], N);
    expect(short.data[list].nodes).toHaveLength(2);
    expect(long.data[list].nodes).toHaveLength(N);
    expect({ list, statements: long.statements }).toEqual({ list, statements: short.statements });
  });

  it('the pages hold the relations they are counted for', async () => {
    const orders = (await measure(LISTS.orders, N)).data.orders.nodes;
    expect(withRelation(orders, 'trialCustomerOrg')).toBe(3);
    expect(withRelation(orders, 'partnerOrg')).toBe(N - 3);
    expect(withRelation(orders, 'customerOrg')).toBe(N - 3);
    expect(withRelation(orders, 'links')).toBe(N);
    expect(withRelation(orders, 'emails')).toBe(N);
    expect(withRelation(orders, 'sessions')).toBe(N);
    const customerOrgs = (await measure(LISTS.customerOrgs, N)).data.customerOrgs.nodes;
    expect(withRelation(customerOrgs, 'partnerOrg')).toBe(N);
    expect(customerOrgs.every((org: { orders: { totalCount: number } }) => org.orders.totalCount === 1)).toBe(true);
    const partnerOrgs = (await measure(LISTS.partnerOrgs, N)).data.partnerOrgs.nodes;
    expect(withRelation(partnerOrgs, 'customerOrgs')).toBe(N);
    const cases = (await measure(LISTS.cases, N)).data.cases.nodes;
    expect(withRelation(cases, 'order')).toBe(N);
    expect(withRelation(cases, 'partnerOrg')).toBe(N);
    const emails = (await measure(LISTS.outboxEmails, N)).data.outboxEmails.nodes;
    expect(withRelation(emails, 'order')).toBe(N);
  });
});
