/**
 * Each email's HTML part as a reader sees it: Chromium renders it at a phone's width (390 px) and a desktop
 * mail client's (800 px), in both languages, into test/artifacts/emails/<kind>-<language>-<width>.png; at
 * 390 px nothing is wider than the screen.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { EmailKind } from '../../server/mail/outbox-email.entity';
import { previewEmail } from '../../server/mail/templates';
import { LANGUAGES } from '../../server/platform/messages';
import { launchBrowser } from '../support/browser';

const ARTIFACTS = resolve(__dirname, '..', 'artifacts', 'emails');
let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const CASES = Object.values(EmailKind).flatMap((kind) => LANGUAGES.map((language) => [kind, language] as const));

test.each(CASES)('%s in %s fits a phone and a desktop', async (kind, language) => {
  const email = await previewEmail(kind, language);
  for (const width of [390, 800]) {
    const context = await browser.newContext({ viewport: { width, height: 800 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.setContent(email.html, { waitUntil: 'load' });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.screenshot({ path: join(ARTIFACTS, `${kind.toLowerCase()}-${language}-${width}.png`), fullPage: true });
    await context.close();
    expect({ width, overflow }).toEqual({ width, overflow: 0 });
  }
});
