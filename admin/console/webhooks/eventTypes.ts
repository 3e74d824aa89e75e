/**
 * The event types an endpoint can receive, in the order the API documents them. The server refuses any other
 * (WEBHOOK_UNKNOWN_EVENT_TYPE); test/console/webhooks.test.ts checks this list against the server's.
 */
export const EVENT_TYPES = [
  'order.submitted',
  'order.setup_email_sent',
  'order.reminder_sent',
  'order.provisioning_contact_changed',
  'order.mapped',
  'order.closed',
  'order.cancelled',
  'order.reopened',
  'case.opened',
  'case.resolved',
  'customer_org.trial_expired',
] as const;

/** The choices of a checkbox group: the type itself is the label, as integrators read it in their code. */
export const EVENT_TYPE_CHOICES = EVENT_TYPES.map((type) => ({ id: type, name: type }));
