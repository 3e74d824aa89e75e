/**
 * What each email says, in English and Bulgarian. Each string is a Handlebars template over the email's values
 * (templates.ts escapes them in the HTML part); the layout (template-layout.ts) is the same for all.
 */
import type { Language } from '../platform/messages';

/** The emails' wording: the kinds of EmailKind. */
export type CopyKind = 'SETUP_LINK' | 'DELEGATED_SETUP_LINK' | 'SETUP_REMINDER' | 'WELCOME' | 'CASE_RESOLVED' | 'WEBHOOK_ENDPOINT_DISABLED';

export interface EmailCopy {
  subject: string;
  title: string;
  paragraphs: string[];
  /** The button's label; its address is the email's link. */
  action: string;
  footer: string;
}

export interface Labels {
  subscriptionId: string;
  commerceOrderNumber: string;
  purchaseOrderNumber: string;
  offer: string;
  seats: string;
  requestedStartDate: string;
  windowClosesAt: string;
  customerOrg: string;
  dataResidencyRegion: string;
  partner: string;
  /** Beside the link written out, for a mail client that shows no button. */
  linkHint: string;
  /** When a problem was reported from the wizard (the case resolved email). */
  reportedAt: string;
  /** The webhook endpoint disabled email's details. */
  endpointUrl: string;
  endpointDescription: string;
  failingSince: string;
  disabledAt: string;
  lastAttempt: string;
}

export interface LanguageCopy {
  /** Intl locale of the dates. */
  locale: string;
  labels: Labels;
  emails: Record<CopyKind, EmailCopy>;
}

const EN_LINK_FOOTER =
  'If this email is not for you, or you are not the right person to set up this order, reply to your Cisco partner or contact your Cisco representative; do not forward the link.';
const BG_LINK_FOOTER =
  'Ако този имейл не е за вас или не сте подходящият човек да настрои тази поръчка, отговорете на вашия партньор на Cisco или се свържете с вашия представител на Cisco; не препращайте връзката.';

