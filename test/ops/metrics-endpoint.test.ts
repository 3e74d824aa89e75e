/** /metrics of the deployed server: behind METRICS_TOKEN, and its counters move with a wizard pass and an email. */
import { freePort } from '../../server/db/embedded';
import { Deployed, startDeployed } from '../support/deployed';
import { waitFor } from '../process/support';

const METRICS_TOKEN = 'metrics-endpoint-test-token-0123456789';

/** Every metric of our own, by name: a rename or a lost metric shows here (and in the dashboards that read it). */
const OWN_METRICS = [
  'wxcc_db_pool_connections',
  'wxcc_db_pool_idle_connections',
  'wxcc_db_pool_max_connections',
  'wxcc_db_pool_waiting_requests',
  'wxcc_emails_failed_total',
  'wxcc_emails_sent_total',
  'wxcc_emails_waiting',
  'wxcc_graphql_request_duration_seconds',
  'wxcc_graphql_requests_total',
  'wxcc_jobs_failed_total',
  'wxcc_jobs_run_total',
  'wxcc_outbox_oldest_waiting_age_seconds',
  'wxcc_wizard_steps_answered_total',
  'wxcc_wizard_steps_refused_total',
];

interface Scrape {
  /** The metric names that have a # TYPE line. */
  names: string[];
  /** The value of the sample with this name and these labels (the sample may have more), or 0 when there is none. */
  value(name: string, labels?: Record<string, string>): number;
  /** Whether a sample of this name exists. */
  has(name: string): boolean;
}

function parse(text: string): Scrape {
  const samples: { name: string; labels: Record<string, string>; value: number }[] = [];
  const names: string[] = [];
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) /.exec(line);
    if (type) names.push(type[1]);
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!sample) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (sample[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[key] = value;
    samples.push({ name: sample[1], labels, value: Number(sample[3]) });
  }
  const matching = (name: string, labels: Record<string, string>) =>
    samples.filter((s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value));
  return {
    names,
    value: (name, labels = {}) => matching(name, labels).reduce((sum, s) => sum + s.value, 0),
    has: (name) => samples.some((s) => s.name === name),
  };
}

let d: Deployed;
let metricsOrigin: string;

beforeAll(async () => {
  const metricsPort = await freePort();
  d = await startDeployed({ env: { METRICS_TOKEN, METRICS_PORT: String(metricsPort) } });
  metricsOrigin = `http://127.0.0.1:${metricsPort}`;
}, 120_000);
afterAll(() => d?.close());

async function scrape(): Promise<Scrape> {
  const response = await fetch(`${metricsOrigin}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parse(await response.text());
}

test('without the token, or with another, /metrics answers 401', async () => {
  const bare = await fetch(`${metricsOrigin}/metrics`);
  expect(bare.status).toBe(401);
  expect(bare.headers.get('www-authenticate')).toBe('Bearer');
  expect(await bare.text()).not.toContain('wxcc_');
  const wrong = await fetch(`${metricsOrigin}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}x` } });
  expect(wrong.status).toBe(401);
});

test('with METRICS_PORT, the public port does not serve /metrics', async () => {
  const response = await fetch(`${d.origin}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(response.status).toBe(404);
});

test('the metric names exposed', async () => {
  const metrics = await scrape();
  expect(metrics.names.filter((name) => name.startsWith('wxcc_')).sort()).toEqual(OWN_METRICS);
  // prom-client's process metrics, under their usual names, for the usual dashboards.
  expect(metrics.names).toEqual(
    expect.arrayContaining(['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes']),
  );
});

test('a wizard pass and an email move the counters; the outbox and pool gauges are there', async () => {
  const before = await scrape();

  const { sessionToken } = await d.openWizard();
  const role = await d.gql(
    `mutation Role { provisioningChooseRole(input: { role: CUSTOMER }) { userErrors { code } } }`,
    {},
    { token: sessionToken },
  );
  expect(role.body.data.provisioningChooseRole.userErrors).toEqual([]);
  const company = await d.gql(
    `mutation Company { provisioningSetCustomerCompany(input: { companyName: "Acme", countryCode: "ZZ" }) { userErrors { code } } }`,
    {},
    { token: sessionToken },
  );
  expect(company.body.data.provisioningSetCustomerCompany.userErrors[0].code).toBe('COUNTRY_NOT_SUPPORTED');
  const refused = await d.gql('query Orders { orders { totalCount } }');
  expect(refused.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

  // The relay has the email before the server records it as sent (in the transaction after sendMail).
  let after = await scrape();
  await waitFor(
    async () => {
      after = await scrape();
      return after.value('wxcc_emails_sent_total') > before.value('wxcc_emails_sent_total');
    },
    10_000,
    () => 'wxcc_emails_sent_total did not move after the Set up now email',
  );

  const moved = (name: string, labels?: Record<string, string>) => after.value(name, labels) - before.value(name, labels);
  expect(moved('wxcc_graphql_requests_total', { operation: 'Role', outcome: 'ok' })).toBe(1);
  expect(moved('wxcc_graphql_requests_total', { operation: 'Company', outcome: 'ok' })).toBe(1);
  expect(moved('wxcc_graphql_requests_total', { operation: 'Orders', outcome: 'UNAUTHENTICATED' })).toBe(1);
  expect(moved('wxcc_graphql_request_duration_seconds_count', { operation: 'Role' })).toBe(1);
  expect(moved('wxcc_wizard_steps_answered_total', { step: 'ROLE' })).toBe(1);
  expect(moved('wxcc_wizard_steps_refused_total', { step: 'CUSTOMER_COMPANY', code: 'COUNTRY_NOT_SUPPORTED' })).toBe(1);
  expect(moved('wxcc_emails_sent_total')).toBe(1);
  expect(after.value('wxcc_emails_failed_total')).toBe(0);

  // The email went out: nothing waits in the outbox.
  expect(after.has('wxcc_emails_waiting')).toBe(true);
  expect(after.value('wxcc_emails_waiting')).toBe(0);
  expect(after.value('wxcc_outbox_oldest_waiting_age_seconds')).toBe(0);
  expect(after.value('wxcc_db_pool_connections')).toBeGreaterThanOrEqual(1);
  expect(after.value('wxcc_db_pool_max_connections')).toBeGreaterThanOrEqual(after.value('wxcc_db_pool_connections'));
  expect(after.has('wxcc_db_pool_idle_connections')).toBe(true);
  expect(after.has('wxcc_db_pool_waiting_requests')).toBe(true);
  expect(after.has('wxcc_jobs_run_total')).toBe(true);
});

test('without METRICS_TOKEN, /metrics on the public port answers this machine, but not what a proxy forwards', async () => {
  const open = await startDeployed();
  try {
    const local = await fetch(`${open.origin}/metrics`);
    expect(local.status).toBe(200);
    expect(await local.text()).toContain('wxcc_graphql_requests_total');
    const forwarded = await fetch(`${open.origin}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect(forwarded.status).toBe(403);
    expect(await forwarded.text()).not.toContain('wxcc_');
  } finally {
    await open.close();
  }
}, 120_000);
