/**
 * npm run bench:lighthouse: Lighthouse's mobile profile (its default: a mid-range phone, simulated slow 4G and
 * a 4x slower CPU) on the pages a representative and a customer open first, served by the built server as in
 * production (NODE_ENV=production, node dist/server/main.js) on an embedded PostgreSQL:
 *
 *   /admin/login        the console's login page, signed out
 *   /admin/             the dashboard, signed in (the token kept in the browser, as after a login)
 *   /setup/<token>      the Set up now page of a seeded order
 *
 * For each: the performance and accessibility scores, the bytes transferred, the largest contentful paint and
 * the total blocking time. Chromium is Debian's (/usr/bin/chromium, or CHROME_PATH), never a downloaded one; it
 * runs headless, driven by playwright-core to sign in and by Lighthouse over the DevTools port. A first, cold
 * load of each page is measured (Lighthouse clears the cache before it loads), as a phone opening a link does.
 *
 * Settings (environment): LIGHTHOUSE_RUNS (default 1) runs per page, the median reported; LIGHTHOUSE_PAGES (default
 * all) the pages to measure, as words of their names separated by commas (`dashboard`, `login,setup`); CHROME_PATH;
 * LIGHTHOUSE_REPORTS, a directory to keep each run's whole report in (JSON, for Lighthouse's viewer or a closer look).
 * Exits 1 on an error, or when a page scores under PERFORMANCE_AIM for performance.
 */
import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { freePort } from '../../../server/db/embedded';
import { BENCH_ADMIN, Bench, RunningServer, seedOrders, startDatabase, startServer } from '../env';
import { table } from '../stats';

/** Issue 19's aim for the console's login page and dashboard on a phone. */
const PERFORMANCE_AIM = 90;

interface Measured {
  page: string;
  performance: number;
  accessibility: number;
  transferredKb: number;
  lcpMs: number;
  tbtMs: number;
  /** Lighthouse's measure of this machine's speed when the page was measured (its throttling assumes about 1000). */
  benchmarkIndex: number;
  /** The element that was the largest contentful paint. */
  lcpElement: string;
  /** The largest requests, as `path size`, for the figures' explanation. */
  largest: string[];
  /** Where the main thread's time went (Lighthouse's breakdown, by kind of work) and the scripts that took most of it. */
  mainThread: string[];
  scripts: string[];
}

type LighthouseRun = (typeof import('lighthouse'))['default'];

async function measure(lighthouse: LighthouseRun, port: number, name: string, url: string): Promise<Measured> {
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility'],
    // The console's token is in localStorage: keep it (main clears the HTTP cache before each run instead).
    disableStorageReset: true,
  });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  const reports = process.env.LIGHTHOUSE_REPORTS;
  if (reports) {
    mkdirSync(reports, { recursive: true });
    const file = `${name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}-${lhr.fetchTime.replace(/[:.]/g, '-')}.json`;
    writeFileSync(join(reports, file), JSON.stringify(lhr));
  }
  if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const audit = (id: string) => {
    const value = lhr.audits[id]?.numericValue;
    if (value === undefined) throw new Error(`Lighthouse on ${url} has no ${id}: ${lhr.audits[id]?.errorMessage ?? ''}`);
    return value;
  };
  return {
    page: name,
    performance: Math.round((lhr.categories.performance.score ?? 0) * 100),
    accessibility: Math.round((lhr.categories.accessibility.score ?? 0) * 100),
    transferredKb: Math.round(audit('total-byte-weight') / 1024),
    lcpMs: Math.round(audit('largest-contentful-paint')),
    tbtMs: Math.round(audit('total-blocking-time')),
    benchmarkIndex: Math.round(lhr.environment.benchmarkIndex),
    lcpElement:
      (lhr.audits['largest-contentful-paint-element']?.details as { items?: { items?: { node?: { nodeLabel?: string } }[] }[] })?.items?.[0]
        ?.items?.[0]?.node?.nodeLabel ?? '?',
    largest: ((lhr.audits['network-requests']?.details as { items?: { url: string; transferSize?: number }[] })?.items ?? [])
      .filter((item) => (item.transferSize ?? 0) > 10 * 1024)
      .sort((a, b) => (b.transferSize ?? 0) - (a.transferSize ?? 0))
      .map((item) => `${new URL(item.url).pathname} ${Math.round((item.transferSize ?? 0) / 1024)} kB`),
    mainThread: ((lhr.audits['mainthread-work-breakdown']?.details as { items?: { groupLabel: string; duration: number }[] })?.items ?? [])
      .slice(0, 5)
      .map((item) => `${item.groupLabel} ${Math.round(item.duration)} ms`),
    scripts: ((lhr.audits['bootup-time']?.details as { items?: { url: string; scripting: number }[] })?.items ?? [])
      .slice(0, 5)
      .map((item) => `${item.url.startsWith('http') ? new URL(item.url).pathname : item.url} ${Math.round(item.scripting)} ms`),
  };
}