export const COPY: Record<Language, LanguageCopy> = {
  en: {
    locale: 'en-GB',
    labels: {
      subscriptionId: 'Subscription ID',
      commerceOrderNumber: 'Commerce order number',
      purchaseOrderNumber: 'Purchase order number',
      offer: 'Offer',
      seats: 'Seats',
      requestedStartDate: 'Requested start date',
      windowClosesAt: 'Setup window closes',
      customerOrg: 'Customer organization',
      dataResidencyRegion: 'Data residency region',
      partner: 'Partner',
      linkHint: 'Or open this address:',
      reportedAt: 'Reported',
      endpointUrl: 'Endpoint URL',
      endpointDescription: 'Described as',
      failingSince: 'Failing since',
      disabledAt: 'Disabled',
      lastAttempt: 'Last attempt',
    },
    emails: {
      SETUP_LINK: {
        subject: 'Set up now: Webex Contact Center order {{subscriptionId}}',
        title: 'Set up Webex Contact Center order {{subscriptionId}}',
        paragraphs: [
          'Webex Contact Center order {{subscriptionId}} is ready to be set up. Use the link below to choose the partner and customer organizations it belongs to.',
          "The link works until the order's setup window closes, on {{closesAt}}. Opening it again starts the setup over; a newer Set up now email replaces this one.",
        ],
        action: 'Set up now',
        footer: EN_LINK_FOOTER,
      },
      DELEGATED_SETUP_LINK: {
        subject: 'Set up now: Webex Contact Center order {{subscriptionId}} (handed over by {{delegatedBy}})',
        title: 'Set up Webex Contact Center order {{subscriptionId}}',
        paragraphs: [
          '{{delegatedBy}} asked you to set up Webex Contact Center order {{subscriptionId}}. You are now its provisioning contact.',
          "The link works until the order's setup window closes, on {{closesAt}}. Opening it again starts the setup over.",
        ],
        action: 'Set up now',
        footer: EN_LINK_FOOTER,
      },
      SETUP_REMINDER: {
        subject: 'Reminder: set up Webex Contact Center order {{subscriptionId}} before {{closesAt}}',
        title: 'Webex Contact Center order {{subscriptionId}} is waiting to be set up',
        paragraphs: [
          'Webex Contact Center order {{subscriptionId}} has not been set up yet. Use the link below to choose the partner and customer organizations it belongs to; it takes a few minutes.',
          "The order's setup window closes on {{closesAt}}. After that the link stops working and only your Cisco representative can reopen the order. The links of earlier emails keep working until then.",
        ],
        action: 'Set up now',
        footer: EN_LINK_FOOTER,
      },
      WELCOME: {
        subject: 'Welcome to Webex Contact Center: order {{subscriptionId}} is mapped to {{customerOrg}}',
        title: 'Welcome to Webex Contact Center',
        paragraphs: [
          'Webex Contact Center order {{subscriptionId}} has been mapped to your organization, {{customerOrg}}, and you are its administrator.',
          '{{#if partner}}What happens next: {{partner}} finishes setting up {{customerOrg}} in Control Hub, then hands contact center administration over to you. Sign in to Control Hub at any time to follow their progress.{{else}}What to do next: sign in to Control Hub, finish setting up {{customerOrg}} there, then hand contact center administration over to the people who will run your contact center.{{/if}}',
        ],
        action: 'Open Control Hub',
        footer:
          'You get this email because you were named the administrator of {{customerOrg}}. If that is a mistake, contact your Cisco representative.',
      },
      CASE_RESOLVED: {
        subject: 'Resolved: the problem you reported with Webex Contact Center order {{subscriptionId}}',
        title: 'Your report has been resolved',
        paragraphs: [
          'While setting up Webex Contact Center order {{subscriptionId}}, you reported: "{{message}}"',
          'A Cisco representative has resolved it: {{resolution}}',
          'If the setup link you have still works, open it to continue setting up the order; if it does not, your Cisco representative can send you a new one.',
        ],
        action: '',
        footer:
          'You get this email because you reported this problem from the setup wizard. Reply to your Cisco representative if it is not resolved.',
      },
      WEBHOOK_ENDPOINT_DISABLED: {
        subject: 'Webhook endpoint disabled after three days of failures: {{url}}',
        title: 'A webhook endpoint has been disabled',
        paragraphs: [
          'Every delivery to the webhook endpoint {{url}} ({{description}}) has failed since {{failingSince}}, so it was disabled on {{disabledAt}}. The commerce integration gets no more events there until it is enabled again. The last attempt: {{lastAttempt}}.',
          'What to do: fix the receiver (its address, its certificate, or the answer it gives: any 2xx status counts as delivered), then enable the endpoint again in the console and send the events of the time range it missed again from the same page. Events are kept, so nothing is lost; the receiver dedupes on the Webhook-Id header.',
        ],
        action: 'Open the endpoint',
        footer: 'You get this email because you are an administrator of the Webex Contact Center provisioning console.',
      },
    },
  },
  bg: {
    locale: 'bg-BG',
    labels: {
      subscriptionId: 'Номер на абонамента',
      commerceOrderNumber: 'Номер на търговската поръчка',
      purchaseOrderNumber: 'Номер на поръчката за покупка',
      offer: 'Оферта',
      seats: 'Места',
      requestedStartDate: 'Заявена начална дата',
      windowClosesAt: 'Срок за настройка',
      customerOrg: 'Клиентска организация',
      dataResidencyRegion: 'Регион за съхранение на данните',
      partner: 'Партньор',
      linkHint: 'Или отворете този адрес:',
      reportedAt: 'Докладвано',
      endpointUrl: 'Адрес на крайната точка',
      endpointDescription: 'Описание',
      failingSince: 'Неуспешни доставки от',
      disabledAt: 'Изключена',
      lastAttempt: 'Последен опит',
    },
    emails: {
      SETUP_LINK: {
        subject: 'Настройте сега: поръчка {{subscriptionId}} за Webex Contact Center',
        title: 'Настройте поръчка {{subscriptionId}} за Webex Contact Center',
        paragraphs: [
          'Поръчка {{subscriptionId}} за Webex Contact Center е готова за настройка. С връзката по-долу изберете партньорската и клиентската организация, към които принадлежи.',
          'Връзката работи, докато изтече срокът за настройка на поръчката: {{closesAt}}. Ако я отворите отново, настройката започва отначало; по-нов имейл „Настройте сега“ замества този.',
        ],
        action: 'Настройте сега',
        footer: BG_LINK_FOOTER,
      },
      DELEGATED_SETUP_LINK: {
        subject: 'Настройте сега: поръчка {{subscriptionId}} за Webex Contact Center (предадена от {{delegatedBy}})',
        title: 'Настройте поръчка {{subscriptionId}} за Webex Contact Center',
        paragraphs: [
          '{{delegatedBy}} ви помоли да настроите поръчка {{subscriptionId}} за Webex Contact Center. Вече вие сте лицето за контакт за настройката ѝ.',
          'Връзката работи, докато изтече срокът за настройка на поръчката: {{closesAt}}. Ако я отворите отново, настройката започва отначало.',
        ],
        action: 'Настройте сега',
        footer: BG_LINK_FOOTER,
      },
      SETUP_REMINDER: {
        subject: 'Напомняне: настройте поръчка {{subscriptionId}} за Webex Contact Center преди {{closesAt}}',
        title: 'Поръчка {{subscriptionId}} за Webex Contact Center очаква настройка',
        paragraphs: [
          'Поръчка {{subscriptionId}} за Webex Contact Center още не е настроена. С връзката по-долу изберете партньорската и клиентската организация, към които принадлежи; това отнема няколко минути.',
          'Срокът за настройка на поръчката изтича на {{closesAt}}. След това връзката спира да работи и само вашият представител на Cisco може да отвори поръчката отново. Връзките от по-ранните имейли работят дотогава.',
        ],
        action: 'Настройте сега',
        footer: BG_LINK_FOOTER,
      },
      WELCOME: {
        subject: 'Добре дошли в Webex Contact Center: поръчка {{subscriptionId}} е свързана с {{customerOrg}}',
        title: 'Добре дошли в Webex Contact Center',
        paragraphs: [
          'Поръчка {{subscriptionId}} за Webex Contact Center е свързана с вашата организация {{customerOrg}} и вие сте неин администратор.',
          '{{#if partner}}Какво следва: {{partner}} завършва настройката на {{customerOrg}} в Control Hub и след това ви предава администрирането на контактния център. Влезте в Control Hub по всяко време, за да следите напредъка.{{else}}Какво да направите: влезте в Control Hub, завършете там настройката на {{customerOrg}} и след това предайте администрирането на контактния център на хората, които ще го управляват.{{/if}}',
        ],
        action: 'Отворете Control Hub',
        footer:
          'Получавате този имейл, защото сте посочени за администратор на {{customerOrg}}. Ако това е грешка, свържете се с вашия представител на Cisco.',
      },
      CASE_RESOLVED: {
        subject: 'Разрешено: проблемът, който докладвахте за поръчка {{subscriptionId}} за Webex Contact Center',
        title: 'Докладваният от вас проблем е разрешен',
        paragraphs: [
          'Докато настройвахте поръчка {{subscriptionId}} за Webex Contact Center, докладвахте: „{{message}}“',
          'Представител на Cisco го разреши: {{resolution}}',
          'Ако връзката за настройка, която имате, още работи, отворете я, за да продължите настройката на поръчката; ако не работи, вашият представител на Cisco може да ви изпрати нова.',
        ],
        action: '',
        footer:
          'Получавате този имейл, защото докладвахте този проблем от съветника за настройка. Ако не е разрешен, отговорете на вашия представител на Cisco.',
      },
      WEBHOOK_ENDPOINT_DISABLED: {
        subject: 'Крайна точка за webhook е изключена след три дни неуспешни доставки: {{url}}',
        title: 'Крайна точка за webhook е изключена',
        paragraphs: [
          'Всички доставки до крайната точка за webhook {{url}} ({{description}}) са неуспешни от {{failingSince}}, затова тя беше изключена на {{disabledAt}}. Търговската интеграция не получава повече събития там, докато не бъде включена отново. Последният опит: {{lastAttempt}}.',
          'Какво да направите: поправете получателя (адреса му, сертификата му или отговора, който дава: всеки статус 2xx се смята за доставка), след това включете крайната точка отново в конзолата и изпратете повторно събитията от пропуснатия период от същата страница. Събитията се пазят, така че нищо не се губи; получателят премахва повторенията по заглавката Webhook-Id.',
        ],
        action: 'Отворете крайната точка',
        footer: 'Получавате този имейл, защото сте администратор на конзолата за настройка на Webex Contact Center.',
      },
    },
  },
};
