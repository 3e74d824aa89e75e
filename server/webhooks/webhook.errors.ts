/** The refusals of webhooks: each code with its message in English and Bulgarian. `{name}` marks a parameter. */
import { userErrors } from '../platform/messages';

export const WEBHOOK_ERRORS = userErrors({
  WEBHOOK_URL_INVALID: {
    en: 'Enter an absolute http or https URL without a user name or password.',
    bg: 'Въведете абсолютен http или https адрес без потребителско име и парола.',
  },
  WEBHOOK_URL_NOT_HTTPS: {
    en: 'Webhook endpoints must use https.',
    bg: 'Адресите за webhook трябва да използват https.',
  },
  WEBHOOK_URL_PRIVATE_ADDRESS: {
    en: 'The host {host} is a private, loopback or link-local address ({address}); webhooks go to public addresses only.',
    bg: 'Хостът {host} е частен, локален или link-local адрес ({address}); webhook се изпращат само към публични адреси.',
  },
  WEBHOOK_URL_UNRESOLVABLE: {
    en: 'The host {host} cannot be resolved.',
    bg: 'Хостът {host} не може да бъде намерен.',
  },
  WEBHOOK_EVENTS_REQUIRED: {
    en: 'Choose at least one event type.',
    bg: 'Изберете поне един вид събитие.',
  },
  WEBHOOK_UNKNOWN_EVENT_TYPE: {
    en: 'Unknown event type: {type}.',
    bg: 'Непознат вид събитие: {type}.',
  },
  WEBHOOK_ENDPOINT_DISABLED: {
    en: 'This webhook endpoint is disabled; enable it first.',
    bg: 'Този адрес за webhook е изключен; първо го включете.',
  },
  WEBHOOK_RANGE_INVALID: {
    en: 'The time range must start before it ends and span at most {days} days.',
    bg: 'Периодът трябва да започва преди края си и да обхваща най-много {days} дни.',
  },
  WEBHOOK_TOO_MANY_EVENTS: {
    en: 'The range holds more than {max} events; resend a shorter range.',
    bg: 'Периодът съдържа повече от {max} събития; изпратете отново по-кратък период.',
  },
});

declare module '../platform/messages' {
  interface UserErrorCodes extends Record<keyof typeof WEBHOOK_ERRORS, true> {}
}
