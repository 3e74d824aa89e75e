/**
 * Browser tests of the Set up now page: Debian's Chromium driven by playwright-core (never a downloaded
 * browser), one browser per test file, a fresh context per test with the locale it asks for. Each step can
 * be recorded: a screenshot under test/artifacts/<file>/<step>.png and an axe-core check that finds no
 * serious or critical violation.
 */
import AxeBuilder from '@axe-core/playwright';
import axe from 'axe-core';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import bg from '../../admin/setup/messages/bg.json';
import en from '../../admin/setup/messages/en.json';
import type { Harness } from './harness';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const ARTIFACTS = resolve(__dirname, '..', 'artifacts');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export type PageLanguage = 'en' | 'bg';
export type MessageKey = keyof typeof en;

/** The page's own text, from its message files, with `{name}` parameters filled in. */
export function text(language: PageLanguage, key: MessageKey, params: Record<string, string | number> = {}): string {
  const catalog: Record<MessageKey, string> = language === 'bg' ? bg : en;
  return catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The wizard page of a link token, on the harness's server. */
export function setupPageUrl(h: Harness, linkToken: string): string {
  return `${h.url.replace('/graphql', '')}/setup/${encodeURIComponent(linkToken)}`;
}

export interface AxeViolation {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/**
 * axe-core's every rule run on the page as it is now. axe is put into a document once and kept there for its next
 * checks (AxeBuilder puts it in again each time, then opens a blank page to gather the results, several times the
 * cost); a page with frames goes through AxeBuilder, which checks each frame.
 */
async function runAxe(page: Page): Promise<axe.AxeResults> {
  if (page.frames().length > 1) return new AxeBuilder({ page }).analyze();
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  // The passes and the rules that do not apply are only counted: their elements are not listed.
  return page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }));
}

/** The serious and critical axe-core violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  const results = await runAxe(page);
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
}

export interface TestPage {
  context: BrowserContext;
  page: Page;
  /** Records the page as it is: a screenshot named after the step, and the axe check (throws on a serious violation). */
  record(step: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A fresh context (its own storage, the locale given, so navigator.languages follows it) and a page in it.
 * `file` names the artifacts folder (the test file), `prefix` keeps the screenshots of several tests apart.
 */
export async function openTestPage(browser: Browser, options: { locale: string; file: string; prefix?: string }): Promise<TestPage> {
  const context = await browser.newContext({ locale: options.locale, viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  // A step that does not come fails the test inside jest's 60 s, with the selector it waited for; 20 s, because a
  // step can take several seconds on 2 cores shared with other work.
  page.setDefaultTimeout(20_000);
  const dir = join(ARTIFACTS, options.file);
  mkdirSync(dir, { recursive: true });
  let count = 0;
  return {
    context,
    page,
    async record(step) {
      count += 1;
      const name = [options.prefix, String(count).padStart(2, '0'), step].filter(Boolean).join('-');
      await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
      const violations = await seriousViolations(page);
      if (violations.length) throw new Error(`axe found serious violations at ${name}: ${JSON.stringify(violations, null, 2)}`);
    },
    close: () => context.close(),
  };
}

/**
 * Waits until the wizard shows a step (data-step on the view) with its heading focused, as it is on every
 * new step; returns the heading's text.
 */
export async function waitForStep(page: Page, step: string): Promise<string> {
  await page.waitForSelector(`[data-step="${step}"] h1:focus`);
  return (await page.locator('h1').textContent()) ?? '';
}

/** Waits for a page that is not a step (link problems, done, ...) to show its heading, focused. */
export async function waitForView(page: Page, view: string): Promise<string> {
  await page.waitForSelector(`main[data-view="${view}"] h1:focus`);
  return (await page.locator('h1').textContent()) ?? '';
}

/** The id of the element that has the focus. */
export function focusedId(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.id ?? '');
}
