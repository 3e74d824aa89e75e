/** The emails the system sends, each as a subject with text and HTML parts. Values are HTML-escaped in the HTML part. */

/** What an email tells of an order. */
export interface OrderFacts {
  subscriptionId: string;
  commerceOrderNumber: string;
  purchaseOrderNumber: string | null;
  offerCode: string;
  seats: number;
  requestedStartDate: string;
  setupWindowDays: number;
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

const SUPPORT =
  'If this email is not for you, or you are not the right person to set up this order, reply to your Cisco partner or contact your Cisco representative; do not forward the link.';

function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function orderDetails(order: OrderFacts): [string, string | number][] {
  return [
    ['Subscription ID', order.subscriptionId],
    ['Commerce order number', order.commerceOrderNumber],
    ...(order.purchaseOrderNumber ? ([['Purchase order number', order.purchaseOrderNumber]] as [string, string][]) : []),
    ['Offer', order.offerCode],
    ['Seats', order.seats],
    ['Requested start date', order.requestedStartDate],
  ];
}

function layout(
  title: string,
  paragraphs: string[],
  details: [string, string | number][],
  action?: { label: string; url: string },
): string {
  const rows = details.map(([label, value]) => `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`).join('');
  const button = action ? `<p><a href="${escapeHtml(action.url)}" style="font-weight:bold">${escapeHtml(action.label)}</a></p>` : '';
  return [
    '<!doctype html><html><body style="font-family:sans-serif">',
    `<h1>${escapeHtml(title)}</h1>`,
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    button,
    `<table>${rows}</table>`,
    `<p style="color:#555">${escapeHtml(SUPPORT)}</p>`,
    '</body></html>',
  ].join('\n');
}

function textDetails(details: [string, string | number][]): string {
  return details.map(([label, value]) => `${label}: ${value}`).join('\n');
}

export function setupLinkEmail(order: OrderFacts, url: string): RenderedEmail {
  const intro = `Webex Contact Center order ${order.subscriptionId} is ready to be set up. Use the link below to choose the partner and customer organizations it belongs to.`;
  const window = `The link works until the order's setup window closes, ${order.setupWindowDays} days after this email. Opening it again starts the setup over; a newer Set up now email replaces this one.`;
  return {
    subject: `Set up now: Webex Contact Center order ${order.subscriptionId}`,
    text: [intro, '', `Set up now: ${url}`, '', window, '', textDetails(orderDetails(order)), '', SUPPORT].join('\n'),
    html: layout(`Set up Webex Contact Center order ${order.subscriptionId}`, [intro, window], orderDetails(order), {
      label: 'Set up now',
      url,
    }),
  };
}

export function delegatedSetupLinkEmail(order: OrderFacts, url: string, delegatedBy: string): RenderedEmail {
  const intro = `${delegatedBy} asked you to set up Webex Contact Center order ${order.subscriptionId}. You are now its provisioning contact.`;
  const window = `The link works until the order's setup window closes. Opening it again starts the setup over.`;
  return {
    subject: `Set up now: Webex Contact Center order ${order.subscriptionId} (handed over by ${delegatedBy})`,
    text: [intro, '', `Set up now: ${url}`, '', window, '', textDetails(orderDetails(order)), '', SUPPORT].join('\n'),
    html: layout(`Set up Webex Contact Center order ${order.subscriptionId}`, [intro, window], orderDetails(order), {
      label: 'Set up now',
      url,
    }),
  };
}

export function welcomeEmail(order: OrderFacts, customerOrg: CustomerOrgFacts, partnerOrg: OrgFacts | null): RenderedEmail {
  const intro = `Webex Contact Center order ${order.subscriptionId} has been mapped to your organization, ${customerOrg.name}, and you are its administrator.`;
  const next = partnerOrg
    ? `${partnerOrg.name} will finish setting up your organization and then hand contact center administration to you.`
    : 'Finish setting up your organization in Control Hub before handing contact center administration to your team.';
  const details: [string, string | number][] = [
    ...orderDetails(order),
    ['Customer organization', customerOrg.name],
    ['Data residency region', customerOrg.dataResidencyRegion],
    ...(partnerOrg ? ([['Partner', partnerOrg.name]] as [string, string][]) : []),
  ];
  return {
    subject: `Welcome to Webex Contact Center: order ${order.subscriptionId} is mapped to ${customerOrg.name}`,
    text: [intro, '', next, '', textDetails(details), '', SUPPORT].join('\n'),
    html: layout(`Welcome to Webex Contact Center`, [intro, next], details),
  };
}
