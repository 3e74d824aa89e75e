/**
 * The orders table in fixed SQL, for the operations other features run inside their own transaction
 * (the wizard: read rows of it, hand an order to a delegate, map it). A row becomes the entity with
 * the values TypeORM would load. Nothing outside orders/ writes the orders table.
 */
import { EntityManager } from 'typeorm';
import { recordEvent } from '../events/events';
import type { Language } from '../platform/messages';
import { Order, OrderStatus } from './order.entity';

/** Every column of orders, as orderOfRow reads them. */
export const ORDER_COLUMNS = `id, subscription_id, commerce_order_number, purchase_order_number, offer_code, seats, requested_start_date,
  provisioning_contact_email, status, setup_window_days, setup_email_sent_at, window_closes_at, mapped_at, partner_org_id,
  customer_org_id, trial_customer_org_id, mapped_by_session_id, language, reminded_through, version, created_at, updated_at`;
/** ORDER_COLUMNS of the orders row aliased `o`, for a statement that reads it beside another table's columns. */
export const ORDER_COLUMNS_OF_O = ORDER_COLUMNS.split(/,\s*/)
  .map((column) => `o.${column}`)
  .join(', ');

/** An orders row (ORDER_COLUMNS) as the entity, with the values TypeORM would load. */
export function orderOfRow(row: Record<string, any>): Order {
  return Object.assign(new Order(), {
    id: row.id,
    subscriptionId: row.subscription_id,
    commerceOrderNumber: row.commerce_order_number,
    purchaseOrderNumber: row.purchase_order_number,
    offerCode: row.offer_code,
    seats: row.seats,
    requestedStartDate: row.requested_start_date,
    provisioningContactEmail: row.provisioning_contact_email,
    status: row.status,
    setupWindowDays: row.setup_window_days,
    setupEmailSentAt: row.setup_email_sent_at,
    windowClosesAt: row.window_closes_at,
    mappedAt: row.mapped_at,
    partnerOrgId: row.partner_org_id,
    customerOrgId: row.customer_org_id,
    trialCustomerOrgId: row.trial_customer_org_id,
    mappedBySessionId: row.mapped_by_session_id,
    language: row.language,
    remindedThrough: row.reminded_through,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

const MAP_ORDER = `UPDATE orders
  SET status = 'MAPPED', mapped_at = $2, partner_org_id = $3, customer_org_id = $4, mapped_by_session_id = $5, updated_at = $2, version = $6
  WHERE id = $1`;

/** Maps the locked order onto its orgs; returns the order as its row now is. */
export async function writeMapping(
  m: EntityManager,
  order: Order,
  mapping: { partnerOrgId: string | null; customerOrgId: string; sessionId: string },
  now: Date,
): Promise<Order> {
  const mapped = {
    status: OrderStatus.MAPPED,
    mappedAt: now,
    partnerOrgId: mapping.partnerOrgId,
    customerOrgId: mapping.customerOrgId,
    mappedBySessionId: mapping.sessionId,
    updatedAt: now,
    version: order.version + 1,
  };
  await m.query(MAP_ORDER, [order.id, now, mapped.partnerOrgId, mapped.customerOrgId, mapped.mappedBySessionId, mapped.version]);
  return Object.assign(order, mapped);
}

const HAND_OVER = 'UPDATE orders SET provisioning_contact_email = $2, reminded_through = $3, updated_at = $3, version = $4 WHERE id = $1';

/**
 * The locked order gets a new provisioning contact (the wizard's hand-over), who gets a fresh Set up now email, so
 * the reminders due so far are settled; returns the order as its row now is.
 */
export async function writeProvisioningContact(m: EntityManager, order: Order, email: string, now: Date): Promise<Order> {
  const changed = { provisioningContactEmail: email, remindedThrough: now, updatedAt: now, version: order.version + 1 };
  await m.query(HAND_OVER, [order.id, email, now, changed.version]);
  Object.assign(order, changed);
  await recordEvent(m, { type: 'order.provisioning_contact_changed', orderId: order.id, data: orderEventData(order) }, now);
  return order;
}

const CONTACT_LANGUAGE = 'UPDATE orders SET language = $2 WHERE id = $1 AND language <> $2';

/**
 * The contact used the wizard in this language: the order's later emails are in it. Not a change anyone edits
 * against, so the version stays; run it on its own or with the order locked, never after locking a wizard session.
 */
export async function recordContactLanguage(m: EntityManager, orderId: string, language: Language): Promise<void> {
  await m.query(CONTACT_LANGUAGE, [orderId, language]);
}

/** What an order's events tell of it (docs/webhooks.md). */
export function orderEventData(
  order: Pick<Order, 'id' | 'subscriptionId' | 'commerceOrderNumber' | 'status' | 'provisioningContactEmail'>,
): Record<string, unknown> {
  return {
    orderId: order.id,
    subscriptionId: order.subscriptionId,
    commerceOrderNumber: order.commerceOrderNumber,
    status: order.status,
    provisioningContactEmail: order.provisioningContactEmail,
  };
}