function median(runs: Measured[]): Measured {
  const sorted = [...runs].sort((a, b) => a.performance - b.performance);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main() {
  const runs = Number(process.env.LIGHTHOUSE_RUNS ?? 1);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`LIGHTHOUSE_RUNS must be an integer >= 1, not ${process.env.LIGHTHOUSE_RUNS}`);
  const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  const { default: lighthouse } = await import('lighthouse');
  const dir = mkdtempSync(join(tmpdir(), 'lighthouse-bench-'));
  let bench: Bench | undefined;
  let server: RunningServer | undefined;
  let browser: Awaited<ReturnType<typeof chromium.launchPersistentContext>> | undefined;
  try {
    bench = await startDatabase(dir);
    server = await startServer(bench.db.url);
    const [order] = await seedOrders(bench.admin, 'lighthouse', 1);
    const port = await freePort();
    browser = await chromium.launchPersistentContext(join(dir, 'chromium'), {
      executablePath: chromePath,
      headless: false,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', `--remote-debugging-port=${port}`],
    });
    const wanted = process.env.LIGHTHOUSE_PAGES?.split(',').map((word) => word.trim());
    const pages = (
      [
        ['/admin/login (signed out)', `${server.url}/admin/login`],
        ['/admin/ dashboard (signed in)', `${server.url}/admin/`],
        ['/setup/<token>', `${server.url}/setup/${encodeURIComponent(order.linkToken)}`],
      ] as const
    ).filter(([name]) => !wanted || wanted.some((word) => name.includes(word)));
    if (!pages.length) throw new Error(`LIGHTHOUSE_PAGES=${process.env.LIGHTHOUSE_PAGES} names none of the pages`);
    const results: Measured[] = [];
    for (const [name, url] of pages) {
      if (name.includes('signed in')) {
        // Signs in through the login page, as a representative does; Lighthouse then opens the dashboard.
        const page = await browser.newPage();
        await page.goto(`${server.url}/admin/login`);
        await page.locator('input[name="username"]').fill(BENCH_ADMIN.email);
        await page.locator('input[name="password"]').fill(BENCH_ADMIN.password);
        await page.locator('button[type="submit"]').click();
        await page.getByTestId('open-cases').waitFor();
        await page.close();
      }
      const measured: Measured[] = [];
      for (let run = 0; run < runs; run++) {
        // Lighthouse keeps the cache too when it keeps the storage: a cold load is asked for here, before each try.
        const coldMeasure = async () => {
          const blank = await browser!.newPage();
          await (await browser!.newCDPSession(blank)).send('Network.clearBrowserCache');
          await blank.close();
          return measure(lighthouse, port, name, url);
        };
        // A trace Lighthouse could not read (NO_NAVSTART and the like, on a busy machine) is taken again, once.
        measured.push(await coldMeasure().catch(coldMeasure));
      }
      results.push(median(measured));
      console.log(
        `${name}: ${measured.map((r) => `${r.performance} (LCP ${r.lcpMs} ms, TBT ${r.tbtMs} ms, benchmarkIndex ${r.benchmarkIndex})`).join(', ')}`,
      );
    }
    console.log(`Lighthouse (mobile profile), median of ${runs} run(s) per page, ${new Date().toISOString()}\n`);
    console.log(
      table(
        ['page', 'performance', 'accessibility', 'transferred', 'LCP', 'TBT'],
        results.map((r) => [
          r.page,
          String(r.performance),
          String(r.accessibility),
          `${r.transferredKb} kB`,
          `${r.lcpMs} ms`,
          `${r.tbtMs} ms`,
        ]),
      ),
    );
    for (const r of results) {
      console.log(`\n${r.page}, requests over 10 kB: ${r.largest.join(', ') || 'none'}`);
      console.log(`  largest contentful paint: ${r.lcpElement}`);
      console.log(`  main thread: ${r.mainThread.join(', ')}`);
      console.log(`  scripting by script: ${r.scripts.join(', ')}`);
    }
    const short = results.filter((r) => r.page.startsWith('/admin/') && r.performance < PERFORMANCE_AIM);
    if (short.length) {
      console.log(`\nUnder the aim of ${PERFORMANCE_AIM}: ${short.map((r) => r.page).join(', ')}`);
      process.exitCode = 1;
    }
  } finally {
    await browser?.close();
    await server?.stop();
    await bench?.admin.end();
    await bench?.db.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
