/** The refusals of staff accounts and sign-in: each code with its message in English and Bulgarian. `{name}` marks a parameter. */
import { userErrors } from '../platform/messages';

export const STAFF_ERRORS = userErrors({
  LOGIN_THROTTLED: {
    en: 'Too many failed logins. Try again in {seconds} seconds.',
    bg: 'Твърде много неуспешни опити за вход. Опитайте отново след {seconds} секунди.',
  },
  STAFF_EMAIL_IN_USE: {
    en: 'A staff account with this email already exists.',
    bg: 'Вече съществува служебен профил с този имейл.',
  },
  WEAK_PASSWORD: {
    en: 'A password needs at least {min} characters.',
    bg: 'Паролата трябва да съдържа поне {min} знака.',
  },
  LAST_ADMIN: {
    en: 'This is the last active administrator: make another one first.',
    bg: 'Това е последният активен администратор: първо създайте друг.',
  },
  INVALID_CREDENTIALS: {
    en: 'The email or password is wrong.',
    bg: 'Имейлът или паролата са грешни.',
  },
});

declare module '../platform/messages' {
  interface UserErrorCodes extends Record<keyof typeof STAFF_ERRORS, true> {}
}
