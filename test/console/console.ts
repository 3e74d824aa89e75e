/**
 * Helpers for the console's browser tests: staff accounts with known passwords, the console's URLs on the
 * harness's server, signing in through the login page, and the console's own texts (its message files and
 * react-admin's), so that tests find buttons by what a representative reads.
 */
import type { Browser, Page } from 'playwright-core';
import raBulgarian from 'ra-language-bulgarian';
import raEnglish from 'ra-language-english';
import bg from '../../admin/console/i18n/bg.json';
import en from '../../admin/console/i18n/en.json';
import { fill } from '../../server/platform/messages';
import { USER_ERRORS } from '../../server/user-errors';
import { StaffRole } from '../../server/staff/staff.entity';
import { openTestPage, type TestPage } from '../support/browser';
import type { Harness } from '../support/harness';

export type ConsoleLanguage = 'en' | 'bg';

const CATALOGS: Record<ConsoleLanguage, object[]> = { en: [en, raEnglish], bg: [bg, raBulgarian] };

/**
 * A console text by its message key, with `%{name}` parameters filled in and, for `a |||| b` texts, the form
 * for `smart_count` (one, or other, as English and Bulgarian both have); throws on a key the console lacks.
 */
export function say(key: string, params: Record<string, string | number> = {}, language: ConsoleLanguage = 'en'): string {
  for (const catalog of CATALOGS[language]) {
    const found = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalog);
    if (typeof found !== 'string') continue;
    const forms = found.split(' |||| ');
    const text = forms.length > 1 && params.smart_count !== undefined ? forms[Number(params.smart_count) === 1 ? 0 : 1] : found;
    return text.replace(/%\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  }
  throw new Error(`No console message ${key} in ${language}`);
}

/** A dashboard card's title once its records have loaded: the title, then how many match ("Open cases (2)"). */
export function cardTitle(card: 'openCases' | 'awaitingSetup' | 'expiringTrials', count: number, language: ConsoleLanguage = 'en'): string {
  return `${say(`console.dashboard.${card}`, {}, language)} ${say('console.dashboard.count', { smart_count: count }, language)}`;
}

/** A refusal as the server words it (userErrors' message), in English or Bulgarian. */
export function refusal(
  code: keyof typeof USER_ERRORS,
  params: Record<string, string | number> = {},
  language: ConsoleLanguage = 'en',
): string {
  return fill(USER_ERRORS[code][language], params);
}

let staffCount = 0;

export interface StaffLogin {
  id: string;
  email: string;
  password: string;
}

/** A staff account with a password the test types into the login page. */
export async function createStaff(h: Harness, role: StaffRole): Promise<StaffLogin> {
  staffCount += 1;
  const email = `${role.toLowerCase()}.console${staffCount}@cisco.test`;
  const password = 'correct horse battery staple';
  const staff = await h.services.staff.createStaff(email, password, role);
  return { id: staff.id, email, password };
}

/** A console page on the harness's server, e.g. consoleUrl(h, '/cases'). */
export function consoleUrl(h: Harness, path = ''): string {
  return `${h.url.replace(/\/graphql$/, '')}/admin${path}`;
}

/** Signs in through the login page and waits for the dashboard. */
export async function signIn(page: Page, h: Harness, login: StaffLogin, language: ConsoleLanguage = 'en'): Promise<void> {
  await signInAt(page, h.url.replace(/\/graphql$/, ''), login, language);
}

/** The same on the server at `origin` (a deployed one, say). */
export async function signInAt(
  page: Page,
  origin: string,
  login: Pick<StaffLogin, 'email' | 'password'>,
  language: ConsoleLanguage = 'en',
): Promise<void> {
  await page.goto(`${origin}/admin/login`);
  await submitLogin(page, login, language);
  await page.getByTestId('open-cases').waitFor();
}

/** Types the email and password into the login form the page shows, and signs in. */
export async function submitLogin(
  page: Page,
  login: Pick<StaffLogin, 'email' | 'password'>,
  language: ConsoleLanguage = 'en',
): Promise<void> {
  await page.getByLabel(say('ra.auth.username', {}, language)).fill(login.email);
  await page
    .getByLabel(say('ra.auth.password', {}, language), { exact: false })
    .first()
    .fill(login.password);
  await page.getByRole('button', { name: say('ra.auth.sign_in', {}, language) }).click();
}

/**
 * Waits until the dashboard shows every answer it asked for: each card's cases, orders or orgs (or that there are
 * none) and each metric, none still loading. A test that moves the clock after it leaves no dashboard request to
 * come back refused.
 */
export async function dashboardAnswered(page: Page): Promise<void> {
  await page.waitForFunction(
    ({ none, loading }) => {
      const cards = [
        ...document.querySelectorAll('[data-testid="open-cases"], [data-testid="awaiting-setup"], [data-testid="expiring-trials"]'),
      ];
      const metrics = [...document.querySelectorAll('[data-testid^="metric-"]')];
      return (
        cards.length === 3 &&
        cards.every((card) => card.querySelector('li') || card.textContent?.includes(none)) &&
        metrics.length > 0 &&
        metrics.every((metric) => !metric.textContent?.includes(loading))
      );
    },
    { none: say('console.dashboard.none'), loading: say('ra.page.loading') },
  );
}

/**
 * Waits until no CSS transition is running (a notification fading in or out, a dialog opening), so that a
 * screenshot and the axe check see the page as it settles, not a half-transparent frame. Each check is made two
 * frames on: an element mounted just before has its transition started by then.
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      new Promise<boolean>((answer) =>
        requestAnimationFrame(() =>
          requestAnimationFrame(() => answer(document.getAnimations().every((animation) => !(animation instanceof CSSTransition)))),
        ),
      ),
  );
}

/**
 * A fresh browser context and page for the console, whose recorded steps wait for the page to settle first. A
 * notification may still be caught half-transparent (a transition that started after the settled check, or its
 * auto-hide falling due during the screenshot and the axe check): a check that fails when a transition ran during
 * the step is taken again once the page has settled, once.
 */
export async function openConsolePage(browser: Browser, options: { locale: string; file: string; prefix?: string }): Promise<TestPage> {
  const opened = await openTestPage(browser, options);
  const { page } = opened;
  await page.addInitScript(() => {
    const counted = window as unknown as { transitionsRun: number };
    counted.transitionsRun = 0;
    document.addEventListener('transitionrun', () => (counted.transitionsRun += 1), true);
  });
  const transitionsRun = () => page.evaluate(() => (window as unknown as { transitionsRun: number }).transitionsRun);
  return {
    ...opened,
    async record(step) {
      const before = await transitionsRun();
      await settled(page);
      try {
        await opened.record(step);
      } catch (error) {
        if ((await transitionsRun()) === before) throw error;
        await settled(page);
        await opened.record(`${step}-settled`);
      }
    },
  };
}

/** The staff token the console keeps after signing in. */
export async function consoleToken(page: Page): Promise<string> {
  const stored = await page.evaluate(() => localStorage.getItem('wxcc-console:credentials'));
  if (!stored) throw new Error('The console holds no credentials');
  return (JSON.parse(stored) as { token: string }).token;
}
