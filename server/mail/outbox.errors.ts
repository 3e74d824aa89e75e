/** The refusals of the outbox: each code with its message in English and Bulgarian. `{name}` marks a parameter. */
import { userErrors } from '../platform/messages';

export const OUTBOX_ERRORS = userErrors({
  EMAIL_ALREADY_SENT: {
    en: 'This email has already been delivered.',
    bg: 'Този имейл вече е доставен.',
  },
});

declare module '../platform/messages' {
  interface UserErrorCodes extends Record<keyof typeof OUTBOX_ERRORS, true> {}
}
