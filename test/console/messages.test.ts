/**
 * The console speaks English and Bulgarian everywhere: both message files have the same keys with the same
 * parameters, every enum value the API returns has a label in both, and no react-admin text falls back to
 * English in Bulgarian (ra-language-bulgarian lacks some; bg.json supplies them).
 */
import raBulgarian from 'ra-language-bulgarian';
import raEnglish from 'ra-language-english';
import { ENUMS } from '../../admin/console/common/enums';
import bg from '../../admin/console/i18n/bg.json';
import en from '../../admin/console/i18n/en.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Record<string, string> {
  return Object.fromEntries(
    Object.entries(tree).flatMap(([key, value]) =>
      typeof value === 'string' ? [[`${prefix}${key}`, value]] : Object.entries(flatten(value, `${prefix}${key}.`)),
    ),
  );
}

const parameters = (text: string) => [...text.matchAll(/%\{(\w+)\}/g)].map((match) => match[1]).sort();

const english = flatten(en as Tree);
const bulgarian = flatten(bg as Tree);

test('English and Bulgarian have the same console messages, with the same parameters', () => {
  const ours = (keys: string[]) => keys.filter((key) => !key.startsWith('ra.')).sort();
  expect(ours(Object.keys(bulgarian))).toEqual(ours(Object.keys(english)));
  for (const [key, text] of Object.entries(english)) {
    if (key.startsWith('ra.')) continue;
    expect({ key, parameters: parameters(bulgarian[key]) }).toEqual({ key, parameters: parameters(text) });
  }
});

test('every enum value has a label in both languages', () => {
  for (const [name, values] of Object.entries(ENUMS)) {
    for (const value of values) {
      expect(english[`console.enum.${name}.${value}`]).toEqual(expect.any(String));
      expect(bulgarian[`console.enum.${name}.${value}`]).toEqual(expect.any(String));
    }
  }
});

test('every react-admin message has a Bulgarian text', () => {
  const inBulgarian = { ...flatten(raBulgarian as Tree), ...bulgarian };
  const missing = Object.keys(flatten(raEnglish as unknown as Tree)).filter((key) => !(key in inBulgarian));
  expect(missing).toEqual([]);
});
