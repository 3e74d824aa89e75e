/**
 * Bulgarian everywhere: an administrator (who sees every page) opens the console in Bulgarian over generated data
 * and goes through every page the menu offers: each list, the first record's page from it (show, then edit where
 * offered) and each create page, and the dashboard. On each, at 1440 and 390 px, no visible text (nor an
 * aria-label, placeholder or title) may hold an English word or a message key. Screenshots of each page at both
 * widths under test/artifacts/console-bulgarian-everywhere/; axe on the first page of each kind at both widths.
 *
 * The detector knows English by the console's own English: the words of its English messages (en.json and
 * react-admin's), less those its Bulgarian messages use as they are (Webex, Contact Center, Control Hub, CSV, ...),
 * plus the commonest English words. What is data is not language: every text the database holds (names, emails,
 * subscription ids, offer codes, case messages, email subjects in the contact's language) is taken out first,
 * except enum-like values (ACTIVE, MAPPED), which the console must translate. Text marked as another language
 * (an English email preview, lang="en") is left out, as a screen reader reads it in that language.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { Client } from 'pg';
import raBulgarian from 'ra-language-bulgarian';
import raEnglish from 'ra-language-english';
import bg from '../../admin/console/i18n/bg.json';
import en from '../../admin/console/i18n/en.json';
import { generateData } from '../../server/db/seed/generator';
import { StaffRole } from '../../server/staff/staff.entity';
import { seriousViolations, type AxeViolation } from '../support/browser';
import { useBrowserFixture } from '../support/browser-fixture';
import { consoleUrl, createStaff, openConsolePage, say, settled, signIn } from './console';

const fixture = useBrowserFixture();
const ARTIFACTS = resolve(__dirname, '..', 'artifacts', 'console-bulgarian-everywhere');

type Tree = { [key: string]: string | Tree };
const texts = (tree: Tree): string[] => Object.values(tree).flatMap((value) => (typeof value === 'string' ? [value] : texts(value)));
const wordsOf = (text: string) => (text.replace(/%\{\w+\}/g, ' ').match(/[A-Za-z]{2,}/g) ?? []).map((word) => word.toLowerCase());

/** Words in English any page might show, and none of them a word the Bulgarian messages use as it is. */
const ENGLISH = (() => {
  const kept = new Set(
    texts(bg as Tree)
      .concat(texts(raBulgarian as unknown as Tree))
      .flatMap(wordsOf),
  );
  const common =
    'the and for with not this that from none yes all any are was were has have had will would can could you your our out into onto over under after before since until while when where what which who why how more most less some such only also than then there here their them they its his her been being per each both few other same own via new old open close save edit show list create delete cancel confirm search filter export back next previous loading error page total items rows'.split(
      ' ',
    );
  const english = new Set([...texts(en as Tree), ...texts(raEnglish as unknown as Tree)].flatMap(wordsOf).concat(common));
  for (const word of kept) english.delete(word);
  // Too short or too common across languages to mean English on their own: units and codes.
  for (const word of ['id', 'ok', 'csv', 'html', 'api', 'url', 'smtp', 'utc', 'ip', 'pdf']) english.delete(word);
  return english;
})();

/** Names that stay as they are in every language. */
const BRANDS = /\b(?:Webex|Contact Center|Control Hub|Cisco)\b/g;

/** A message key shown as it is: a message the console lacks. */
const MESSAGE_KEY = /\b(?:console|resources|ra)\.[a-zA-Z]+\.[\w.]+/;

let data: string[] = [];

beforeAll(async () => {
  const client = new Client({ connectionString: process.env.DATABASE_URL, options: `-c search_path=${fixture.h.schema}` });
  await client.connect();
  try {
    await generateData(client, { orders: 100, seed: 43, now: fixture.h.clock.now() });
    // Every text the database holds, but enum-like values (the console translates those) and the audit log's keys.
    const { rows: columns } = await client.query(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying') AND table_name <> 'audit_event'`,
    );
    const values = new Set<string>();
    for (const { table_name: table, column_name: column } of columns) {
      const { rows } = await client.query(
        `SELECT DISTINCT "${column}"::text AS value FROM "${table}" WHERE "${column}" IS NOT NULL LIMIT 5000`,
      );
      for (const { value } of rows) if (value.length >= 2 && !/^[A-Z][A-Z0-9_]*$/.test(value)) values.add(value);
    }
    data = [...values].sort((a, b) => b.length - a.length);
  } finally {
    await client.end();
  }
  await fixture.h.services.metrics.refresh();
}, 120_000);

