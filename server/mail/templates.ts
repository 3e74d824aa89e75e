/**
 * The emails the system sends, each as a subject with text and HTML parts in the order's language. One layout
 * (template-layout.ts: MJML for the HTML, compiled to HTML ahead of time in template-layout.compiled.ts) is filled by
 * Handlebars with each email's wording (template-copy.ts) and values; Handlebars HTML-escapes every value in the HTML part.
 */
import Handlebars from 'handlebars';
import type { Language } from '../platform/messages';
import { EmailKind } from './outbox-email.entity';
import { CopyKind, COPY, EmailCopy, Labels } from './template-copy';
import { TEXT_LAYOUT } from './template-layout';
import { COMPILED_HTML_LAYOUT } from './template-layout.compiled';

/** Where the welcome email sends the customer administrator next. */
export const CONTROL_HUB_URL = 'https://admin.webex.com';

/** What an email tells of an order; its language is the language of the emails to its contact. */
export interface OrderFacts {
  subscriptionId: string;
  commerceOrderNumber: string;
  purchaseOrderNumber: string | null;
  offerCode: string;
  seats: number;
  requestedStartDate: string;
  setupWindowDays: number;
  windowClosesAt: Date | null;
  language: Language;
}

/** What an email tells of an org. */
export interface OrgFacts {
  name: string;
}

/** What an email tells of a customer org. */
export interface CustomerOrgFacts extends OrgFacts {
  dataResidencyRegion: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

type Values = Record<string, string | number | null>;
type Details = { label: string; value: string | number }[];

const handlebars = Handlebars.create();
const wording = new Map<string, Handlebars.TemplateDelegate>();
const TEXT = handlebars.compile(TEXT_LAYOUT, { noEscape: true, strict: true });
const HTML = handlebars.compile(COMPILED_HTML_LAYOUT, { strict: true });

/** One string of the wording with its values, as plain text: the layouts escape what goes into HTML. */
function fill(template: string, values: Values): string {
  let compiled = wording.get(template);
  if (!compiled) {
    compiled = handlebars.compile(template, { noEscape: true, strict: true });
    wording.set(template, compiled);
  }
  return compiled(values);
}

/** Renders one email; without a url it has no button (an email that only tells something). */
async function render(kind: CopyKind, language: Language, values: Values, details: Details, url: string | null): Promise<RenderedEmail> {
  const copy: EmailCopy = COPY[language].emails[kind];
  const parts = {
    language,
    subject: fill(copy.subject, values),
    title: fill(copy.title, values),
    paragraphs: copy.paragraphs.map((p) => fill(p, values)),
    action: url ? { label: copy.action, url, hint: COPY[language].labels.linkHint } : null,
    details,
    footer: fill(copy.footer, values),
  };
  return {
    subject: parts.subject,
    text: TEXT(parts),
    // The preview line of a mail client: the first paragraph.
    html: HTML({ ...parts, preview: parts.paragraphs[0] }),
  };
}

/** Each language's format of an instant, built once: building an Intl.DateTimeFormat costs far more than using it. */
const instantFormats = new Map<Language, Intl.DateTimeFormat>();

/** An instant as the recipient reads it: date and time in UTC, in their language. */
function instant(at: Date | null, language: Language): string {
  if (!at) return '';
  let format = instantFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(COPY[language].locale, {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: 'UTC',
      timeZoneName: 'short',
    });
    instantFormats.set(language, format);
  }
  return format.format(at);
}

function orderValues(order: OrderFacts): Values {
  return { subscriptionId: order.subscriptionId, closesAt: instant(order.windowClosesAt, order.language) };
}

function orderDetails(order: OrderFacts, labels: Labels): Details {
  return [
    { label: labels.subscriptionId, value: order.subscriptionId },
    { label: labels.commerceOrderNumber, value: order.commerceOrderNumber },
    ...(order.purchaseOrderNumber ? [{ label: labels.purchaseOrderNumber, value: order.purchaseOrderNumber }] : []),
    { label: labels.offer, value: order.offerCode },
    { label: labels.seats, value: order.seats },
    { label: labels.requestedStartDate, value: order.requestedStartDate },
  ];
}

