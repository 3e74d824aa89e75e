/**
 * The staff order list: filters, sorting, paging with the total count, and what each order shows of
 * its links (their state, never a token), emails and wizard sessions.
 */
import { Harness, startHarness } from '../support/harness';
import { bookOrder, USER_ERRORS, WizardClient } from '../support/wizard';

let h: Harness;
/** The orders of this file by letter, A to I. */
const ids: Record<string, string> = {};
const subs: Record<string, string> = {};
let partner1: string;
let partner2: string;
let analyst: string;

const ORDERS_QUERY = `query ($filter: OrderFilter, $sort: OrderSort, $page: PageInput) {
  orders(filter: $filter, sort: $sort, page: $page) {
    nodes { id subscriptionId status requestedStartDate createdAt windowClosesAt offerCode provisioningContactEmail }
    totalCount
  }
}`;

interface Node {
  id: string;
  subscriptionId: string;
  status: string;
  requestedStartDate: string;
  createdAt: string;
  windowClosesAt: string | null;
}

async function list(variables: { filter?: object; sort?: object; page?: object }, token = analyst) {
  const result = await h.gql(ORDERS_QUERY, variables, { token });
  expect(result.errors).toBeUndefined();
  return result.data.orders as { nodes: Node[]; totalCount: number };
}

/** The letters of the orders a filter returns, sorted, with the total count. */
async function lettersOf(filter: object) {
  const page = await list({ filter, page: { offset: 0, limit: 200 } });
  const letters = page.nodes.map((node) => letterOf(node.id)).sort();
  expect(page.totalCount).toBe(letters.length);
  return letters;
}

function letterOf(id: string): string {
  const found = Object.entries(ids).find(([, value]) => value === id);
  if (!found) throw new Error(`an order this file did not make: ${id}`);
  return found[0];
}

async function book(letter: string, overrides: Parameters<typeof bookOrder>[1]) {
  h.clock.advanceMinutes(1);
  const { order, linkToken } = await bookOrder(h, overrides);
  ids[letter] = order.id;
  subs[letter] = order.subscriptionId;
  return { order, linkToken };
}

/** Walks a partner through the wizard to a mapped order, the customer company in the country given. */
async function mapAsPartner(
  linkToken: string,
  partner: { useExisting: true } | { useExisting: false; adminEmail: string; companyName: string; countryCode: string },
  customer: { adminEmail: string; companyName: string; countryCode: string },
) {
  const wizard = await WizardClient.open(h, linkToken);
  for (const [step, input] of [
    ['ChooseRole', { role: 'PARTNER' }],
    ['ChooseSetupPerformer', { performer: 'SELF' }],
    ['SetPartnerOrg', partner],
    ['SetCustomerAdmin', { adminEmail: customer.adminEmail }],
    ['SetCustomerCompany', { companyName: customer.companyName, countryCode: customer.countryCode }],
    ['ChooseCustomerOrg', { choice: 'NEW' }],
  ] as [string, Record<string, unknown>][]) {
    const answered = await wizard.step(step, input);
    if (answered.userErrors.length) throw new Error(`${step}: ${JSON.stringify(answered.userErrors)}`);
  }
  const confirmed = await wizard.confirm();
  if (confirmed.userErrors.length) throw new Error(`Confirm: ${JSON.stringify(confirmed.userErrors)}`);
  await h.deliverMail();
  return confirmed;
}

