/** Every user error code with its message in each language the API speaks. `{name}` marks a parameter. */
export const LANGUAGES = ['en', 'bg'] as const;
export type Language = (typeof LANGUAGES)[number];

type Messages = Record<Language, string>;

export const USER_ERROR_MESSAGES = {
  INVALID_LINK: {
    en: 'This Set up now link is not valid. Check that you opened the whole link from the email.',
    bg: 'Тази връзка „Настройте сега“ не е валидна. Проверете дали сте отворили цялата връзка от имейла.',
  },
  LINK_REVOKED: {
    en: 'This link has been replaced by a newer Set up now email. Use the link in the most recent email.',
    bg: 'Тази връзка е заменена от по-нов имейл „Настройте сега“. Използвайте връзката от най-новия имейл.',
  },
  LINK_EXPIRED: {
    en: 'The setup window for this order has closed. Contact your Cisco representative to reopen it.',
    bg: 'Срокът за настройка на тази поръчка изтече. Свържете се с вашия представител на Cisco, за да я отвори отново.',
  },
  ORDER_ALREADY_MAPPED: {
    en: 'This order has already been set up and mapped to its organizations.',
    bg: 'Тази поръчка вече е настроена и свързана със своите организации.',
  },
  ORDER_CLOSED: {
    en: 'This order is closed and can no longer be set up.',
    bg: 'Тази поръчка е затворена и вече не може да бъде настроена.',
  },
  SESSION_ENDED: {
    en: 'This setup session has ended. Open the Set up now link again to start over.',
    bg: 'Тази сесия за настройка приключи. Отворете отново връзката „Настройте сега“, за да започнете отначало.',
  },
  STEP_OUT_OF_ORDER: {
    en: 'This step is not available yet: answer the earlier steps first.',
    bg: 'Тази стъпка още не е достъпна: първо отговорете на предишните стъпки.',
  },
  INVALID_EMAIL: {
    en: 'Enter a valid email address.',
    bg: 'Въведете валиден имейл адрес.',
  },
  DELEGATE_OUTSIDE_COMPANY: {
    en: 'The person who sets up must be someone else in your company, with an email address at {domain}.',
    bg: 'Лицето, което извършва настройката, трябва да е друг човек от вашата компания с имейл адрес в {domain}.',
  },
  USER_IN_OTHER_ORG: {
    en: 'This email address already belongs to another Webex organization ({org}). A user can belong to only one Webex organization at a time.',
    bg: 'Този имейл адрес вече принадлежи на друга организация в Webex ({org}). Потребител може да принадлежи само на една организация в Webex в даден момент.',
  },
  ADMIN_EMAIL_IN_USE: {
    en: 'This email address is already in use by a Webex organization. Choose another administrator email or use the existing organization.',
    bg: 'Този имейл адрес вече се използва от организация в Webex. Изберете друг имейл на администратор или използвайте съществуващата организация.',
  },
  TRIAL_ADMIN_EMAIL_MISMATCH: {
    en: 'This order converts a trial: the customer administrator must be the trial administrator, {email}.',
    bg: 'Тази поръчка преобразува пробен период: администраторът на клиента трябва да е администраторът на пробния период, {email}.',
  },
  COUNTRY_NOT_SUPPORTED: {
    en: 'Webex Contact Center is not sold in this country.',
    bg: 'Webex Contact Center не се продава в тази държава.',
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
  PAST_POINT_OF_NO_RETURN: {
    en: 'This order has already been mapped: its setup email and provisioning contact can no longer change.',
    bg: 'Тази поръчка вече е свързана: нейният имейл за настройка и лицето за контакт вече не могат да се променят.',
  },
  STALE_VERSION: {
    en: 'Someone else changed this record after you opened it. Reload it and make your change again.',
    bg: 'Някой друг промени този запис, след като го отворихте. Заредете го отново и повторете промяната.',
  },
  REQUIRED: {
    en: 'This field is required.',
    bg: 'Това поле е задължително.',
  },
  TOO_LONG: {
    en: 'This field may have at most {max} characters.',
    bg: 'Това поле може да съдържа най-много {max} знака.',
  },
  INVALID_SUBSCRIPTION_ID: {
    en: 'A subscription id is "Sub" followed by letters, digits or dashes.',
    bg: 'Идентификаторът на абонамент е „Sub“, последван от букви, цифри или тирета.',
  },
  DUPLICATE_SUBSCRIPTION_ID: {
    en: 'An order with this subscription id already exists.',
    bg: 'Вече съществува поръчка с този идентификатор на абонамент.',
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
  INVALID_REGION: {
    en: 'Choose one of the contact center data locations: {regions}.',
    bg: 'Изберете едно от местата за данни на контактния център: {regions}.',
  },
  NOT_FOUND: {
    en: 'No such record.',
    bg: 'Няма такъв запис.',
  },
  NOT_A_TRIAL: {
    en: 'This organization has no trial to change.',
    bg: 'Тази организация няма пробен период, който да се промени.',
  },
  TRIAL_CONVERTED: {
    en: 'This trial has already been converted to a paid subscription.',
    bg: 'Този пробен период вече е преобразуван в платен абонамент.',
  },
  ORDER_NOT_AWAITING: {
    en: 'This order is not awaiting provisioning details: its Set up now email goes out on the requested start date.',
    bg: 'Тази поръчка не очаква данни за настройка: нейният имейл „Настройте сега“ се изпраща на заявената начална дата.',
  },
  ORDER_WINDOW_CLOSED: {
    en: 'The setup window of this order has closed. Reopen the order to send a fresh Set up now email.',
    bg: 'Срокът за настройка на тази поръчка изтече. Отворете поръчката отново, за да изпратите нов имейл „Настройте сега“.',
  },
  ORDER_NOT_CLOSED: {
    en: 'Only an order whose setup window has closed can be reopened.',
    bg: 'Само поръчка, чийто срок за настройка е изтекъл, може да бъде отворена отново.',
  },
  ORDER_CANCELLED: {
    en: 'This order has been cancelled.',
    bg: 'Тази поръчка е отменена.',
  },
  CASE_ALREADY_RESOLVED: {
    en: 'This case has already been resolved.',
    bg: 'Този случай вече е разрешен.',
  },
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
  RATE_LIMITED: {
    en: 'Too many requests from your address. Try again in {seconds} seconds.',
    bg: 'Твърде много заявки от вашия адрес. Опитайте отново след {seconds} секунди.',
  },
  EMAIL_ALREADY_SENT: {
    en: 'This email has already been delivered.',
    bg: 'Този имейл вече е доставен.',
  },
  INVALID_CREDENTIALS: {
    en: 'The email or password is wrong.',
    bg: 'Имейлът или паролата са грешни.',
  },
} as const satisfies Record<string, Messages>;

export type UserErrorCode = keyof typeof USER_ERROR_MESSAGES;

export function formatMessage(code: UserErrorCode, language: Language, params: Record<string, string | number> = {}): string {
  return fill(USER_ERROR_MESSAGES[code][language], params);
}

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Messages that are not refusals: what a successful mutation tells the person. */
export const NOTICES = {
  ORDER_MAPPED: {
    en: 'The order has been mapped to {partner} and {customer}. Next, finish the setup of the customer org in Control Hub before you hand contact center administration to the customer.',
    bg: 'Поръчката е свързана с {partner} и {customer}. След това завършете настройката на организацията на клиента в Control Hub, преди да предадете администрирането на контактния център на клиента.',
  },
  ORDER_MAPPED_NO_PARTNER: {
    en: 'The order has been mapped to {customer}. Next, finish the setup of your org in Control Hub before you hand contact center administration to your team.',
    bg: 'Поръчката е свързана с {customer}. След това завършете настройката на вашата организация в Control Hub, преди да предадете администрирането на контактния център на вашия екип.',
  },
} as const satisfies Record<string, Messages>;

export function formatNotice(key: keyof typeof NOTICES, language: Language, params: Record<string, string | number> = {}): string {
  return fill(NOTICES[key][language], params);
}
