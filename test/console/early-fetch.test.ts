/**
 * The console page's early script (written by the build, vite.config.mts) asks for the signed-in console's chunks,
 * and on the home page the dashboard's metrics panel, as soon as it runs, when the browser holds a sign-in; signed
 * out it asks for none of them, so the login page fetches only what signing in needs. Against the built server run
 * as in production.
 */
import type { Browser, Page, Request } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { Deployed, startDeployed } from '../support/deployed';
import { openConsolePage, say, signInAt } from './console';

let d: Deployed;
let browser: Browser;
beforeAll(async () => {
  [d, browser] = await Promise.all([startDeployed(), launchBrowser()]);
  await d.login('REP');
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await d?.close();
});

/** The chunks the page has asked for ahead (modulepreload), by their names without the hash ("App", "MetricsPanel"). */
function preloaded(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].map((link) =>
      new URL(link.href).pathname.replace(/^\/app\/assets\/|-[\w-]{8}\.js$/g, ''),
    ),
  );
}

/** The names of the scripts the page requested, in the order it asked for them. */
function scriptsRequested(page: Page): string[] {
  const names: string[] = [];
  page.on('request', (request: Request) => {
    const found = /\/app\/assets\/(.+)-[\w-]{8}\.js$/.exec(new URL(request.url()).pathname);
    if (found) names.push(found[1]);
  });
  return names;
}

test('signed out, the login page asks for neither the signed-in console nor the metrics', async () => {
  const { page, close } = await openConsolePage(browser, { locale: 'en-US', file: 'console-early-fetch', prefix: 'signed-out' });
  try {
    const requested = scriptsRequested(page);
    await page.goto(`${d.origin}/admin/`);
    await page.getByLabel(say('ra.auth.username')).waitFor();
    expect(requested).not.toContain('App');
    expect(requested).not.toContain('MetricsPanel');
  } finally {
    await close();
  }
});

test('signed in, the home page asks for the signed-in console and the metrics before the entry script has run', async () => {
  const { page, close } = await openConsolePage(browser, { locale: 'en-US', file: 'console-early-fetch', prefix: 'home' });
  try {
    await signInAt(page, d.origin, d.credentials('REP'));
    // The entry script's arrival is held back until the check: whatever was asked for by then came from the early
    // script, which has no imports of its own.
    let releaseEntry = () => {};
    const entryHeld = new Promise<void>((release) => (releaseEntry = release));
    await page.route(/\/app\/assets\/console-[\w-]{8}\.js$/, async (route) => {
      await entryHeld;
      await route.continue();
    });
    const app = page.waitForRequest(/\/app\/assets\/App-[\w-]{8}\.js$/);
    const metrics = page.waitForRequest(/\/app\/assets\/MetricsPanel-[\w-]{8}\.js$/);
    const loaded = page.goto(`${d.origin}/admin/`);
    await Promise.all([app, metrics]);
    const asked = await preloaded(page);
    releaseEntry();
    await loaded;
    await page.getByTestId('open-cases').waitFor();
    expect(asked).toEqual(expect.arrayContaining(['App', 'MetricsPanel']));
  } finally {
    await close();
  }
});

test('signed in, another page asks for the signed-in console but not the metrics', async () => {
  const { page, close } = await openConsolePage(browser, { locale: 'en-US', file: 'console-early-fetch', prefix: 'orders' });
  try {
    await signInAt(page, d.origin, d.credentials('REP'));
    const requested = scriptsRequested(page);
    await page.goto(`${d.origin}/admin/orders`);
    await page.getByRole('heading', { name: say('resources.orders.name', { smart_count: 2 }), exact: true }).waitFor();
    expect(requested).toContain('App');
    expect(requested).not.toContain('MetricsPanel');
  } finally {
    await close();
  }
});
