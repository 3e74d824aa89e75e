/**
 * The languages the API speaks and the user error codes with their messages. Each feature declares its own codes in
 * its *.errors.ts (added to UserErrorCodes by declaration merging, their messages registered by userErrors()); the
 * codes below are the platform's, which any feature may use. `{name}` marks a parameter.
 */
export const LANGUAGES = ['en', 'bg'] as const;
export type Language = (typeof LANGUAGES)[number];

export type Messages = Record<Language, string>;

/** Every user error code: the platform's below, and each feature's from its *.errors.ts. */
export interface UserErrorCodes extends Record<keyof typeof PLATFORM_ERRORS, true> {}

export type UserErrorCode = keyof UserErrorCodes;

const registry = new Map<string, Messages>();

/** Registers a feature's codes and their messages; a code is declared once in the whole server. */
export function userErrors<T extends Record<string, Messages>>(messages: T): T {
  for (const [code, texts] of Object.entries(messages)) {
    if (registry.has(code)) throw new Error(`User error code ${code} is declared twice`);
    registry.set(code, texts);
  }
  return messages;
}

export const PLATFORM_ERRORS = userErrors({
  SESSION_ENDED: {
    en: 'This setup session has ended. Open the Set up now link again to start over.',
    bg: 'Тази сесия за настройка приключи. Отворете отново връзката „Настройте сега“, за да започнете отначало.',
  },
  INVALID_EMAIL: {
    en: 'Enter a valid email address.',
    bg: 'Въведете валиден имейл адрес.',
  },
  REQUIRED: {
    en: 'This field is required.',
    bg: 'Това поле е задължително.',
  },
  TOO_LONG: {
    en: 'This field may have at most {max} characters.',
    bg: 'Това поле може да съдържа най-много {max} знака.',
  },
  INVALID_DATE: {
    en: 'Enter a calendar date as YYYY-MM-DD.',
    bg: 'Въведете календарна дата във формат ГГГГ-ММ-ДД.',
  },
  INVALID_INSTANT: {
    en: 'Enter a date and time in ISO 8601 format, such as 2026-12-31T23:59:00Z.',
    bg: 'Въведете дата и час във формат ISO 8601, например 2026-12-31T23:59:00Z.',
  },
  OUT_OF_RANGE: {
    en: 'Enter a whole number from {min} to {max}.',
    bg: 'Въведете цяло число от {min} до {max}.',
  },
  NOT_FOUND: {
    en: 'No such record.',
    bg: 'Няма такъв запис.',
  },
  STALE_VERSION: {
    en: 'Someone else changed this record after you opened it. Reload it and make your change again.',
    bg: 'Някой друг промени този запис, след като го отворихте. Заредете го отново и повторете промяната.',
  },
  RATE_LIMITED: {
    en: 'Too many requests from your address. Try again in {seconds} seconds.',
    bg: 'Твърде много заявки от вашия адрес. Опитайте отново след {seconds} секунди.',
  },
});

export function formatMessage(code: UserErrorCode, language: Language, params: Record<string, string | number> = {}): string {
  const texts = registry.get(code);
  if (!texts) throw new Error(`User error code ${code} has no messages: its feature's *.errors.ts is not loaded`);
  return fill(texts[language], params);
}

/** `{name}` in a message replaced by its parameter. */
export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
