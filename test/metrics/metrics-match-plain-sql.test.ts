/**
 * The property that makes the metrics trustworthy: on generated data, after live changes through the API have gone
 * through the incremental refresh, every metric by every grouping over several ranges equals the same metric
 * computed by one plain SQL statement over the raw tables: with the default `top` and others (the top groups and
 * OTHERS), and as its CSV export (every group).
 */
import { Client } from 'pg';
import { generateData } from '../../server/db/seed/generator';
import { rebuildMetrics, ROLLUP_TABLES } from '../../server/metrics/rollups';
import { Harness, startHarness } from '../support/harness';
import { API_SELECTIONS, csvGroups, GROUPINGS, METRICS, PERIODS, Range } from '../support/metrics-plain-sql';
import { bookOrder, partnerReadyToConfirm, USER_ERRORS, WizardClient } from '../support/wizard';

let h: Harness;
let client: Client;

beforeAll(async () => {
  h = await startHarness();
  client = new Client({ connectionString: process.env.DATABASE_URL, options: `-c search_path=${h.schema}` });
  await client.connect();
  await generateData(client, { orders: 2500, seed: 11, now: h.clock.now() });
  await rebuildMetrics(client);

  // Live changes on top, counted by the triggers and the refresh rather than the rebuild.
  const rep = await h.staffToken('REP');
  const mapped = await bookOrder(h);
  const wizard = await WizardClient.open(h, mapped.linkToken!);
  await partnerReadyToConfirm(wizard, { partnerAdmin: 'admin@property-partner.example', customerAdmin: 'it@property-customer.example' });
  h.clock.advanceMinutes(7);
  expect((await wizard.confirm()).userErrors).toEqual([]);
  const left = await bookOrder(h, { offerCode: 'A-FLEX-PROPERTY' });
  await (await WizardClient.open(h, left.linkToken!)).step('ChooseRole', { role: 'CUSTOMER' });
  const [lapsed] = await client
    .query(`SELECT id FROM customer_org WHERE trial_status IN ('ACTIVE', 'EXPIRED') AND trial_expires_at < $1 ORDER BY id LIMIT 1`, [
      h.clock.now(),
    ])
    .then((r) => r.rows);
  if (lapsed) {
    const extended = await h.gql(
      `mutation ($id: ID!) { customerOrgExtendTrial(input: { id: $id, days: 45 }) { ${USER_ERRORS} } }`,
      { id: lapsed.id },
      { token: rep },
    );
    expect(extended.data.customerOrgExtendTrial.userErrors).toEqual([]);
  }
  const [open] = await client.query(`SELECT id FROM support_case WHERE status = 'OPEN' ORDER BY id LIMIT 1`).then((r) => r.rows);
  if (open) {
    const resolved = await h.gql(
      `mutation ($id: ID!) { caseResolve(input: { id: $id, resolution: "Corrected the org" }) { ${USER_ERRORS} } }`,
      { id: open.id },
      { token: rep },
    );
    expect(resolved.data.caseResolve.userErrors).toEqual([]);
  }
  // A customer org moved to another country takes its mapped orders' durations along: pick one that was the only
  // one mapped that day in its country, so that the day's histogram for that country goes away.
  const [alone] = await client
    .query(
      `SELECT c.id, c.version, c.country_code AS country, min((o.mapped_at AT TIME ZONE 'UTC')::date)::text AS day
       FROM orders o JOIN customer_org c ON c.id = o.customer_org_id
       WHERE o.mapped_at IS NOT NULL AND c.country_code <> 'US'
         AND NOT EXISTS (SELECT 1 FROM orders p JOIN customer_org d ON d.id = p.customer_org_id
           WHERE d.country_code = c.country_code AND p.id <> o.id AND (p.mapped_at AT TIME ZONE 'UTC')::date = (o.mapped_at AT TIME ZONE 'UTC')::date)
       GROUP BY c.id HAVING count(*) = 1 ORDER BY c.id LIMIT 1`,
    )
    .then((r) => r.rows);
  moved = alone;
  const relocated = await h.gql(
    `mutation ($id: ID!, $version: Int!) { customerOrgUpdate(input: { id: $id, version: $version, countryCode: "US" }) { ${USER_ERRORS} } }`,
    { id: alone.id, version: alone.version },
    { token: rep },
  );
  expect(relocated.data.customerOrgUpdate.userErrors).toEqual([]);
  // A week on, the first reminder: one order is mapped from the reminder's link, the other only reminded (the
  // generated orders have no reminder of the server's: reminded_through is null on them).
  const reminded = await bookOrder(h);
  await bookOrder(h);
  h.clock.advanceMinutes(7 * 24 * 60 + 1);
  expect(await h.services.orders.sendDueReminders()).toBe(2);
  await h.deliverMail();
  const reminder = h.setupEmails.filter((email) => email.subscriptionId === reminded.order.subscriptionId).pop()!;
  const remindedWizard = await WizardClient.open(h, reminder.token);
  await partnerReadyToConfirm(remindedWizard, {
    partnerAdmin: 'admin@reminded-partner.example',
    customerAdmin: 'it@reminded-customer.example',
  });
  expect((await remindedWizard.confirm()).userErrors).toEqual([]);
  h.clock.advanceMinutes(90);
  await h.services.provisioning.expireIdleSessions();
  await h.services.orgs.expireTrials();
  await h.services.metrics.refresh();
}, 120_000);

