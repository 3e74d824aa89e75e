/** The refusals of orderPreflight's input, and the words its findings use for an org they do not name. */
import { Messages, userErrors } from '../platform/messages';

export const PREFLIGHT_ERRORS = userErrors({
  UNKNOWN_COUNTRY: {
    en: 'No country has this code. Enter a two-letter ISO 3166 country code, as supportedCountries lists them.',
    bg: 'Няма държава с този код. Въведете двубуквен код по ISO 3166, както ги изброява supportedCountries.',
  },
});

declare module '../platform/messages' {
  interface UserErrorCodes extends Record<keyof typeof PREFLIGHT_ERRORS, true> {}
}

/**
 * What a finding says in place of an org's name: the commerce key learns the kind of org an email belongs to, never
 * which one (the wizard names it to the contact who typed the email; the key is not that contact).
 */
export const UNNAMED_ORG = {
  PARTNER: { en: 'a partner organization', bg: 'партньорска организация' },
  CUSTOMER: { en: 'a customer organization', bg: 'клиентска организация' },
} as const satisfies Record<'PARTNER' | 'CUSTOMER', Messages>;