/** The texts a reader meets on the page in Bulgarian: visible text, and the names and hints of its elements. */
function shownTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const chunks: string[] = [];
    const shown = (element: Element) => element.checkVisibility({ checkOpacity: true, visibilityProperty: true });
    const inBulgarian = (element: Element) => {
      const tagged = element.closest('[lang]');
      return !tagged || tagged.getAttribute('lang')!.toLowerCase().startsWith('bg');
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      const text = node.textContent?.trim();
      if (!text || !element || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(element.tagName)) continue;
      // An SVG <title> is a tooltip: shown when its chart is.
      const holder = element.tagName.toLowerCase() === 'title' && element.parentElement ? element.parentElement : element;
      if (shown(holder) && inBulgarian(holder)) chunks.push(text);
    }
    for (const element of document.querySelectorAll('[aria-label], [placeholder], [title], [alt], [aria-description]')) {
      if (!shown(element) || !inBulgarian(element)) continue;
      for (const attribute of ['aria-label', 'placeholder', 'title', 'alt', 'aria-description']) {
        const value = element.getAttribute(attribute);
        if (value) chunks.push(value);
      }
    }
    return chunks;
  });
}

/** The text with each whole occurrence of a data value taken out (not one inside a word: "en" in "Open"). */
function withoutValue(text: string, value: string): string {
  const letter = /\p{L}/u;
  let result = '';
  let from = 0;
  for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
    const before = text[at - 1];
    const after = text[at + value.length];
    if ((before && letter.test(before) && letter.test(value[0])) || (after && letter.test(after) && letter.test(value.at(-1)!))) continue;
    if (at < from) continue;
    result += `${text.slice(from, at)} `;
    from = at + value.length;
  }
  return result + text.slice(from);
}

/** The English words and message keys among the texts, once the data in them is taken out. */
function englishIn(chunks: string[]): string[] {
  const found = new Set<string>();
  for (const chunk of chunks) {
    let text = chunk;
    if (MESSAGE_KEY.test(text)) found.add(`key: ${text.match(MESSAGE_KEY)![0]}`);
    for (const value of data) if (text.includes(value)) text = withoutValue(text, value);
    // Brand names, emails, links, ids, country codes ("AT", "IT") and the API's event names (order.mapped, as the
    // webhook API spells them) are not words of a language.
    text = text
      .replace(BRANDS, ' ')
      .replace(/\S+@\S+|https?:\/\/\S+|\b[0-9a-f]{8}-[0-9a-f-]{27,}\b|\b\w*\d\w*\b/gi, ' ')
      .replace(/\b[A-Z]{2}\b/g, ' ')
      .replace(/\b[a-z]+(?:_[a-z]+)*(?:\.[a-z]+(?:_[a-z]+)*)+\b/g, ' ');
    for (const word of wordsOf(text)) if (ENGLISH.has(word)) found.add(`${word} in "${chunk}"`);
  }
  return [...found];
}

/** The page has its answers: no progress bar, no "loading" text, no request in flight. */
async function loaded(page: Page): Promise<void> {
  // A page whose frames keep a request open (the email previews) is taken as loaded when its own answers are in.
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  await page.waitForFunction(
    (loading) => document.querySelectorAll('[role="progressbar"]').length === 0 && !document.body.innerText.includes(loading),
    say('ra.page.loading', {}, 'bg'),
  );
}

