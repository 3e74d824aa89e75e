/**
 * A fact the wizard writes shows up in the metrics through the refresher every server process runs each second, with
 * nobody asking for a refresh. (How soon is the refresher's period, checked here as a figure, not timed: these
 * machines are too noisy for a wall-clock bound.)
 */
import pino from 'pino';
import { METRICS_REFRESH_MS } from '../../server/platform/jobs';
import { startDerivedTablesRefresher } from '../../server/services';
import { Harness, startHarness } from '../support/harness';
import { bookOrder, WizardClient } from '../support/wizard';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

test('the derived tables are refreshed each second', () => {
  expect(METRICS_REFRESH_MS).toBe(1000);
});

test('an opened link and a reached step are counted by the refresher, while nobody asks for a refresh', async () => {
  const refresher = startDerivedTablesRefresher(h.services, pino({ level: 'silent' }));
  try {
    const analyst = await h.staffToken('ANALYST');
    const today = h.clock.now().toISOString().slice(0, 10);
    const stages = async () => {
      const result = await h.gql(
        `query ($range: MetricRange!) { onboardingFunnel(range: $range, groupBy: MONTH) { stages { stage orders } } }`,
        { range: { from: today, to: today } },
        { token: analyst },
      );
      return Object.fromEntries(result.data.onboardingFunnel[0].stages.map((s: { stage: string; orders: number }) => [s.stage, s.orders]));
    };

    const { linkToken } = await bookOrder(h);
    const wizard = await WizardClient.open(h, linkToken!);
    await wizard.step('ChooseRole', { role: 'PARTNER' });

    // Asking, not refreshing: the refresher's own ticks bring the step in (jest's timeout bounds the wait).
    let seen = await stages();
    while (seen.SETUP_PERFORMER !== 1) {
      await new Promise((resolve) => setImmediate(resolve));
      seen = await stages();
    }
    expect(seen).toMatchObject({ ORDERS_BOOKED: 1, SETUP_EMAILS_SENT: 1, LINKS_OPENED: 1, ROLE: 1, SETUP_PERFORMER: 1, PARTNER_ORG: 0 });
  } finally {
    await refresher.stop();
  }
});

test('two refreshes at once: one does the work, the other steps aside, and nothing is counted twice', async () => {
  await bookOrder(h);
  const [first, second] = await Promise.all([h.services.metrics.refresh(), h.services.metrics.refresh()]);
  expect([first, second].filter((done) => done === null).length).toBeLessThanOrEqual(1);
  await h.services.metrics.refresh();
  const [row] = await h.db.query(`SELECT orders_booked FROM metric_funnel WHERE dim = 'ALL' AND grain = 'DAY'`);
  expect(row.orders_booked).toBe(2);
  expect(await h.db.query('SELECT count(*)::int AS n FROM metric_stale_day')).toEqual([{ n: 0 }]);
});