afterAll(async () => {
  await client.end();
  await h.close();
});

const RANGES: Range[] = [
  { from: '2024-11-01', to: '2026-11-30' },
  { from: '2026-10-26', to: '2026-11-24' },
  { from: '2025-06-11', to: '2025-08-03' },
  { from: '2025-01-15', to: '2025-04-20' },
];

describe.each(METRICS.map((metric) => [metric.query, metric] as const))('%s', (query, metric) => {
  test.each(RANGES.flatMap((range) => GROUPINGS.map((grouping) => [range.from, range.to, grouping] as const)))(
    'from %s to %s by %s equals plain SQL over the raw tables',
    async (from, to, grouping) => {
      const range = { from, to };
      const result = await h.gql(
        `query ($range: MetricRange!, $groupBy: MetricGrouping!) { ${query}(range: $range, groupBy: $groupBy) { ${API_SELECTIONS[query]} } }`,
        { range, groupBy: grouping },
        { token: await analystToken() },
      );
      expect(result.errors).toBeUndefined();
      const plain = await metric.plain(client, range, grouping);
      expect(Object.keys(plain).length).toBeGreaterThan(0);
      expect(metric.normalize(result.data[query])).toEqual(plain);
    },
  );
});

const DIMENSIONS = GROUPINGS.filter((grouping) => !PERIODS.includes(grouping));
const TOPS = [1, 3, 500];

/** What ranks a metric's groups, read off the API's answer. */
const HEADLINE: Record<(typeof METRICS)[number]['query'], (group: any) => number> = {
  onboardingFunnel: (g) => g.stages[0].orders,
  onboardingDropOff: (g) => [...g.abandoned, ...g.expired].reduce((sum: number, s: any) => sum + s.sessions, 0),
  provisioningDurations: (g) => g.emailToMapping.orders,
  trialMetrics: (g) => g.started,
  caseMetrics: (g) => g.opened,
};