/** The details of an email with a link: the order's, and when its window closes. */
function linkDetails(order: OrderFacts): Details {
  const labels = COPY[order.language].labels;
  return [...orderDetails(order, labels), { label: labels.windowClosesAt, value: instant(order.windowClosesAt, order.language) }];
}

export function setupLinkEmail(order: OrderFacts, url: string): Promise<RenderedEmail> {
  return render('SETUP_LINK', order.language, orderValues(order), linkDetails(order), url);
}

export function delegatedSetupLinkEmail(order: OrderFacts, url: string, delegatedBy: string): Promise<RenderedEmail> {
  return render('DELEGATED_SETUP_LINK', order.language, { ...orderValues(order), delegatedBy }, linkDetails(order), url);
}

/** A reminder before the setup window closes, with a fresh link. */
export function setupReminderEmail(order: OrderFacts, url: string): Promise<RenderedEmail> {
  return render('SETUP_REMINDER', order.language, orderValues(order), linkDetails(order), url);
}

/** To the customer administrator once the order is mapped: no Set up now link, but Control Hub and what comes next. */
export function welcomeEmail(order: OrderFacts, customerOrg: CustomerOrgFacts, partnerOrg: OrgFacts | null): Promise<RenderedEmail> {
  const labels = COPY[order.language].labels;
  const details: Details = [
    ...orderDetails(order, labels),
    { label: labels.customerOrg, value: customerOrg.name },
    { label: labels.dataResidencyRegion, value: customerOrg.dataResidencyRegion },
    ...(partnerOrg ? [{ label: labels.partner, value: partnerOrg.name }] : []),
  ];
  const values = { ...orderValues(order), customerOrg: customerOrg.name, partner: partnerOrg?.name ?? null };
  return render('WELCOME', order.language, values, details, CONTROL_HUB_URL);
}

/** What the case resolved email tells of a case: what its reporter wrote, when, and what the representative did. */
export interface CaseFacts {
  message: string;
  resolution: string;
  reportedAt: Date;
}

/**
 * To the person who reported a problem from the wizard, in the language they reported it in (not the order's, which
 * follows its current contact): what they wrote and what a representative did. No link: the setup link they have, or
 * a new one from their representative, is how they go on.
 */
export function caseResolvedEmail(order: Omit<OrderFacts, 'language'>, found: CaseFacts, language: Language): Promise<RenderedEmail> {
  const labels = COPY[language].labels;
  const details: Details = [
    ...orderDetails({ ...order, language }, labels),
    { label: labels.reportedAt, value: instant(found.reportedAt, language) },
  ];
  const values = { subscriptionId: order.subscriptionId, message: found.message, resolution: found.resolution };
  return render('CASE_RESOLVED', language, values, details, null);
}

/** What the webhook endpoint disabled email tells of the endpoint and its last failed attempt. */
export interface DisabledEndpointFacts {
  id: string;
  url: string;
  description: string;
  failingSince: Date;
  disabledAt: Date;
  /** The last attempt's response code, or null when there was no answer (a timeout, a refused connection). */
  lastResponseCode: number | null;
  /** Why the last attempt failed when there was no answer, or the first bytes of the answer. */
  lastError: string | null;
}