test('every page of the console reads in Bulgarian, at 1440 and 390 px', async () => {
  const admin = await createStaff(fixture.h, StaffRole.ADMIN);
  const { page, close } = await openConsolePage(fixture.browser, { locale: 'bg-BG', file: 'console-bulgarian-everywhere' });
  const englishFound: Record<string, string[]> = {};
  const axeFound: Record<string, AxeViolation[]> = {};
  try {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.clock.setFixedTime(fixture.h.clock.now());
    await signIn(page, fixture.h, admin, 'bg');
    const base = consoleUrl(fixture.h);
    const pathOf = (url: string) => new URL(url).pathname.replace(/^\/admin/, '') || '/';

    const axeChecked = new Set<string>();
    let step = 0;
    /**
     * Checks the page as it is now at both widths, with a screenshot of each; axe on the first page of each kind
     * (the dashboard, a list, a show, an edit, a create page); returns to 1440 px.
     */
    const check = async (name: string) => {
      const kind =
        name === 'dashboard' ? name : /-show$/.test(name) ? 'show' : /-create$/.test(name) ? 'create' : /-/.test(name) ? 'edit' : 'list';
      await loaded(page);
      for (const width of [1440, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await loaded(page);
        const english = englishIn(await shownTexts(page));
        if (english.length > 0) englishFound[`${name} at ${width} px`] = english;
        step += 1;
        await settled(page);
        await page.screenshot({ path: join(ARTIFACTS, `${String(step).padStart(2, '0')}-${name}-${width}.png`), fullPage: true });
        if (!axeChecked.has(`${kind}-${width}`)) {
          axeChecked.add(`${kind}-${width}`);
          const violations = await seriousViolations(page);
          if (violations.length > 0) axeFound[`${name} at ${width} px`] = violations;
        }
      }
      await page.setViewportSize({ width: 1440, height: 900 });
    };

    await check('dashboard');
    // Every page the menu offers (an administrator is offered all of them).
    const lists = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLAnchorElement>('.RaSidebar-fixed a[href], [class*="RaMenu"] a[href]')].map((link) => link.href),
    );
    const resources = [...new Set(lists.map(pathOf).filter((path) => path !== '/'))];
    expect(resources.length).toBeGreaterThanOrEqual(10);
    const visited: string[] = ['/'];
    for (const list of resources) {
      await page.goto(`${base}${list}`);
      await check(list.slice(1));
      visited.push(list);
      const create = page.locator(`a[href$="${list}/create"]`).first();
      const createPath = (await create.count()) > 0 ? pathOf(new URL((await create.getAttribute('href'))!, page.url()).href) : null;
      // The first record's page, as a click on its row (or its link) opens it.
      const firstRow = page.locator('tbody tr, .MuiList-root li a').first();
      if ((await firstRow.count()) > 0) {
        const before = page.url();
        await firstRow.click();
        await page.waitForURL((url) => url.href !== before, { timeout: 5_000 }).catch(() => undefined);
        if (page.url() !== before) {
          const record = pathOf(page.url());
          await check(record.slice(1).replace(/\//g, '-'));
          visited.push(record);
          // A show page's edit button leads to the edit page.
          const edit = page.getByRole('link', { name: say('ra.action.edit', {}, 'bg') }).first();
          if (record.endsWith('/show') && (await edit.count()) > 0) {
            await edit.click();
            await page.waitForURL((url) => !url.pathname.endsWith('/show'));
            const edited = pathOf(page.url());
            await check(edited.slice(1).replace(/\//g, '-'));
            visited.push(edited);
          }
        }
      }
      if (createPath) {
        await page.goto(`${base}${createPath}`);
        await check(createPath.slice(1).replace(/\//g, '-'));
        visited.push(createPath);
      }
    }
    // Each kind of page was reached: lists, shows, edits and creates.
    expect(visited.some((path) => path.endsWith('/show'))).toBe(true);
    expect(visited.some((path) => path.endsWith('/create'))).toBe(true);
    expect(visited.some((path) => /^\/\w+\/[^/]+$/.test(path) && !path.endsWith('/create'))).toBe(true);
    expect(englishFound).toEqual({});
    expect([...axeChecked].sort()).toEqual(
      ['create', 'dashboard', 'edit', 'list', 'show'].flatMap((kind) => [`${kind}-1440`, `${kind}-390`]).sort(),
    );
    expect(axeFound).toEqual({});
  } finally {
    await close();
  }
}, 600_000);
