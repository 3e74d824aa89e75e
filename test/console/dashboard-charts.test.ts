/**
 * The dashboard's charts read well in English and Bulgarian, on a phone (390 px) and a desktop (1440 px), over
 * generated data: every metric has a chart (time to mapping and cases too) whose bars carry their values as the
 * console writes numbers and durations; no axis label is cut, none overlaps another or the legend; the page does not
 * scroll sideways; no table is clipped in a box of its own; the charts' code is not loaded before the dashboard
 * opens. Screenshots under test/artifacts/console-dashboard-charts/.
 */
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { Client } from 'pg';
import { formatters } from '../../admin/console/common/format';
import { generateData } from '../../server/db/seed/generator';
import { StaffRole } from '../../server/staff/staff.entity';
import { useBrowserFixture } from '../support/browser-fixture';
import { consoleUrl, createStaff, openConsolePage, say, signIn, type ConsoleLanguage } from './console';

const fixture = useBrowserFixture();
const ARTIFACTS = resolve(__dirname, '..', 'artifacts', 'console-dashboard-charts');

beforeAll(async () => {
  const client = new Client({ connectionString: process.env.DATABASE_URL, options: `-c search_path=${fixture.h.schema}` });
  await client.connect();
  try {
    await generateData(client, { orders: 400, seed: 31, now: fixture.h.clock.now() });
  } finally {
    await client.end();
  }
  await fixture.h.services.metrics.refresh();
}, 120_000);

