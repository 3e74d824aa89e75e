/** The refusals of the supported-country table: each code with its message in English and Bulgarian. `{name}` marks a parameter. */
import { userErrors } from '../platform/messages';

export const COUNTRY_ERRORS = userErrors({
  COUNTRY_NOT_SUPPORTED: {
    en: 'Webex Contact Center is not sold in this country.',
    bg: 'Webex Contact Center не се продава в тази държава.',
  },
  INVALID_REGION: {
    en: 'Choose one of the contact center data locations: {regions}.',
    bg: 'Изберете едно от местата за данни на контактния център: {regions}.',
  },
});

declare module '../platform/messages' {
  interface UserErrorCodes extends Record<keyof typeof COUNTRY_ERRORS, true> {}
}