beforeAll(async () => {
  h = await startHarness();
  const rep = await h.staffToken('REP');

  // A: mapped, partner org 1 (new), customer in Germany.
  const a = await book('A', {
    subscriptionId: 'SubList-Alpha-01',
    requestedStartDate: '2026-11-24',
    offerCode: 'WXCC-STD',
    provisioningContactEmail: 'Alice@Alpha-Partners.example',
  });
  h.clock.advanceMinutes(1);
  const mappedA = await mapAsPartner(
    a.linkToken!,
    { useExisting: false, adminEmail: 'admin@alpha-partners.example', companyName: 'Alpha Partners', countryCode: 'DE' },
    { adminEmail: 'it@contoso-de.example', companyName: 'Contoso GmbH', countryCode: 'DE' },
  );
  partner1 = mappedA.partnerOrg.id;

  // B: awaiting details; opened twice, then the email was resent.
  const b = await book('B', {
    subscriptionId: 'SubList-Bravo-02',
    requestedStartDate: '2026-11-20',
    offerCode: 'WXCC-PREM',
    provisioningContactEmail: 'bob@bravo.example',
  });
  await WizardClient.open(h, b.linkToken!);
  h.clock.advanceMinutes(1);
  await WizardClient.open(h, b.linkToken!);
  h.clock.advanceMinutes(1);
  const resent = await h.gql(
    `mutation ($input: OrderActionInput!) { orderResendSetupEmail(input: $input) { ${USER_ERRORS} } }`,
    { input: { orderId: b.order.id } },
    { token: rep },
  );
  expect(resent.data.orderResendSetupEmail.userErrors).toEqual([]);
  await h.deliverMail();

  // C: booked for later.
  await book('C', {
    subscriptionId: 'SubList-Charlie-03',
    requestedStartDate: '2026-12-01',
    offerCode: 'WXCC-PREM',
    provisioningContactEmail: 'carol@charlie.example',
  });

  // D: booked for later, then cancelled.
  const d = await book('D', {
    subscriptionId: 'SubList-Delta-04',
    requestedStartDate: '2026-12-15',
    offerCode: 'WXCC-STD',
    provisioningContactEmail: 'dave@delta.example',
  });
  const cancelled = await h.gql(
    `mutation ($input: OrderActionInput!) { orderCancel(input: $input) { ${USER_ERRORS} } }`,
    { input: { orderId: d.order.id } },
    { token: h.commerceKey },
  );
  expect(cancelled.data.orderCancel.userErrors).toEqual([]);

  // E: mapped onto the same partner org 1 (its admin is the contact), customer in the United States.
  const e = await book('E', {
    subscriptionId: 'SubList-Echo-05',
    requestedStartDate: '2026-11-22',
    offerCode: 'WXCC-STD',
    provisioningContactEmail: 'admin@alpha-partners.example',
  });
  const mappedE = await mapAsPartner(
    e.linkToken!,
    { useExisting: true },
    { adminEmail: 'it@fabrikam-us.example', companyName: 'Fabrikam Inc', countryCode: 'US' },
  );
  expect(mappedE.partnerOrg.id).toBe(partner1);

  // F: awaiting details; a contact email with a percent sign.
  await book('F', {
    subscriptionId: 'SubList-Foxtrot-06',
    requestedStartDate: '2026-11-23',
    offerCode: 'WXCC-STD',
    provisioningContactEmail: 'pct%off@foxtrot.example',
  });

  // G: an A-Flex order whose 7-day window will run out; a contact email with an underscore.
  await book('G', {
    subscriptionId: 'SubList-Golf-07',
    requestedStartDate: '2026-11-24',
    offerCode: 'A-FLEX-WXCC',
    provisioningContactEmail: 'under_score@golf.example',
  });

  // H: a trial conversion onto a trial org in Great Britain, awaiting details.
  const trial = await h.gql(
    `mutation ($input: CustomerOrgStartTrialInput!) { customerOrgStartTrial(input: $input) { customerOrg { id } ${USER_ERRORS} } }`,
    { input: { companyName: 'Northwind UK', countryCode: 'GB', adminEmail: 'trial-admin@northwind-uk.example', days: 60 } },
    { token: rep },
  );
  expect(trial.data.customerOrgStartTrial.userErrors).toEqual([]);
  await book('H', {
    subscriptionId: 'SubList-Hotel-08',
    requestedStartDate: '2026-11-24',
    offerCode: 'WXCC-STD',
    provisioningContactEmail: 'hank@hotel.example',
    trialCustomerOrgId: trial.data.customerOrgStartTrial.customerOrg.id,
  });

  // I: mapped onto a second partner org, customer in India.
  const i = await book('I', {
    subscriptionId: 'SubList-India-09',
    requestedStartDate: '2026-11-24',
    offerCode: 'WXCC-STD',
    provisioningContactEmail: 'ivy@india-partners.example',
  });
  const mappedI = await mapAsPartner(
    i.linkToken!,
    { useExisting: false, adminEmail: 'admin@india-partners.example', companyName: 'India Partners', countryCode: 'IN' },
    { adminEmail: 'it@tata-in.example', companyName: 'Tata Retail', countryCode: 'IN' },
  );
  partner2 = mappedI.partnerOrg.id;

  // A week later: G's window has run out, and the wizard sessions left open have expired.
  h.clock.advanceDays(7);
  await h.services.orders.closeExpiredOrders();
  await h.services.provisioning.expireIdleSessions();
  analyst = await h.staffToken('ANALYST');
});
afterAll(() => h.close());

