/** What the commerce integration can be told: the event types, and the API version every event carries. */

/** The version of the events' shape; a change that removes or renames a field gets a new one. */
export const EVENT_API_VERSION = '2026-12-01';

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

export type EventType = (typeof EVENT_TYPES)[number];

export function isEventType(value: string): value is EventType {
  return (EVENT_TYPES as readonly string[]).includes(value);
}