/** The console page of a webhook endpoint, where an ADMIN enables it again and resends a time range. */
export function webhookEndpointConsoleUrl(publicUrl: string, endpointId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/admin/webhooks/${encodeURIComponent(endpointId)}/show`;
}

/**
 * To each enabled ADMIN when an endpoint is disabled after three days of failed deliveries: which endpoint, since
 * when, the last error, what to do, and a link to its console page. Staff accounts have no language, so the caller
 * passes English; Bulgarian is there for the console's previews.
 */
export function webhookEndpointDisabledEmail(
  endpoint: DisabledEndpointFacts,
  publicUrl: string,
  language: Language,
): Promise<RenderedEmail> {
  const labels = COPY[language].labels;
  const lastAttempt = [endpoint.lastResponseCode === null ? null : `HTTP ${endpoint.lastResponseCode}`, endpoint.lastError?.trim() || null]
    .filter((part): part is string => part !== null)
    .join(', ')
    .slice(0, 300);
  const values = {
    url: endpoint.url,
    description: endpoint.description || '-',
    failingSince: instant(endpoint.failingSince, language),
    disabledAt: instant(endpoint.disabledAt, language),
    lastAttempt: lastAttempt || '-',
  };
  const details: Details = [
    { label: labels.endpointUrl, value: values.url },
    { label: labels.endpointDescription, value: values.description },
    { label: labels.failingSince, value: values.failingSince },
    { label: labels.disabledAt, value: values.disabledAt },
    { label: labels.lastAttempt, value: values.lastAttempt },
  ];
  return render('WEBHOOK_ENDPOINT_DISABLED', language, values, details, webhookEndpointConsoleUrl(publicUrl, endpoint.id));
}

/** The order, orgs and people of the previews: made up, with a link that opens nothing. */
const SAMPLE = {
  order: {
    subscriptionId: 'Sub-EXAMPLE-0001',
    commerceOrderNumber: 'CO-2026-104233',
    purchaseOrderNumber: 'PO-7781',
    offerCode: 'A-WXCC-STD',
    seats: 50,
    requestedStartDate: '2026-12-01',
    setupWindowDays: 30,
    windowClosesAt: new Date('2026-12-31T09:00:00Z'),
  },
  url: 'https://setup.example.com/setup/wxl_example-link-opens-nothing',
  delegatedBy: 'maria.ivanova@partner.example.com',
  customerOrg: { name: 'Example Retail Ltd', dataResidencyRegion: 'eu2' },
  partnerOrg: { name: 'Example Partner Solutions' },
  case: {
    message: 'Our company already has a Webex org, but the wizard offers to create a new one.',
    resolution: 'Your order is now mapped to your existing org, Example Retail Ltd; nothing else is needed from you.',
    reportedAt: new Date('2026-12-02T14:30:00Z'),
  },
  endpoint: {
    id: '00000000-0000-4000-8000-000000000000',
    url: 'https://erp.example.com/webex/webhooks',
    description: 'Order status for the ERP',
    failingSince: new Date('2026-11-28T08:15:00Z'),
    disabledAt: new Date('2026-12-01T08:15:00Z'),
    lastResponseCode: 503,
    lastError: 'Service Unavailable',
  },
  publicUrl: 'https://setup.example.com',
};

/** An email of each kind, in either language, filled with made-up data: what staff preview in the console. */
export function previewEmail(kind: EmailKind, language: Language): Promise<RenderedEmail> {
  const order: OrderFacts = { ...SAMPLE.order, language };
  switch (kind) {
    case EmailKind.SETUP_LINK:
      return setupLinkEmail(order, SAMPLE.url);
    case EmailKind.DELEGATED_SETUP_LINK:
      return delegatedSetupLinkEmail(order, SAMPLE.url, SAMPLE.delegatedBy);
    case EmailKind.SETUP_REMINDER:
      return setupReminderEmail(order, SAMPLE.url);
    case EmailKind.WELCOME:
      return welcomeEmail(order, SAMPLE.customerOrg, SAMPLE.partnerOrg);
    case EmailKind.CASE_RESOLVED:
      return caseResolvedEmail(SAMPLE.order, SAMPLE.case, language);
    case EmailKind.WEBHOOK_ENDPOINT_DISABLED:
      return webhookEndpointDisabledEmail(SAMPLE.endpoint, SAMPLE.publicUrl, language);
  }
}