test('the data set is what the scenarios below expect', async () => {
  const rows = await h.db.query(`SELECT id, status FROM orders ORDER BY subscription_id`);
  expect(rows.map((row: { id: string; status: string }) => [letterOf(row.id), row.status])).toEqual([
    ['A', 'MAPPED'],
    ['B', 'AWAITING_PROVISIONING_DETAILS'],
    ['C', 'BOOKED'],
    ['D', 'CANCELLED'],
    ['E', 'MAPPED'],
    ['F', 'AWAITING_PROVISIONING_DETAILS'],
    ['G', 'CLOSED'],
    ['H', 'AWAITING_PROVISIONING_DETAILS'],
    ['I', 'MAPPED'],
  ]);
});

describe('the total of a list filtered by status alone comes from the tally, and equals count(*)', () => {
  /** The tally's sum and count(*) per status, side by side; and how many tally rows there are. */
  async function tallyAndCount(db: { query: (sql: string) => Promise<any[]> } = h.db) {
    const rows = await db.query(`
      SELECT s.status, coalesce(t.orders, 0)::int AS tally, coalesce(c.orders, 0)::int AS counted
        FROM (SELECT unnest(ARRAY['BOOKED', 'AWAITING_PROVISIONING_DETAILS', 'MAPPED', 'CLOSED', 'CANCELLED']) AS status) s
        LEFT JOIN (SELECT status, sum(orders) AS orders FROM order_status_tally GROUP BY status) t USING (status)
        LEFT JOIN (SELECT status, count(*) AS orders FROM orders GROUP BY status) c USING (status)
       ORDER BY s.status`);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM order_status_tally`);
    return { perStatus: rows.map((r: any) => [r.status, r.tally, r.counted]), rows: n as number };
  }

  test('after bookings, mappings, a cancel and a close, per status', async () => {
    const { perStatus } = await tallyAndCount();
    expect(perStatus).toEqual([
      ['AWAITING_PROVISIONING_DETAILS', 3, 3],
      ['BOOKED', 1, 1],
      ['CANCELLED', 1, 1],
      ['CLOSED', 1, 1],
      ['MAPPED', 3, 3],
    ]);
  });

  test('folding keeps the sums and leaves a row per status once there are more than 32', async () => {
    const before = await tallyAndCount();
    // 40 more rows that cancel out, as a busy second of status changes would leave.
    await h.db.query(`INSERT INTO order_status_tally (status, orders) SELECT 'BOOKED', (-1) ^ g FROM generate_series(1, 40) g`);
    expect((await tallyAndCount()).perStatus).toEqual(before.perStatus);
    await Promise.all([h.services.orders.foldTally(), h.services.orders.foldTally()]);
    expect(await tallyAndCount()).toEqual({ perStatus: before.perStatus, rows: 5 });
    // A few rows are left alone: folding them would only churn the table.
    await h.db.query(`INSERT INTO order_status_tally (status, orders) VALUES ('MAPPED', 1), ('MAPPED', -1)`);
    await h.services.orders.foldTally();
    expect(await tallyAndCount()).toEqual({ perStatus: before.perStatus, rows: 7 });
  });

  test('a deleted or truncated order leaves the tally too (the application does neither; rolled back)', async () => {
    const runner = h.db.createQueryRunner();
    await runner.startTransaction();
    try {
      await runner.query(`DELETE FROM orders WHERE id = $1`, [ids.C]);
      expect((await tallyAndCount(runner)).perStatus).toContainEqual(['BOOKED', 0, 0]);
      await runner.query(`TRUNCATE orders CASCADE`);
      expect((await tallyAndCount(runner)).perStatus.every(([, tally, counted]: number[]) => tally === 0 && counted === 0)).toBe(true);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  test('the list answers the same totals, one status or several', async () => {
    expect((await list({ filter: { status: ['MAPPED'] } })).totalCount).toBe(3);
    expect((await list({ filter: { status: ['BOOKED', 'CLOSED', 'CANCELLED'] } })).totalCount).toBe(3);
    expect((await list({})).totalCount).toBe(9);
  });
});

describe('filters', () => {
  test('by status, one or several', async () => {
    expect(await lettersOf({ status: ['MAPPED'] })).toEqual(['A', 'E', 'I']);
    expect(await lettersOf({ status: ['AWAITING_PROVISIONING_DETAILS'] })).toEqual(['B', 'F', 'H']);
    expect(await lettersOf({ status: ['BOOKED', 'CANCELLED', 'CLOSED'] })).toEqual(['C', 'D', 'G']);
    expect(await lettersOf({ status: [] })).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I']);
  });

  test('by requested start date, both bounds inclusive', async () => {
    expect(await lettersOf({ requestedStartDateFrom: '2026-11-22', requestedStartDateTo: '2026-11-24' })).toEqual([
      'A',
      'E',
      'F',
      'G',
      'H',
      'I',
    ]);
    expect(await lettersOf({ requestedStartDateFrom: '2026-11-23', requestedStartDateTo: '2026-11-23' })).toEqual(['F']);
    expect(await lettersOf({ requestedStartDateFrom: '2026-12-01' })).toEqual(['C', 'D']);
    expect(await lettersOf({ requestedStartDateTo: '2026-11-20' })).toEqual(['B']);
    expect(await lettersOf({ requestedStartDateFrom: '2026-11-25', requestedStartDateTo: '2026-11-30' })).toEqual([]);
    expect(await lettersOf({ requestedStartDateFrom: '2026-12-16' })).toEqual([]);
  });

  test.each([['2026-13-01'], ['2026-02-30'], ['yesterday'], ['24.11.2026']])('a malformed date %s is BAD_USER_INPUT', async (date) => {
    for (const filter of [{ requestedStartDateFrom: date }, { requestedStartDateTo: date }]) {
      const result = await h.gql(ORDERS_QUERY, { filter }, { token: analyst });
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.data).toBeNull();
    }
  });

  test('by partner org', async () => {
    expect(await lettersOf({ partnerOrgId: partner1 })).toEqual(['A', 'E']);
    expect(await lettersOf({ partnerOrgId: partner2 })).toEqual(['I']);
    expect(await lettersOf({ partnerOrgId: '6f1c3c52-0d43-4a8e-9d1e-4b8f2a9c7e01' })).toEqual([]);
    expect(await lettersOf({ partnerOrgId: 'not-an-id' })).toEqual([]);
  });

  test("by the customer org's country, any case", async () => {
    expect(await lettersOf({ countryCode: 'DE' })).toEqual(['A']);
    expect(await lettersOf({ countryCode: 'us' })).toEqual(['E']);
    expect(await lettersOf({ countryCode: 'IN' })).toEqual(['I']);
    // A trial conversion counts in the country of the trial org it will land on.
    expect(await lettersOf({ countryCode: 'GB' })).toEqual(['H']);
    expect(await lettersOf({ countryCode: 'FR' })).toEqual([]);
  });

  test('by offer', async () => {
    expect(await lettersOf({ offerCode: 'A-FLEX-WXCC' })).toEqual(['G']);
    expect(await lettersOf({ offerCode: 'WXCC-PREM' })).toEqual(['B', 'C']);
    expect(await lettersOf({ offerCode: 'NO-SUCH-OFFER' })).toEqual([]);
  });

  test('search: part of the subscription id or of the contact email, any case', async () => {
    expect(await lettersOf({ search: 'list-CHARLIE' })).toEqual(['C']);
    expect(await lettersOf({ search: '-09' })).toEqual(['I']);
    expect(await lettersOf({ search: 'alpha-partners' })).toEqual(['A', 'E']);
    expect(await lettersOf({ search: 'ALPHA' })).toEqual(['A', 'E']);
    expect(await lettersOf({ search: 'HOTEL.EXAMPLE' })).toEqual(['H']);
    expect(await lettersOf({ search: 'sublist' })).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I']);
    expect(await lettersOf({ search: 'nobody-matches-this' })).toEqual([]);
  });

  test('search: % and _ are literal characters, not wildcards', async () => {
    expect(await lettersOf({ search: '%' })).toEqual(['F']);
    expect(await lettersOf({ search: 'pct%off' })).toEqual(['F']);
    expect(await lettersOf({ search: 'pct%' })).toEqual(['F']);
    expect(await lettersOf({ search: 'S%b' })).toEqual([]);
    expect(await lettersOf({ search: '_' })).toEqual(['G']);
    expect(await lettersOf({ search: 'under_' })).toEqual(['G']);
    expect(await lettersOf({ search: 'Sub_ist' })).toEqual([]);
    expect(await lettersOf({ search: '\\' })).toEqual([]);
  });

  test('filters combine', async () => {
    expect(await lettersOf({ status: ['AWAITING_PROVISIONING_DETAILS'], offerCode: 'WXCC-STD' })).toEqual(['F', 'H']);
    expect(await lettersOf({ status: ['MAPPED'], partnerOrgId: partner1, countryCode: 'US' })).toEqual(['E']);
    expect(await lettersOf({ search: 'alpha', requestedStartDateFrom: '2026-11-23' })).toEqual(['A']);
  });
});

describe('sorting', () => {
  const keyOf: Record<string, (node: Node) => string | null> = {
    REQUESTED_START_DATE: (node) => node.requestedStartDate,
    CREATED_AT: (node) => node.createdAt,
    SUBSCRIPTION_ID: (node) => node.subscriptionId,
    STATUS: (node) => node.status,
    WINDOW_CLOSES_AT: (node) => node.windowClosesAt,
  };

  test.each(Object.keys(keyOf))('by %s, ascending and descending', async (field) => {
    const ascending = (await list({ sort: { field, direction: 'ASC' }, page: { offset: 0, limit: 200 } })).nodes;
    const descending = (await list({ sort: { field, direction: 'DESC' }, page: { offset: 0, limit: 200 } })).nodes;
    expect(ascending).toHaveLength(9);
    // Descending is ascending turned around, ties included.
    expect(descending.map((node) => node.id)).toEqual(ascending.map((node) => node.id).reverse());

    // The values that are set come in order; the unset ones (no window yet) come together at one end.
    const keys = ascending.map(keyOf[field]);
    const set = keys.filter((key): key is string => key !== null);
    expect(set).toEqual([...set].sort());
    const firstNull = keys.indexOf(null);
    if (firstNull >= 0) {
      const nulls = keys.filter((key) => key === null).length;
      expect(firstNull === 0 || firstNull === keys.length - nulls).toBe(true);
      expect(keys.slice(firstNull, firstNull + nulls).every((key) => key === null)).toBe(true);
    }
  });

  test('by subscription id and by creation: the exact orders', async () => {
    const bySubscription = await list({ sort: { field: 'SUBSCRIPTION_ID', direction: 'ASC' } });
    expect(bySubscription.nodes.map((node) => letterOf(node.id))).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I']);
    const newestFirst = await list({ sort: { field: 'CREATED_AT', direction: 'DESC' } });
    expect(newestFirst.nodes.map((node) => letterOf(node.id))).toEqual(['I', 'H', 'G', 'F', 'E', 'D', 'C', 'B', 'A']);
    // With no sort given: newest first.
    const byDefault = await list({});
    expect(byDefault.nodes.map((node) => node.id)).toEqual(newestFirst.nodes.map((node) => node.id));
    const byDate = await list({ sort: { field: 'REQUESTED_START_DATE', direction: 'ASC' } });
    expect(byDate.nodes.slice(0, 3).map((node) => letterOf(node.id))).toEqual(['B', 'E', 'F']);
    expect(byDate.nodes.slice(-2).map((node) => letterOf(node.id))).toEqual(['C', 'D']);
    const byStatus = await list({ sort: { field: 'STATUS', direction: 'DESC' } });
    expect(byStatus.nodes.slice(0, 3).map((node) => node.status)).toEqual(['MAPPED', 'MAPPED', 'MAPPED']);
  });
});

describe('paging', () => {
  test('pages of a sorted list add up to the whole list, each with the total count', async () => {
    const sort = { field: 'SUBSCRIPTION_ID', direction: 'ASC' };
    const whole = await list({ sort, page: { offset: 0, limit: 200 } });
    const pages = [];
    for (const offset of [0, 4, 8]) pages.push(await list({ sort, page: { offset, limit: 4 } }));
    expect(pages.map((page) => page.nodes.length)).toEqual([4, 4, 1]);
    expect(pages.map((page) => page.totalCount)).toEqual([9, 9, 9]);
    expect(pages.flatMap((page) => page.nodes.map((node) => node.id))).toEqual(whole.nodes.map((node) => node.id));

    expect(await list({ sort, page: { offset: 9, limit: 4 } })).toEqual({ nodes: [], totalCount: 9 });
    expect(await list({ sort, page: { offset: 1000, limit: 1 } })).toEqual({ nodes: [], totalCount: 9 });
    // The total counts what the filter matches, not what the page shows.
    const mapped = await list({ filter: { status: ['MAPPED'] }, sort, page: { offset: 1, limit: 1 } });
    expect(mapped.totalCount).toBe(3);
    expect(mapped.nodes.map((node) => letterOf(node.id))).toEqual(['E']);
  });

  test.each([
    ['limit 0', { offset: 0, limit: 0 }],
    ['limit 201', { offset: 0, limit: 201 }],
    ['a negative limit', { offset: 0, limit: -1 }],
    ['a negative offset', { offset: -1, limit: 10 }],
  ])('%s is BAD_USER_INPUT', async (_what, page) => {
    const result = await h.gql(ORDERS_QUERY, { page }, { token: analyst });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.data).toBeNull();
  });

  test('limit 200 is allowed', async () => {
    expect((await list({ page: { offset: 0, limit: 200 } })).totalCount).toBe(9);
  });
});

describe("an order's links, emails and sessions", () => {
  const DETAILS = `query ($id: ID!) { order(id: $id) {
    links { id status recipientEmail createdAt revokedAt firstOpenedAt openCount }
    emails { id kind recipient subject status attempts lastError nextAttemptAt sentAt createdAt }
    sessions { id status currentStep furthestStep }
  } }`;

  test('a mapped order: its link reads ALREADY_MAPPED, the setup and welcome emails were sent, the session completed', async () => {
    const result = await h.gql(DETAILS, { id: ids.A }, { token: analyst });
    expect(result.errors).toBeUndefined();
    const { links, emails, sessions } = result.data.order;
    expect(links).toEqual([
      expect.objectContaining({
        status: 'ALREADY_MAPPED',
        recipientEmail: 'Alice@Alpha-Partners.example',
        openCount: 1,
        firstOpenedAt: expect.any(String),
        revokedAt: expect.any(String),
      }),
    ]);
    expect(
      emails.map((email: { kind: string; recipient: string; status: string; attempts: number; lastError: string | null }) => [
        email.kind,
        email.recipient,
        email.status,
        email.attempts,
        email.lastError,
      ]),
    ).toEqual([
      ['WELCOME', 'it@contoso-de.example', 'SENT', 1, null],
      ['SETUP_LINK', 'Alice@Alpha-Partners.example', 'SENT', 1, null],
    ]);
    expect(emails[1].subject).toContain(subs.A);
    expect(sessions).toEqual([expect.objectContaining({ status: 'COMPLETED', currentStep: 'DONE', furthestStep: 'DONE' })]);
  });

  test('an order opened twice and then resent: the old link revoked after two openings, the new one unopened', async () => {
    const result = await h.gql(DETAILS, { id: ids.B }, { token: analyst });
    expect(result.errors).toBeUndefined();
    const { links, emails, sessions } = result.data.order;
    expect(links).toEqual([
      expect.objectContaining({ status: 'VALID', recipientEmail: 'bob@bravo.example', openCount: 0, firstOpenedAt: null, revokedAt: null }),
      expect.objectContaining({ status: 'REVOKED', recipientEmail: 'bob@bravo.example', openCount: 2, revokedAt: expect.any(String) }),
    ]);
    expect(new Date(links[1].firstOpenedAt) < new Date(links[1].revokedAt)).toBe(true);
    expect(emails.map((email: { kind: string; status: string }) => [email.kind, email.status])).toEqual([
      ['SETUP_LINK', 'SENT'],
      ['SETUP_LINK', 'SENT'],
    ]);
    // The newer session superseded the older; it then expired when left idle.
    expect(sessions.map((session: { status: string }) => session.status)).toEqual(['EXPIRED', 'SUPERSEDED']);
  });

  test('a booked order has no links, emails or sessions yet', async () => {
    const result = await h.gql(DETAILS, { id: ids.C }, { token: analyst });
    expect(result.data.order).toEqual({ links: [], emails: [], sessions: [] });
  });

  test('the list shows the same details, and no token anywhere', async () => {
    const result = await h.gql(
      `{ orders(page: { offset: 0, limit: 200 }) { nodes { subscriptionId links { id status } emails { kind subject } sessions { id status } } totalCount } }`,
      {},
      { token: analyst },
    );
    expect(result.errors).toBeUndefined();
    const text = JSON.stringify(result.data);
    expect(text).not.toMatch(/wx[lsk]_/);
    const b = result.data.orders.nodes.find((node: { subscriptionId: string }) => node.subscriptionId === subs.B);
    expect(b.links.map((link: { status: string }) => link.status)).toEqual(['VALID', 'REVOKED']);
  });

  test('the schema has no field that could carry a token or an email body', async () => {
    const result = await h.gql(
      `{ link: __type(name: "SetupLinkState") { fields { name } } email: __type(name: "OutboxEmail") { fields { name } }
         order: __type(name: "Order") { fields { name } } }`,
      {},
      // Introspection is for staff.
      { token: await h.staffToken('REP') },
    );
    expect(result.errors).toBeUndefined();
    const linkFields = result.data.link.fields.map((field: { name: string }) => field.name);
    expect(linkFields).toEqual(
      expect.arrayContaining(['id', 'status', 'recipientEmail', 'createdAt', 'revokedAt', 'firstOpenedAt', 'openCount']),
    );
    expect(linkFields.filter((name: string) => /token|hash/i.test(name))).toEqual([]);
    const emailFields = result.data.email.fields.map((field: { name: string }) => field.name);
    expect(emailFields.filter((name: string) => /token|body|text|html/i.test(name))).toEqual([]);
    const orderFields = result.data.order.fields.map((field: { name: string }) => field.name);
    expect(orderFields.filter((name: string) => /token/i.test(name))).toEqual([]);
  });
});

describe('who may list orders', () => {
  test('analysts, representatives and administrators; not the commerce key, a wizard session or nobody', async () => {
    for (const role of ['ANALYST', 'REP', 'ADMIN'] as const) {
      const result = await h.gql(ORDERS_QUERY, {}, { token: await h.staffToken(role) });
      expect(result.errors).toBeUndefined();
      expect(result.data.orders.totalCount).toBe(9);
    }
    const { linkToken } = await bookOrder(h, { subscriptionId: 'SubAccess-1', provisioningContactEmail: 'access@check.example' });
    const wizard = await WizardClient.open(h, linkToken!);
    for (const [token, code] of [
      [h.commerceKey, 'FORBIDDEN'],
      [wizard.sessionToken, 'FORBIDDEN'],
      [null, 'UNAUTHENTICATED'],
      ['not-a-credential', 'UNAUTHENTICATED'],
    ] as [string | null, string][]) {
      const result = await h.gql(ORDERS_QUERY, {}, { token });
      expect({ token, code: result.errors?.[0]?.extensions?.code }).toEqual({ token, code });
      expect(result.data).toBeNull();
    }
  });
});
