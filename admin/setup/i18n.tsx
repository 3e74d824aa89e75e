/**
 * The page's language: English or Bulgarian, picked from the browser's languages and switchable.
 * Every text the page shows comes from messages/<language>.json (same keys in each); `{name}` marks a parameter.
 */
import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { Language } from './api';
import bg from './messages/bg.json';
import en from './messages/en.json';

export type MessageKey = keyof typeof en;
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

// Typed against the English keys: a key missing from bg.json fails the type check.
const bgMessages: Record<MessageKey, string> = bg;
const CATALOGS: Record<Language, Record<MessageKey, string>> = { en, bg: bgMessages };

export const LANGUAGES: readonly Language[] = ['en', 'bg'];
const STORAGE_KEY = 'wxcc-setup:language';

/** The first of the browser's preferred languages that the page speaks; English otherwise. */
export function detectLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if ((LANGUAGES as readonly string[]).includes(base)) return base as Language;
  }
  return 'en';
}

export function translate(language: Language, key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = CATALOGS[language][key] ?? CATALOGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * A message whose parameters are addresses or ids (an email, a subscription id): each is kept whole on its line
 * (.ident), so that a line never breaks at the hyphen inside one ("ops@litware-" / "laptop.example").
 */
export function translateIdents(language: Language, key: MessageKey, params: Record<string, string | number>): ReactNode[] {
  const text = CATALOGS[language][key] ?? CATALOGS.en[key] ?? key;
  return text.split(/(\{\w+\})/).map((part, i) => {
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    if (!name || !(name in params)) return part;
    return (
      <span key={i} className="ident">
        {String(params[name])}
      </span>
    );
  });
}

interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  t: Translate;
  /** t, with each parameter kept whole on its line: for messages naming emails and ids. */
  tIdents(key: MessageKey, params: Record<string, string | number>): ReactNode[];
  /** A country's name in the page's language (the server's English name when the browser has none). */
  countryName(code: string, fallback?: string): string;
  formatDate(iso: string): string;
  /** A data residency region's name and code, e.g. "European Union and EMEA (eu2)". */
  regionName(code: string): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  const chosen = sessionStorage.getItem(STORAGE_KEY);
  if (chosen && (LANGUAGES as readonly string[]).includes(chosen)) return chosen as Language;
  return detectLanguage(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = translate(language, 'page.title');
  }, [language]);
  const setLanguage = useCallback((next: Language) => {
    sessionStorage.setItem(STORAGE_KEY, next);
    setLanguageState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const regions = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
    const dates = new Intl.DateTimeFormat(language, { dateStyle: 'long' });
    return {
      language,
      setLanguage,
      t: (key, params) => translate(language, key, params),
      tIdents: (key, params) => translateIdents(language, key, params),
      countryName: (code, fallback) => {
        try {
          return regions.of(code) ?? fallback ?? code;
        } catch {
          return fallback ?? code;
        }
      },
      formatDate: (iso) => dates.format(new Date(iso)),
      regionName: (code) => {
        const key = `region.${code}`;
        return key in CATALOGS.en ? translate(language, 'region.named', { name: translate(language, key as MessageKey), code }) : code;
      },
    };
  }, [language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
