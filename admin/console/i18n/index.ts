/**
 * English and Bulgarian: react-admin's own messages (ra-language-english, ra-language-bulgarian) under ours
 * (en.json, bg.json: the resources, the enums, the console's texts, and the react-admin messages that the
 * Bulgarian package lacks). The first language comes from a choice made earlier (react-admin's store), else
 * from the browser.
 */
import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import bulgarianMessages from 'ra-language-bulgarian';
import { mergeTranslations, resolveBrowserLocale, type TranslationMessages } from 'react-admin';
import type { EnumLabels } from '../common/enums';
import bg from './bg.json';
import en from './en.json';

/** The type check fails when a language lacks the label of an enum value (one the schema gained, say). */
type Labelled = { console: { enum: EnumLabels } };

const MESSAGES: Record<string, TranslationMessages> = {
  en: mergeTranslations(englishMessages, en satisfies Labelled),
  bg: mergeTranslations(bulgarianMessages, bg satisfies Labelled),
};

const browserLocale = resolveBrowserLocale('en');

export const i18nProvider = polyglotI18nProvider(
  (locale) => MESSAGES[locale] ?? MESSAGES.en,
  browserLocale in MESSAGES ? browserLocale : 'en',
  [
    { locale: 'en', name: 'English' },
    { locale: 'bg', name: 'Български' },
  ],
);
