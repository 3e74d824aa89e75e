/**
 * A link into the console opened while signed out (a bookmark, a link from an email) shows the login form at
 * once, with one history entry for the link and at most one for the login page (Back works), and signing in
 * lands on the page the link named. Against the built server run as in production.
 */
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { Deployed, startDeployed } from '../support/deployed';
import { openConsolePage, say, signInAt, submitLogin } from './console';

let d: Deployed;
let browser: Browser;
beforeAll(async () => {
  [d, browser] = await Promise.all([startDeployed(), launchBrowser()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await d?.close();
});

/** Counts the page's history.pushState and replaceState calls, from before the console's script runs. */
async function countHistoryCalls(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const counted = window as unknown as { pushes: number; replaces: number };
    counted.pushes = 0;
    counted.replaces = 0;
    const push = history.pushState.bind(history);
    const replace = history.replaceState.bind(history);
    history.pushState = (...args) => {
      counted.pushes += 1;
      return push(...args);
    };
    history.replaceState = (...args) => {
      counted.replaces += 1;
      return replace(...args);
    };
  });
}

interface Arrival {
  pushes: number;
  replaces: number;
  entries: number;
  path: string;
  /** From the navigation's start to the login form on screen, in ms: reported, not asserted (the machine is shared). */
  toForm: number;
}

async function arriveSignedOut(page: Page, path: string): Promise<Arrival> {
  await page.goto(`${d.origin}/admin${path}`);
  await page.getByLabel(say('ra.auth.username')).waitFor();
  return page.evaluate(() => {
    const counted = window as unknown as { pushes: number; replaces: number };
    return {
      pushes: counted.pushes,
      replaces: counted.replaces,
      entries: history.length,
      path: location.pathname,
      toForm: Math.round(performance.now()),
    };
  });
}

test.each([
  ['the console', '/', 'root'],
  ['the orders list', '/orders', 'orders'],
  ['an order', '/orders/00000000-0000-4000-8000-000000000000/show', 'order'],
  ['a case', '/cases/00000000-0000-4000-8000-000000000000/show', 'case'],
])('signed out, a link to %s shows the login form at once, with at most 2 history entries', async (_name, path, step) => {
  const { page, record, close } = await openConsolePage(browser, { locale: 'en-US', file: 'console-signed-out-deep-link', prefix: step });
  try {
    await countHistoryCalls(page);
    const arrival = await arriveSignedOut(page, path);
    // eslint-disable-next-line no-console
    console.log(`signed out at ${path}: ${JSON.stringify(arrival)}`);
    expect(arrival.path).toBe('/admin/login');
    expect(arrival.entries).toBeLessThanOrEqual(2);
    expect(arrival.pushes).toBeLessThanOrEqual(1);
    await record('login');
    // The form stays: nothing keeps redirecting behind it.
    const later = await page.evaluate(
      () =>
        new Promise<number>((done) =>
          requestAnimationFrame(() => requestAnimationFrame(() => done((window as unknown as { pushes: number }).pushes))),
        ),
    );
    expect(later).toBe(arrival.pushes);
  } finally {
    await close();
  }
});

test('after signing in the representative lands on the link, search included, and Back leaves the console', async () => {
  await d.login('REP');
  const link = `/orders?filter=${encodeURIComponent(JSON.stringify({ q: 'Sub-from-an-email' }))}`;
  const { page, record, close } = await openConsolePage(browser, { locale: 'en-US', file: 'console-signed-out-deep-link', prefix: 'deep' });
  try {
    await countHistoryCalls(page);
    await page.goto(`${d.origin}/healthz`);
    const arrival = await arriveSignedOut(page, link);
    expect(arrival.path).toBe('/admin/login');
    // about:blank, /healthz, then the link, replaced by the login page.
    expect(arrival.entries).toBe(3);

    await submitLogin(page, d.credentials('REP'));
    await page.waitForURL(`${d.origin}/admin${link}`);
    expect(await page.getByPlaceholder(say('ra.action.search')).inputValue()).toBe('Sub-from-an-email');
    await record('orders');

    // Back goes to the console's home (the login page, signed in, is replaced by it), then out of the console:
    // never round a loop of login pages.
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/admin' || url.pathname === '/admin/');
    await page.getByTestId('open-cases').waitFor();
    await page.goBack();
    await page.waitForURL(`${d.origin}/healthz`);
  } finally {
    await close();
  }
});

test('logging out from a page shows the login form once, and signing in again returns to that page', async () => {
  await d.login('REP');
  const { page, close } = await openConsolePage(browser, { locale: 'en-US', file: 'console-signed-out-deep-link', prefix: 'logout' });
  try {
    await signInAt(page, d.origin, d.credentials('REP'));
    await page.goto(`${d.origin}/admin/cases`);
    await page.getByRole('heading', { name: say('resources.cases.name', { smart_count: 2 }) }).waitFor();
    await countHistoryCalls(page);
    await page.reload();
    await page.getByRole('heading', { name: say('resources.cases.name', { smart_count: 2 }) }).waitFor();
    const before = await page.evaluate(() => history.length);

    await page.getByRole('button', { name: say('ra.auth.user_menu') }).click();
    await page.getByRole('menuitem', { name: say('ra.auth.logout') }).click();
    await page.getByLabel(say('ra.auth.username')).waitFor();
    const after = await page.evaluate(() => ({ entries: history.length, pushes: (window as unknown as { pushes: number }).pushes }));
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    // The page is replaced by the login page: Back does not return to a page that needs the sign-in.
    expect(after.entries).toBe(before);
    expect(after.pushes).toBe(0);
    expect(await page.evaluate(() => localStorage.getItem('wxcc-console:credentials'))).toBeNull();

    await submitLogin(page, d.credentials('REP'));
    await page.waitForURL(`${d.origin}/admin/cases`);
  } finally {
    await close();
  }
});
