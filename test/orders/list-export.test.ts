/**
 * The list exports (/exports/orders.csv, /exports/customer-orgs.csv, /exports/cases.csv) on the built server in
 * production mode: every row of the list's filter (past the API's 200-row page and the export's 500-row batch), in
 * the list's order, a BOM for Excel, cells a spreadsheet would run as a formula defused, and what a refusal looks like.
 */
import { generateData } from '../../server/db/seed/generator';
import { Deployed, startDeployed } from '../support/deployed';
import { parseCsv } from '../support/metrics-plain-sql';
import { waitFor } from '../process/support';

let d: Deployed;
let rep: string;
let analyst: string;

const DAY = 86_400_000;
/** The generated history ends 3 days ago, so that what falls due is done at start, not during the test. */
const generatedNow = new Date(Date.now() - 3 * DAY);

beforeAll(async () => {
  d = await startDeployed({
    beforeStart: async (db) => {
      const client = await db.pool.connect();
      try {
        await generateData(client, { orders: 1200, seed: 19, now: generatedNow });
      } finally {
        client.release();
      }
    },
  });
  [rep, analyst] = [await d.login('REP'), await d.login('ANALYST')];
  await waitFor(
    async () =>
      (await d.db.query(`SELECT count(*)::int AS n FROM orders WHERE status = 'BOOKED' AND requested_start_date <= current_date`))[0].n ===
      0,
    60_000,
    () => 'the server did not catch up with the generated data',
  );
}, 180_000);

afterAll(async () => {
  await d?.close();
});

const exportOf = (file: string, params: string | Record<string, string> = '', token: string | null = rep) =>
  fetch(`${d.origin}/exports/${file}?${new URLSearchParams(params)}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

/** The export's rows as objects by header, after checking it is a UTF-8 CSV with a BOM. */
async function rowsOf(response: Response): Promise<Record<string, string>[]> {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(response.headers.get('cache-control')).toBe('no-store');
  const bytes = new Uint8Array(await response.arrayBuffer());
  // The UTF-8 byte order mark (fetch's text() would drop it).
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...rows] = parseCsv(new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes));
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]])));
}

/** Every node of a list query, page by page (200 at a time), and its totalCount. */
async function listAll(field: string, args: string, variables: Record<string, unknown>, fields = 'id'): Promise<any[]> {
  const nodes: any[] = [];
  for (let offset = 0; ; offset += 200) {
    const { body } = await d.gql(
      `query ($page: PageInput${args ? `, ${args}` : ''}) { ${field}(page: $page${Object.keys(variables)
        .map((name) => `, ${name}: $${name}`)
        .join('')}) { totalCount nodes { ${fields} } } }`,
      { ...variables, page: { offset, limit: 200 } },
      { token: analyst },
    );
    expect(body.errors).toBeUndefined();
    nodes.push(...body.data[field].nodes);
    if (nodes.length >= body.data[field].totalCount) return nodes;
  }
}

test('orders.csv holds every order of the filter in the list order, past one page and one batch', async () => {
  const all = await listAll('orders', '$sort: OrderSort', { sort: { field: 'SUBSCRIPTION_ID', direction: 'ASC' } });
  expect(all.length).toBeGreaterThan(1000);
  const rows = await rowsOf(await exportOf('orders.csv', { sort: 'subscriptionId', order: 'ASC' }));
  expect(rows.map((r) => r.id)).toEqual(all.map((o) => o.id));

  const filter = {
    status: ['MAPPED', 'CLOSED'],
    requestedStartDateFrom: new Date(generatedNow.getTime() - 300 * DAY).toISOString().slice(0, 10),
  };
  const listed = await listAll(
    'orders',
    '$filter: OrderFilter',
    { filter },
    'id subscriptionId status requestedStartDate partnerOrg { name }',
  );
  expect(listed.length).toBeGreaterThan(200);
  const filtered = await rowsOf(
    await exportOf('orders.csv', `status=MAPPED&status=CLOSED&requestedStartDateFrom=${filter.requestedStartDateFrom}`),
  );
  // Newest first, as the list without a sort.
  expect(filtered.map((r) => r.id)).toEqual(listed.map((o) => o.id));
  expect(filtered.map((r) => [r.subscription_id, r.status, r.requested_start_date, r.partner_org_name || null])).toEqual(
    listed.map((o) => [o.subscriptionId, o.status, o.requestedStartDate, o.partnerOrg?.name ?? null]),
  );
  // status given once, comma-separated, is the same filter.
  const commas = await rowsOf(await exportOf('orders.csv', `status=MAPPED,CLOSED&requestedStartDateFrom=${filter.requestedStartDateFrom}`));
  expect(commas.length).toBe(filtered.length);

  const search = listed[0].subscriptionId.slice(0, 6);
  const searched = await listAll('orders', '$filter: OrderFilter', { filter: { search } });
  expect((await rowsOf(await exportOf('orders.csv', { search }, analyst))).map((r) => r.id)).toEqual(searched.map((o) => o.id));
});

test('customer-orgs.csv and cases.csv hold every row of their filters', async () => {
  const orgs = await listAll('customerOrgs', '', {});
  expect(orgs.length).toBeGreaterThan(200);
  expect((await rowsOf(await exportOf('customer-orgs.csv'))).map((r) => r.id)).toEqual(orgs.map((o) => o.id));
  const expired = await listAll('customerOrgs', '$filter: CustomerOrgFilter', { filter: { trialStatus: 'EXPIRED' } }, 'id trialStatus');
  const expiredRows = await rowsOf(await exportOf('customer-orgs.csv', { trialStatus: 'EXPIRED' }));
  expect(expiredRows.map((r) => [r.id, r.trial_status])).toEqual(expired.map((o) => [o.id, 'EXPIRED']));

  const cases = await listAll('cases', '', {}, 'id kind status');
  expect(cases.length).toBeGreaterThan(0);
  expect((await rowsOf(await exportOf('cases.csv'))).map((r) => [r.id, r.kind, r.status])).toEqual(
    cases.map((c) => [c.id, c.kind, c.status]),
  );
  const { kind, status } = cases[0];
  const some = await listAll('cases', '$filter: CaseFilter', { filter: { kind, status } }, 'id');
  expect(some.length).toBeLessThan(cases.length);
  const caseRows = await rowsOf(await exportOf('cases.csv', { kind, status }));
  expect(caseRows.map((r) => [r.id, r.kind, r.status])).toEqual(some.map((c) => [c.id, kind, status]));
});

test('a cell a spreadsheet would run as a formula starts with an apostrophe; quotes and commas stay in their cell', async () => {
  const names = ['=HYPERLINK("http://evil.example","Click")', '+1+1', '-2-2', '@SUM(A1)', 'Плюс, "кавички"'];
  for (const [i, name] of names.entries()) {
    const { body } = await d.gql(
      `mutation ($input: CustomerOrgStartTrialInput!) { customerOrgStartTrial(input: $input) { customerOrg { id } userErrors { message } } }`,
      { input: { companyName: name, countryCode: 'DE', adminEmail: `formula-${i}@injection.example`, days: 30 } },
      { token: rep },
    );
    expect(body.data.customerOrgStartTrial.userErrors).toEqual([]);
  }
  const response = await exportOf('customer-orgs.csv', { search: 'injection.example' });
  const text = await response.clone().text();
  expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""Click"")"`);
  const rows = await rowsOf(response);
  expect(rows.map((r) => r.name).sort()).toEqual(
    ["'+1+1", "'-2-2", '\'=HYPERLINK("http://evil.example","Click")', "'@SUM(A1)", 'Плюс, "кавички"'].sort(),
  );
  expect(rows.every((r) => r.admin_email.endsWith('@injection.example') && r.country_code === 'DE' && r.trial_status === 'ACTIVE')).toBe(
    true,
  );
});

