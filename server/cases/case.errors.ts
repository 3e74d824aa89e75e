/** The refusals of cases: each code with its message in English and Bulgarian. `{name}` marks a parameter. */
import { userErrors } from '../platform/messages';

export const CASE_ERRORS = userErrors({
  CASE_ALREADY_RESOLVED: {
    en: 'This case has already been resolved.',
    bg: 'Този случай вече е разрешен.',
  },
});

declare module '../platform/messages' {
  interface UserErrorCodes extends Record<keyof typeof CASE_ERRORS, true> {}
}
