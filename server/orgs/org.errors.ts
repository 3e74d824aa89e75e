/** The refusals of partner and customer orgs and trials: each code with its message in English and Bulgarian. `{name}` marks a parameter. */
import { userErrors } from '../platform/messages';

export const ORG_ERRORS = userErrors({
  ADMIN_EMAIL_IN_USE: {
    en: 'This email address is already in use by a Webex organization. Choose another administrator email or use the existing organization.',
    bg: 'Този имейл адрес вече се използва от организация в Webex. Изберете друг имейл на администратор или използвайте съществуващата организация.',
  },
  NOT_A_TRIAL: {
    en: 'This organization has no trial to change.',
    bg: 'Тази организация няма пробен период, който да се промени.',
  },
  TRIAL_CONVERTED: {
    en: 'This trial has already been converted to a paid subscription.',
    bg: 'Този пробен период вече е преобразуван в платен абонамент.',
  },
});

declare module '../platform/messages' {
  interface UserErrorCodes extends Record<keyof typeof ORG_ERRORS, true> {}
}