test('without a staff credential, with the COMMERCE key or with a wrong filter the export is refused before any CSV', async () => {
  const refusal = async (response: Response) => ({ status: response.status, body: await response.json() });
  const error = (status: number, code: string, message: string, argument?: string) => ({
    status,
    body: { errors: [{ message, extensions: { code, ...(argument ? { argument } : {}) } }] },
  });
  for (const file of ['orders.csv', 'customer-orgs.csv', 'cases.csv']) {
    expect(await refusal(await exportOf(file, '', null))).toEqual(error(401, 'UNAUTHENTICATED', 'Send a staff bearer token.'));
    expect(await refusal(await exportOf(file, '', 'not-a-token'))).toEqual(
      error(401, 'UNAUTHENTICATED', 'The credential is not valid or has expired.'),
    );
    expect(await refusal(await exportOf(file, '', d.commerceKey))).toEqual(
      error(403, 'FORBIDDEN', 'The list exports are for analysts, representatives and administrators.'),
    );
  }
  expect(await refusal(await exportOf('orders.csv', { status: 'LOST' }))).toEqual(
    error(400, 'BAD_USER_INPUT', 'status must be one of BOOKED, AWAITING_PROVISIONING_DETAILS, MAPPED, CLOSED, CANCELLED.', 'status'),
  );
  expect(await refusal(await exportOf('orders.csv', { requestedStartDateFrom: '2026-02-30' }))).toEqual(
    error(400, 'BAD_USER_INPUT', 'filter.requestedStartDateFrom must be a date written YYYY-MM-DD.', 'filter'),
  );
  expect(await refusal(await exportOf('cases.csv', { limit: '10' }))).toEqual(
    error(400, 'BAD_USER_INPUT', 'Unknown parameter limit: this export takes status, kind, orderId.', 'limit'),
  );
  expect(await refusal(await exportOf('customer-orgs.csv', 'search=a&search=b'))).toEqual(
    error(400, 'BAD_USER_INPUT', 'search may be given once.', 'search'),
  );
  // A malformed id matches nothing, as in the list.
  expect(await rowsOf(await exportOf('orders.csv', { partnerOrgId: 'nope' }))).toEqual([]);
});
