/**
 * The metrics' CSV exports on the built server in production mode: each metric's CSV, read over HTTP, holds the
 * same groups and numbers as the API's answer; and what a refusal of `top` or of an export's parameters looks like.
 */
import { generateData } from '../../server/db/seed/generator';
import { rebuildMetrics } from '../../server/metrics/rollups';
import { Deployed, startDeployed } from '../support/deployed';
import { csvGroups, METRICS, parseCsv } from '../support/metrics-plain-sql';
import { waitFor } from '../process/support';

let d: Deployed;
let analyst: string;

/** Every field of each metric, so that the CSV is compared with the whole answer. */
const FULL = {
  onboardingFunnel:
    'group { key label } stages { stage orders sessions rateFromPrevious } reminders { ordersReminded remindersSent ordersMappedAfterReminder mappedRate }',
  onboardingDropOff: 'group { key label } abandoned { step sessions } expired { step sessions } totalAbandoned totalExpired',
  provisioningDurations:
    'group { key label } emailToMapping { orders medianSeconds p90Seconds } firstOpeningToMapping { orders medianSeconds p90Seconds }',
  trialMetrics: 'group { key label } started expired extended converted conversionRate',
  caseMetrics: 'group { key label } opened resolved medianSecondsToResolve byKind { kind opened resolved medianSecondsToResolve }',
};

const DAY = 86_400_000;
/** The generated history ends 3 days ago, so that what falls due (emails, idle sessions) is done at start, not during the test. */
const generatedNow = new Date(Date.now() - 3 * DAY);
const range = {
  from: new Date(generatedNow.getTime() - 364 * DAY).toISOString().slice(0, 10),
  to: generatedNow.toISOString().slice(0, 10),
};

beforeAll(async () => {
  d = await startDeployed({
    beforeStart: async (db) => {
      const client = await db.pool.connect();
      try {
        await generateData(client, { orders: 600, seed: 3, now: generatedNow });
        await rebuildMetrics(client);
      } finally {
        client.release();
      }
    },
  });
  analyst = await d.login('ANALYST');
  // The server's start-up catch-up and its refresh of what that changed.
  await waitFor(
    async () =>
      (await d.db.query(`SELECT count(*)::int AS n FROM orders WHERE status = 'BOOKED' AND requested_start_date <= current_date`))[0].n ===
        0 && (await d.db.query(`SELECT count(*)::int AS n FROM metric_stale_day`))[0].n === 0,
    60_000,
    () => 'the server did not catch up with the generated data',
  );
}, 180_000);

afterAll(async () => {
  await d?.close();
});

const exportOf = (metric: string, params: Record<string, string>, token: string | null = analyst) =>
  fetch(`${d.origin}/exports/metrics/${metric}.csv?${new URLSearchParams(params)}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

async function answer(query: keyof typeof FULL, groupBy: string): Promise<any[]> {
  const top = ['WEEK', 'MONTH', 'QUARTER'].includes(groupBy) ? null : 500;
  const { body } = await d.gql(
    `query ($range: MetricRange!, $groupBy: MetricGrouping!, $top: Int) { ${query}(range: $range, groupBy: $groupBy, top: $top) { ${FULL[query]} } }`,
    { range, groupBy, top },
    { token: analyst },
  );
  expect(body.errors).toBeUndefined();
  return body.data[query];
}

const byKey = (groups: any[]) => [...groups].sort((a, b) => (a.group.key < b.group.key ? -1 : 1));

test.each(METRICS.flatMap(({ query }) => ['WEEK', 'QUARTER', 'COUNTRY', 'PARTNER_ORG'].map((groupBy) => [query, groupBy] as const)))(
  'the CSV of %s by %s holds every group with the numbers of the API',
  async (query, groupBy) => {
    // The API before and after the export agree, so nothing changed in between (a trial lapsing, say) to compare across.
    for (let attempt = 0; ; attempt += 1) {
      const before = await answer(query, groupBy);
      const response = await exportOf(query, { groupBy, ...range });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${query}-${groupBy}-${range.from}-${range.to}.csv"`);
      const text = await response.text();
      const after = await answer(query, groupBy);
      if (JSON.stringify(before) !== JSON.stringify(after) && attempt < 2) continue;
      expect(after.some((g) => g.group.key === 'OTHERS')).toBe(false);
      expect(parseCsv(text)[0].slice(0, 2)).toEqual(['group_key', 'group_label']);
      const exported = csvGroups(query, text);
      expect(exported.length).toBeGreaterThan(0);
      if (['WEEK', 'QUARTER'].includes(groupBy)) expect(exported).toEqual(after);
      else expect(byKey(exported)).toEqual(byKey(after));
      return;
    }
  },
);

