/**
 * The Set up now page keeps all its text in admin/setup/messages/<language>.json: the same keys in English
 * and Bulgarian, with the same parameters, and no text written into the components themselves.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import bg from '../../admin/setup/messages/bg.json';
import en from '../../admin/setup/messages/en.json';

const SOURCE = resolve(__dirname, '..', '..', 'admin', 'setup');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const parameters = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((found) => found[1]).sort();

test('English and Bulgarian have the same keys, each with a text and the same parameters', () => {
  expect(Object.keys(bg).sort()).toEqual(Object.keys(en).sort());
  const catalogs: Record<string, Record<string, string>> = { en, bg };
  for (const [language, catalog] of Object.entries(catalogs)) {
    for (const [key, message] of Object.entries(catalog)) {
      expect({ language, key, empty: message.trim() === '' }).toEqual({ language, key, empty: false });
    }
  }
  for (const key of Object.keys(en) as (keyof typeof en)[]) {
    expect({ key, parameters: parameters(bg[key]) }).toEqual({ key, parameters: parameters(en[key]) });
  }
});

test('the Bulgarian texts are in Bulgarian: none left in English', () => {
  // A text with letters besides its parameters has Cyrillic ones; the one exception is the name of English itself.
  const untranslated = Object.entries(bg as Record<string, string>).filter(([key, message]) => {
    const words = message.replace(/\{\w+\}/g, '');
    return key !== 'language.en' && /[A-Za-z]/.test(words) && !/\p{Script=Cyrillic}/u.test(words);
  });
  expect(untranslated).toEqual([]);
});

test('every message key the page uses exists, and the components hold no text of their own', () => {
  const keys = new Set(Object.keys(en));
  const problems: string[] = [];
  for (const file of sourceFiles(SOURCE)) {
    const source = readFileSync(file, 'utf8');
    const name = relative(SOURCE, file);
    // Keys written out in full: t('role.title'), labels in tables, etc.
    for (const [, key] of source.matchAll(/'((?:[a-z][A-Za-z]*)(?:\.[A-Za-z0-9_]+)+)'/g)) {
      if (
        /^(role|performer|partnerOrg|customerAdmin|company|customerOrg|review|done|org|trial|region|report|reported|delegated|link|ended|leave|failed|page|language|progress|action|status|error)\./.test(
          key,
        ) &&
        !keys.has(key)
      ) {
        problems.push(`${name}: unknown message key ${key}`);
      }
    }
    if (!name.endsWith('.tsx')) continue;
    // Text between JSX tags, e.g. <p>Continue</p>, or in a text attribute, e.g. aria-label="Steps".
    const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    for (const [found] of code.matchAll(/(?<![=-])>\s*\p{L}[^<>{}\n;=()]*\s*</gu))
      problems.push(`${name}: text in a component: ${found.trim()}`);
    for (const [found] of code.matchAll(/\b(?:aria-label|title|placeholder|alt|label)="[^"]*\p{L}[^"]*"/gu)) {
      problems.push(`${name}: text in an attribute: ${found}`);
    }
  }
  expect(problems).toEqual([]);
});
