/** The console and the wizard work in Chromium under the server's Content-Security-Policy, and no other site can frame them. */
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { StaffRole } from '../../server/staff/staff.entity';
import { setupPageUrl, text, waitForStep } from '../support/browser';
import { useBrowserFixture } from '../support/browser-fixture';
import { bookOrder } from '../support/wizard';
import { consoleUrl, createStaff, signIn } from '../console/console';

const fixture = useBrowserFixture();

/** A page on another origin (another port) that frames whatever URL it is given. */
let framer: Server;
let framerOrigin: string;

beforeAll(async () => {
  framer = createServer((req, res) => {
    const target = new URL(req.url ?? '/', 'http://framer').searchParams.get('src') ?? '';
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><title>framer</title><iframe id="framed" src="${target.replace(/"/g, '&quot;')}"></iframe>`);
  });
  await new Promise<void>((listening) => framer.listen(0, '127.0.0.1', listening));
  framerOrigin = `http://localhost:${(framer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((closed) => framer?.close(closed));
});

interface Watched {
  context: BrowserContext;
  page: Page;
  /** What Chromium refused under the policy: `securitypolicyviolation` events and its "Refused to ..." console lines. */
  violations: string[];
}

/** A fresh context whose every frame reports each policy violation, as an event and as a console line. */
async function watchedPage(): Promise<Watched> {
  const context = await fixture.browser.newContext({ locale: 'en-US' });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`securitypolicyviolation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
    });
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const violations: string[] = [];
  page.on('console', (message) => {
    const line = message.text();
    if (line.startsWith('securitypolicyviolation') || line.includes('Refused to')) violations.push(line);
  });
  return { context, page, violations };
}

test('the console signs in and shows its dashboard with no policy violation', async () => {
  const { context, page, violations } = await watchedPage();
  try {
    const response = await page.goto(consoleUrl(fixture.h, '/login'));
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByRole('button').first().waitFor();
    expect(violations).toEqual([]);

    await signIn(page, fixture.h, await createStaff(fixture.h, StaffRole.ADMIN));
    // The dashboard draws its charts as SVG with MUI styles: both must run under the policy.
    await page.locator('[data-testid^="chart-"] svg').first().waitFor();
    expect(violations).toEqual([]);
  } finally {
    await context.close();
  }
});

test('the wizard opens a link and takes an answer with no policy violation', async () => {
  const { linkToken } = await bookOrder(fixture.h, { provisioningContactEmail: 'pia@policy-partners.example' });
  const { context, page, violations } = await watchedPage();
  try {
    await page.goto(setupPageUrl(fixture.h, linkToken!));
    expect(await waitForStep(page, 'ROLE')).toBe(text('en', 'role.title'));
    await page.getByLabel(text('en', 'role.PARTNER')).check();
    await page.getByRole('button', { name: text('en', 'action.continue') }).click();
    await waitForStep(page, 'SETUP_PERFORMER');
    expect(violations).toEqual([]);
  } finally {
    await context.close();
  }
});

/** Loads the framer with `target` in its iframe; returns the URL the frame ended on. */
async function framedUrl(page: Page, target: string): Promise<string | undefined> {
  // page.goto waits for the load event, which waits for the iframe.
  await page.goto(`${framerOrigin}/?src=${encodeURIComponent(target)}`);
  const frame = await (await page.locator('#framed').elementHandle())!.contentFrame();
  return frame?.url();
}

test('the page on another origin frames a page that allows it', async () => {
  const { context, page } = await watchedPage();
  try {
    const allowed = `${framerOrigin}/?src=about%3Ablank`;
    expect(await framedUrl(page, allowed)).toBe(allowed);
  } finally {
    await context.close();
  }
});

test.each([
  ['the wizard', (linkToken: string) => setupPageUrl(fixture.h, linkToken)],
  ['the console', () => consoleUrl(fixture.h, '/login')],
])('a page on another origin cannot frame %s', async (_what, urlOf) => {
  const { linkToken } = await bookOrder(fixture.h, { provisioningContactEmail: 'ivo@framed-partners.example' });
  const target = urlOf(linkToken!);
  const { context, page } = await watchedPage();
  try {
    const answered = page.waitForResponse(target);
    const ended = await framedUrl(page, target);
    // The server answered the frame's request, and Chromium showed its error page instead (frame-ancestors, X-Frame-Options).
    expect((await answered).status()).toBe(200);
    expect(ended).toBe('chrome-error://chromewebdata/');
  } finally {
    await context.close();
  }
});
