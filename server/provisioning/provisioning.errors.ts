/** The refusals of the wizard: each code with its message in English and Bulgarian. `{name}` marks a parameter. */
import { fill, Language, Messages, userErrors } from '../platform/messages';

export const PROVISIONING_ERRORS = userErrors({
  STEP_OUT_OF_ORDER: {
    en: 'This step is not available yet: answer the earlier steps first.',
    bg: 'Тази стъпка още не е достъпна: първо отговорете на предишните стъпки.',
  },
  DELEGATE_OUTSIDE_COMPANY: {
    en: 'The person who sets up must be someone else in your company, with an email address at {domain}.',
    bg: 'Лицето, което извършва настройката, трябва да е друг човек от вашата компания с имейл адрес в {domain}.',
  },
  DELEGATE_IS_YOU: {
    en: 'This is your own email address. To set up the order yourself, choose "I will set it up myself"; to hand it over, enter a colleague\'s address.',
    bg: 'Това е вашият собствен имейл адрес. За да настроите поръчката сами, изберете „Ще я настроя аз“; за да я предадете, въведете адреса на колега.',
  },
  USER_IN_OTHER_ORG: {
    en: 'This email address already belongs to another Webex organization ({org}). A user can belong to only one Webex organization at a time.',
    bg: 'Този имейл адрес вече принадлежи на друга организация в Webex ({org}). Потребител може да принадлежи само на една организация в Webex в даден момент.',
  },
  TRIAL_ADMIN_EMAIL_MISMATCH: {
    en: 'This order converts a trial: the customer administrator must be the trial administrator, {email}.',
    bg: 'Тази поръчка преобразува пробен период: администраторът на клиента трябва да е администраторът на пробния период, {email}.',
  },
  NO_EXISTING_ORG: {
    en: 'No existing organization was found for this email address.',
    bg: 'Не е намерена съществуваща организация за този имейл адрес.',
  },
  TRIAL_EXPIRED: {
    en: 'The trial of this organization has expired. Report a problem so that a Cisco representative can extend it.',
    bg: 'Пробният период на тази организация е изтекъл. Съобщете за проблем, за да може представител на Cisco да го удължи.',
  },
  TRIAL_ORG_REQUIRED: {
    en: 'This order converts a trial: choose the existing trial organization.',
    bg: 'Тази поръчка преобразува пробен период: изберете съществуващата пробна организация.',
  },
});

declare module '../platform/messages' {
  interface UserErrorCodes extends Record<keyof typeof PROVISIONING_ERRORS, true> {}
}

/** What a confirmed setup tells the person, in each language: not refusals. */
export const PROVISIONING_NOTICES = {
  ORDER_MAPPED: {
    en: 'The order has been mapped to {partner} and {customer}. Next, finish the setup of the customer org in Control Hub before you hand contact center administration to the customer.',
    bg: 'Поръчката е свързана с {partner} и {customer}. След това завършете настройката на организацията на клиента в Control Hub, преди да предадете администрирането на контактния център на клиента.',
  },
  ORDER_MAPPED_NO_PARTNER: {
    en: 'The order has been mapped to {customer}. Next, finish the setup of your org in Control Hub before you hand contact center administration to your team.',
    bg: 'Поръчката е свързана с {customer}. След това завършете настройката на вашата организация в Control Hub, преди да предадете администрирането на контактния център на вашия екип.',
  },
} as const satisfies Record<string, Messages>;

export function formatNotice(
  key: keyof typeof PROVISIONING_NOTICES,
  language: Language,
  params: Record<string, string | number> = {},
): string {
  return fill(PROVISIONING_NOTICES[key][language], params);
}
