/** The refusals of orders and their Set up now links: each code with its message in English and Bulgarian. `{name}` marks a parameter. */
import { userErrors } from '../platform/messages';

export const ORDER_ERRORS = userErrors({
  INVALID_LANGUAGE: {
    en: 'Enter the language of the emails as en (English) or bg (Bulgarian).',
    bg: 'Въведете езика на имейлите като en (английски) или bg (български).',
  },
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
  PAST_POINT_OF_NO_RETURN: {
    en: 'This order has already been mapped: its setup email and provisioning contact can no longer change.',
    bg: 'Тази поръчка вече е свързана: нейният имейл за настройка и лицето за контакт вече не могат да се променят.',
  },
  INVALID_SUBSCRIPTION_ID: {
    en: 'A subscription id is "Sub" followed by letters, digits or dashes.',
    bg: 'Идентификаторът на абонамент е „Sub“, последван от букви, цифри или тирета.',
  },
  DUPLICATE_SUBSCRIPTION_ID: {
    en: 'An order with this subscription id already exists.',
    bg: 'Вече съществува поръчка с този идентификатор на абонамент.',
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
});

declare module '../platform/messages' {
  interface UserErrorCodes extends Record<keyof typeof ORDER_ERRORS, true> {}
}