describe.each(METRICS.map((metric) => [metric.query, metric] as const))('%s with top', (query, metric) => {
  test.each(
    RANGES.slice(0, 2).flatMap((range) =>
      DIMENSIONS.flatMap((grouping) => TOPS.map((top) => [range.from, range.to, grouping, top] as const)),
    ),
  )(
    'from %s to %s by %s, top %i: the top groups by headline, ties by label, and OTHERS equal plain SQL',
    async (from, to, grouping, top) => {
      const range = { from, to };
      const result = await h.gql(
        `query ($range: MetricRange!, $groupBy: MetricGrouping!, $top: Int) {
           ${query}(range: $range, groupBy: $groupBy, top: $top) { ${API_SELECTIONS[query].replace('group { key }', 'group { key label }')} }
         }`,
        { range, groupBy: grouping, top },
        { token: await analystToken() },
      );
      expect(result.errors).toBeUndefined();
      const groups: any[] = result.data[query];
      const plain = await metric.plain(client, range, grouping, top);
      expect(metric.normalize(groups)).toEqual(plain);
      const all = Object.keys(await metric.plain(client, range, grouping, 1_000_000)).length;
      const ranked = groups.filter((g) => g.group.key !== 'OTHERS');
      expect(ranked).toHaveLength(Math.min(top, all));
      expect(groups.map((g) => g.group.key).indexOf('OTHERS')).toBe(all > top ? groups.length - 1 : -1);
      if (all > top) expect(groups.at(-1).group.label).toBe('All others');
      for (let i = 1; i < ranked.length; i += 1) {
        const [a, b] = [ranked[i - 1], ranked[i]];
        const order =
          HEADLINE[query](a) - HEADLINE[query](b) || (b.group.label < a.group.label ? -1 : b.group.label > a.group.label ? 1 : 0);
        expect(order === 0 ? a.group.key < b.group.key : order > 0).toBe(true);
      }
    },
  );

  test.each(RANGES.slice(0, 3).flatMap((range) => GROUPINGS.map((grouping) => [range.from, range.to, grouping] as const)))(
    'the export from %s to %s by %s holds every group, equal to plain SQL',
    async (from, to, grouping) => {
      const range = { from, to };
      const response = await fetch(
        `${h.url.replace(/\/graphql$/, '')}/exports/metrics/${query}.csv?groupBy=${grouping}&from=${from}&to=${to}`,
        {
          headers: { authorization: `Bearer ${await analystToken()}` },
        },
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const exported = csvGroups(query, await response.text());
      expect(metric.normalize(exported)).toEqual(await metric.plain(client, range, grouping, 1_000_000));
      if (PERIODS.includes(grouping)) {
        // Every period, empty ones too, in order: the API's groups without top.
        const result = await h.gql(
          `query ($range: MetricRange!, $groupBy: MetricGrouping!) { ${query}(range: $range, groupBy: $groupBy) { group { key label } } }`,
          { range, groupBy: grouping },
          { token: await analystToken() },
        );
        expect(exported.map((g) => g.group)).toEqual(result.data[query].map((g: any) => g.group));
      }
    },
  );
});

test("OTHERS is labelled in the caller's language", async () => {
  const ask = (language: string) =>
    h.gql(
      `{ onboardingFunnel(range: { from: "2024-11-01", to: "2026-11-30" }, groupBy: PARTNER_ORG, top: 1) { group { key label } } }`,
      {},
      { token: analyst, language },
    );
  await analystToken();
  const [en, bg] = [await ask('en'), await ask('bg')];
  expect(en.data.onboardingFunnel.at(-1).group).toEqual({ key: 'OTHERS', label: 'All others' });
  expect(bg.data.onboardingFunnel.at(-1).group).toEqual({ key: 'OTHERS', label: 'Всички останали' });
});

let analyst: string | undefined;
async function analystToken() {
  analyst ??= await h.staffToken('ANALYST');
  return analyst;
}

let moved: { country: string; day: string };

test('the rollups the refresh kept, days, weeks and months, are exactly what a rebuild from the facts makes', async () => {
  // The moved customer org's country lost that day's only mapped order, so its packed histogram for the day is gone.
  const left = await client.query(
    `SELECT 1 FROM metric_duration_histogram WHERE dim = 'COUNTRY' AND grain = 'DAY' AND day = $1 AND value = $2`,
    [moved.day, moved.country],
  );
  expect(left.rowCount).toBe(0);
  const [{ n }] = (
    await client.query(`SELECT count(*)::int AS n FROM metric_duration WHERE dim = 'COUNTRY' AND grain = 'DAY' AND day = $1`, [moved.day])
  ).rows;
  expect(n).toBeGreaterThan(0);
  const snapshot = async () => {
    const tables: Record<string, unknown[]> = {};
    for (const table of ROLLUP_TABLES) {
      tables[table] = (await client.query(`SELECT * FROM ${table} t ORDER BY t`)).rows;
    }
    return tables;
  };
  const kept = await snapshot();
  expect(kept.metric_funnel.length).toBeGreaterThan(0);
  await rebuildMetrics(client);
  expect(await snapshot()).toEqual(kept);
});