test('top outside 1..500, or with a period grouping, is refused with BAD_USER_INPUT naming top', async () => {
  const ask = async (groupBy: string, top: number) =>
    (
      await d.gql(
        `query ($range: MetricRange!, $groupBy: MetricGrouping!, $top: Int) { trialMetrics(range: $range, groupBy: $groupBy, top: $top) { started } }`,
        { range, groupBy, top },
        { token: analyst },
      )
    ).body;
  for (const [groupBy, top, message] of [
    ['COUNTRY', 0, 'top must be a whole number from 1 to 500.'],
    ['PARTNER_ORG', 501, 'top must be a whole number from 1 to 500.'],
    ['QUARTER', 5, 'top ranks the groups of COUNTRY, REGION, OFFER or PARTNER_ORG; grouped by QUARTER, every period answers.'],
  ] as const) {
    const body = await ask(groupBy, top);
    expect(body.data).toBeNull();
    expect(body.errors).toEqual([
      expect.objectContaining({ message, extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'top' }) }),
    ]);
  }
});

test('an export refuses a caller who is not staff, and each bad parameter with 400 and a message naming it', async () => {
  const refusal = async (response: Response) => ({ status: response.status, body: await response.json() });
  const good = { groupBy: 'COUNTRY', ...range };

  expect(await refusal(await exportOf('trialMetrics', good, null))).toEqual({
    status: 401,
    body: { errors: [{ message: 'Send a staff bearer token.', extensions: { code: 'UNAUTHENTICATED' } }] },
  });
  expect((await exportOf('trialMetrics', good, null)).headers.get('www-authenticate')).toBe('Bearer');
  expect((await refusal(await exportOf('trialMetrics', good, 'not-a-token'))).status).toBe(401);
  const forbidden = {
    status: 403,
    body: {
      errors: [{ message: 'The metrics exports are for analysts, representatives and administrators.', extensions: { code: 'FORBIDDEN' } }],
    },
  };
  expect(await refusal(await exportOf('trialMetrics', good, d.commerceKey))).toEqual(forbidden);
  const { sessionToken } = await d.openWizard();
  expect(await refusal(await exportOf('trialMetrics', good, sessionToken))).toEqual(forbidden);
  for (const role of ['REP', 'ADMIN'] as const) {
    expect((await exportOf('trialMetrics', good, await d.login(role))).status).toBe(200);
  }

  const bad = (argument: string, message: string) => ({
    status: 400,
    body: { errors: [{ message, extensions: { code: 'BAD_USER_INPUT', argument } }] },
  });
  expect(await refusal(await exportOf('trialMetrics', { ...good, groupBy: 'DAY' }))).toEqual(
    bad('groupBy', 'groupBy must be one of WEEK, MONTH, QUARTER, COUNTRY, REGION, OFFER, PARTNER_ORG.'),
  );
  expect(await refusal(await exportOf('trialMetrics', { ...good, from: '2026-02-30' }))).toEqual(
    bad('from', 'from must be a calendar date, YYYY-MM-DD.'),
  );
  expect(await refusal(await exportOf('trialMetrics', { groupBy: 'WEEK', from: range.from }))).toEqual(
    bad('to', 'to must be a calendar date, YYYY-MM-DD.'),
  );
  expect(await refusal(await exportOf('trialMetrics', { ...good, top: '5' }))).toEqual(
    bad('top', 'An export holds every group: top is for the API only.'),
  );
  expect(await refusal(await exportOf('trialMetrics', { ...good, from: '1999-12-31' }))).toEqual(
    bad('range', 'range.from and range.to must be from 2000-01-01 to 2100-12-31.'),
  );
  expect(await refusal(await exportOf('trialMetrics', { ...good, from: '2020-01-01', to: '2025-01-01' }))).toEqual(
    bad('range', 'A range spans at most 5 years: from 2020-01-01, range.to must be on or before 2024-12-31.'),
  );
  expect(await refusal(await exportOf('trialMetrics', { ...good, from: range.to, to: range.from }))).toEqual(
    bad('range', 'range.from must be on or before range.to.'),
  );
  expect(await refusal(await exportOf('revenue', good))).toEqual({
    status: 404,
    body: {
      errors: [
        {
          message:
            'No such export: the metrics are onboardingFunnel, onboardingDropOff, provisioningDurations, trialMetrics, caseMetrics, each as <metric>.csv.',
          extensions: { code: 'NOT_FOUND' },
        },
      ],
    },
  });
});