/** Waits until each card and each metric has its answer (dashboardAnswered in console.ts, in either language). */
async function answered(page: Page, language: ConsoleLanguage): Promise<void> {
  await page.waitForFunction(
    ({ none, loading }) => {
      const cards = [
        ...document.querySelectorAll('[data-testid="open-cases"], [data-testid="awaiting-setup"], [data-testid="expiring-trials"]'),
      ];
      const metrics = [...document.querySelectorAll('[data-testid^="metric-"]')];
      return (
        cards.length === 3 &&
        cards.every((card) => card.querySelector('li') || card.textContent?.includes(none)) &&
        metrics.length === 5 &&
        metrics.every((metric) => !metric.textContent?.includes(loading))
      );
    },
    { none: say('console.dashboard.none', {}, language), loading: say('ra.page.loading', {}, language) },
  );
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface ChartLayout {
  testId: string;
  chart: Box;
  legend: Box | null;
  ticks: { text: string; box: Box; cut: boolean }[];
  values: string[];
  valueBoxes: Box[];
}

/** Every chart's box, its legend's, its category labels' (and whether each is shortened) and the values on its bars. */
function chartLayouts(page: Page): Promise<ChartLayout[]> {
  return page.evaluate(() => {
    const boxOf = (element: Element) => {
      const { x, y, width, height } = element.getBoundingClientRect();
      return { x, y, width, height };
    };
    return [...document.querySelectorAll('[data-testid^="chart-"]')].map((chart) => ({
      testId: chart.getAttribute('data-testid')!,
      chart: boxOf(chart),
      legend: chart.querySelector('[data-chart-legend]') ? boxOf(chart.querySelector('[data-chart-legend]')!) : null,
      ticks: [...chart.querySelectorAll('g[data-label]')].map((tick) => ({
        text: tick.getAttribute('data-label')!,
        box: boxOf(tick.querySelector('text')!),
        cut: tick.querySelector('title') !== null,
      })),
      values: [...chart.querySelectorAll('text[data-chart-value]')].map((label) => label.textContent ?? ''),
      valueBoxes: [...chart.querySelectorAll('text[data-chart-value]')].map(boxOf),
    }));
  });
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 1 &&
  inner.y >= outer.y - 1 &&
  inner.x + inner.width <= outer.x + outer.width + 1 &&
  inner.y + inner.height <= outer.y + outer.height + 1;

/** The metric's figures over the range as the API gives them to an analyst. */
async function metric(field: string, selection: string, range: { from: string; to: string }, token: string, language: ConsoleLanguage) {
  const result = await fixture.h.gql(
    `query ($range: MetricRange!) { ${field}(range: $range, groupBy: WEEK) { group { key label } ${selection} } }`,
    { range },
    { token, language },
  );
  expect(result.errors).toBeUndefined();
  return result.data[field] as Record<string, any>[];
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

for (const language of ['en', 'bg'] as const) {
  test(`the charts read well in ${language === 'en' ? 'English' : 'Bulgarian'} at 390 and 1440 px`, async () => {
    const analyst = await createStaff(fixture.h, StaffRole.ANALYST);
    const { page, record, close } = await openConsolePage(fixture.browser, {
      locale: language === 'en' ? 'en-US' : 'bg-BG',
      file: 'console-dashboard-charts',
      prefix: language,
    });
    const format = formatters(language);
    try {
      const scripts: string[] = [];
      page.on('request', (request) => request.resourceType() === 'script' && scripts.push(request.url()));
      await page.clock.setFixedTime(fixture.h.clock.now());
      await page.goto(consoleUrl(fixture.h, '/login'));
      await page.getByRole('button', { name: say('ra.auth.sign_in', {}, language) }).waitFor();
      // The login page does not load the charts (they come with the metrics panel, in a chunk of its own).
      expect(scripts.filter((url) => /MetricsPanel/.test(url))).toEqual([]);
      await signIn(page, fixture.h, analyst, language);
      await answered(page, language);
      expect(scripts.filter((url) => /MetricsPanel/.test(url))).toHaveLength(1);

      // What the charts must show: the range's totals, from the API.
      const token = await fixture.h.staffToken(StaffRole.ANALYST);
      const from = await page.getByRole('textbox', { name: say('console.metrics.from', {}, language) }).inputValue();
      const to = await page.getByRole('textbox', { name: say('console.metrics.to', {}, language) }).inputValue();
      const range = { from: format.dateInput.read(from)!, to: format.dateInput.read(to)! };
      expect(range.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const funnel = await metric(
        'onboardingFunnel',
        'stages { stage orders } reminders { ordersReminded remindersSent ordersMappedAfterReminder }',
        range,
        token,
        language,
      );
      // The reminders beside the funnel: the range's sums, as the console writes numbers.
      const reminded = ['ordersReminded', 'remindersSent', 'ordersMappedAfterReminder'].map((count) =>
        format.number(sum(funnel.map((group) => group.reminders[count]))),
      );
      const remindersText = await page.getByTestId('funnel-reminders').textContent();
      for (const figure of reminded) expect(remindersText).toContain(figure);
      const stageTotals = funnel[0].stages.map((_: unknown, index: number) => sum(funnel.map((group) => group.stages[index].orders)));
      expect(stageTotals[0]).toBeGreaterThan(0);
      const cases = await metric('caseMetrics', 'opened byKind { kind opened resolved }', range, token, language);
      const durations = await metric('provisioningDurations', 'emailToMapping { orders medianSeconds p90Seconds }', range, token, language);
      const mapped = durations.filter((group) => group.emailToMapping.orders > 0);
      expect(mapped.length).toBeGreaterThan(0);

      for (const width of [1440, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await page.waitForFunction(
          (expected) =>
            [...document.querySelectorAll('[data-testid^="chart-"]')].every((chart) => chart.getBoundingClientRect().width <= expected),
          width,
        );
        // The renders after the resize have settled when two frames pass with the same layout.
        await page.waitForFunction(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true)))));

        await page.mouse.move(0, 0);
        await record(`dashboard-${width}`);
        // Each metric on its own, to look at closely (the whole page is tall).
        for (const block of await page.locator('[data-testid^="metric-"]').all()) {
          const name = await block.getAttribute('data-testid');
          await block.screenshot({ path: join(ARTIFACTS, `${language}-${width}-${name}.png`) });
        }

        // Nothing scrolls sideways: the page is as wide as the screen.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

        const layouts = await chartLayouts(page);
        expect(layouts.map((layout) => layout.testId).sort()).toEqual(
          [
            'chart-caseMetrics',
            'chart-onboardingDropOff',
            'chart-onboardingFunnel',
            'chart-provisioningDurations',
            'chart-trialMetrics',
          ].sort(),
        );
        for (const layout of layouts) {
          const where = `${layout.testId} at ${width} px`;
          expect({ where, fits: layout.chart.x >= 0 && layout.chart.x + layout.chart.width <= width }).toEqual({ where, fits: true });
          for (const [index, tick] of layout.ticks.entries()) {
            // Each label inside its chart (not cut at the edge), clear of the legend and of the next label.
            expect({ where, tick: tick.text, inside: inside(tick.box, layout.chart) }).toEqual({ where, tick: tick.text, inside: true });
            if (layout.legend)
              expect({ where, tick: tick.text, overLegend: overlaps(tick.box, layout.legend) }).toEqual({
                where,
                tick: tick.text,
                overLegend: false,
              });
            const next = layout.ticks[index + 1];
            if (next)
              expect({ where, tick: tick.text, overNext: overlaps(tick.box, next.box) }).toEqual({
                where,
                tick: tick.text,
                overNext: false,
              });
          }
          for (const [index, box] of layout.valueBoxes.entries()) {
            const value = layout.values[index];
            expect({ where, value, inside: inside(box, layout.chart) }).toEqual({ where, value, inside: true });
          }
          // Every bar carries its value.
          expect({ where, values: layout.values.length > 0 }).toEqual({ where, values: true });
        }

        // The funnel: one label per stage, each bar's value the API's total written as the console writes numbers.
        const funnelChart = layouts.find((layout) => layout.testId === 'chart-onboardingFunnel')!;
        expect(funnelChart.ticks.map((tick) => tick.text)).toEqual(
          funnel[0].stages.map((stage: { stage: string }) => say(`console.enum.FunnelStage.${stage.stage}`, {}, language)),
        );
        expect(funnelChart.ticks.filter((tick) => tick.cut)).toEqual([]);
        expect(funnelChart.values).toEqual(stageTotals.map(format.number));

        // Time to mapping: a row per group where orders were mapped, median and 90th percentile as durations.
        const durationChart = layouts.find((layout) => layout.testId === 'chart-provisioningDurations')!;
        expect(durationChart.ticks).toHaveLength(mapped.length);
        expect(durationChart.values.sort()).toEqual(
          mapped
            .flatMap((group) => [format.duration(group.emailToMapping.medianSeconds), format.duration(group.emailToMapping.p90Seconds)])
            .sort(),
        );

        // Cases: opened and resolved by kind, the range's totals.
        const caseChart = layouts.find((layout) => layout.testId === 'chart-caseMetrics')!;
        const kinds = cases[0].byKind.map((kind: { kind: string }) => kind.kind);
        const byKind = (field: 'opened' | 'resolved') =>
          kinds.map((kind: string) =>
            sum(cases.map((group) => group.byKind.find((found: { kind: string }) => found.kind === kind)[field])),
          );
        expect(caseChart.values).toEqual([...byKind('opened'), ...byKind('resolved')].map(format.number));

        // No table is a box of its own that cuts rows: each shows all of its height.
        const clipped = await page.evaluate(() =>
          [...document.querySelectorAll('[data-testid^="metric-"] [role="region"]')]
            .filter((region) => region.scrollHeight > region.clientHeight + 1)
            .map((region) => region.getAttribute('aria-label')),
        );
        expect(clipped).toEqual([]);
      }

      if (language === 'bg') {
        // Numbers, rates and durations as Bulgarian writes them, weeks named by their days, not "2026-W48".
        const firstRow = (
          await page.getByTestId('metric-onboardingFunnel').locator('tbody tr').first().locator('td').allTextContents()
        ).join(' | ');
        expect(firstRow).not.toMatch(/\d{4}-W\d{2}/);
        expect(firstRow).toMatch(/г\./);
        expect(await page.getByTestId('metric-onboardingFunnel').textContent()).not.toMatch(/\d\.\d%/);
      }
    } finally {
      await close();
    }
  }, 120_000);
}
