/**
 * What the console asks for on a million orders, each beside the best single SQL statement for the
 * same data. The GraphQL documents carry the selections of admin/console/dataProvider/resources.ts
 * (ORDER_FIELDS for the list, ORDER_DETAIL and the audit trail for an order's page) and the
 * variables its data provider sends (react-admin's page of 25, newest first).
 */

/** The console's list selection (ORDER_FIELDS). */
const ORDER_FIELDS = `id subscriptionId commerceOrderNumber purchaseOrderNumber offerCode seats requestedStartDate provisioningContactEmail
  status setupWindowDays setupEmailSentAt windowClosesAt mappedAt createdAt updatedAt version
  partnerOrg { id name } customerOrg { id name countryCode } trialCustomerOrg { id name trialStatus }`;

/** The console's order page (ORDER_DETAIL), with the audit trail it shows below (AuditTrail: 10 per page). */
const ORDER_DETAIL = `${ORDER_FIELDS}
  links { id status recipientEmail createdAt revokedAt firstOpenedAt openCount }
  emails { id kind recipient subject status attempts nextAttemptAt lastError sentAt createdAt }
  sessions { id contactEmail status currentStep furthestStep startedAt lastActivityAt finishedAt }`;
const AUDIT_FIELDS = 'id occurredAt actorKind actorId action entityType entityId before after';

export const LIST_QUERY = `query orders($page: PageInput, $filter: OrderFilter, $sort: OrderSort) {
  data: orders(page: $page, filter: $filter, sort: $sort) { nodes { ${ORDER_FIELDS} } totalCount }
}`;

export const ORDER_PAGE_QUERY = `query orderPage($id: ID!, $auditFilter: AuditEventFilter, $auditPage: PageInput) {
  data: order(id: $id) { ${ORDER_DETAIL} }
  audit: auditEvents(filter: $auditFilter, page: $auditPage) { nodes { ${AUDIT_FIELDS} } totalCount }
}`;

export const PAGE_SIZE = 25;

/** The order list's columns and the org names beside them, as one statement returns them. */
const LIST_COLUMNS = `p.id, p.subscription_id, p.commerce_order_number, p.purchase_order_number, p.offer_code, p.seats,
  p.requested_start_date, p.provisioning_contact_email, p.status, p.setup_window_days, p.setup_email_sent_at, p.window_closes_at,
  p.mapped_at, p.created_at, p.updated_at, p.version,
  po.id AS partner_org_id, po.name AS partner_org_name,
  c.id AS customer_org_id, c.name AS customer_org_name, c.country_code AS customer_org_country_code,
  t.id AS trial_org_id, t.name AS trial_org_name,
  CASE WHEN t.trial_status = 'ACTIVE' AND t.trial_expires_at <= now() THEN 'EXPIRED' ELSE t.trial_status END AS trial_org_status`;

export interface ListPage {
  name: string;
  /** The console's filter and sort for the page (the sort is react-admin's default: newest first). */
  filter: Record<string, unknown>;
  offset: number;
  /** The same rows in SQL: the WHERE clause over orders `o` and its parameters (from $3 on). */
  where: string;
  values: unknown[];
}

/**
 * The best single statement for a list page: the page of orders (sorted and cut in the subquery, so
 * the joins touch only its rows), the three orgs joined, and the total count as an uncorrelated
 * subquery PostgreSQL computes once. $1 and $2 are the offset and the limit.
 */
export function listSql(page: ListPage): { text: string; values: unknown[] } {
  const where = page.where ? `WHERE ${page.where}` : '';
  return {
    text: `SELECT ${LIST_COLUMNS}, (SELECT count(*) FROM orders o ${where}) AS total_count
      FROM (SELECT * FROM orders o ${where} ORDER BY o.created_at DESC, o.id DESC OFFSET $1 LIMIT $2) p
      LEFT JOIN partner_org po ON po.id = p.partner_org_id
      LEFT JOIN customer_org c ON c.id = p.customer_org_id
      LEFT JOIN customer_org t ON t.id = p.trial_customer_org_id
     ORDER BY p.created_at DESC, p.id DESC`,
    values: [page.offset, PAGE_SIZE, ...page.values],
  };
}

export function listVariables(page: ListPage, limit = PAGE_SIZE): Record<string, unknown> {
  return { page: { offset: page.offset, limit }, filter: page.filter, sort: { field: 'CREATED_AT', direction: 'DESC' } };
}

/** The best single statement for an order's page: the order, its orgs, links, emails, sessions and its audit trail's first page. */
export const ORDER_PAGE_SQL = `SELECT ${LIST_COLUMNS},
    (SELECT json_agg(l ORDER BY l.created_at DESC, l.id DESC) FROM (
       SELECT id, recipient_email, created_at, revoked_at, first_opened_at, open_count FROM setup_link WHERE order_id = p.id) l) AS links,
    (SELECT json_agg(e ORDER BY e.created_at DESC, e.id DESC) FROM (
       SELECT id, kind, recipient, subject, status, attempts, next_attempt_at, last_error, sent_at, created_at
         FROM outbox_email WHERE order_id = p.id) e) AS emails,
    (SELECT json_agg(s ORDER BY s.started_at DESC, s.id DESC) FROM (
       SELECT id, contact_email, status, current_step, furthest_step, started_at, last_activity_at, finished_at
         FROM provisioning_session WHERE order_id = p.id) s) AS sessions,
    (SELECT json_agg(a ORDER BY a.id DESC) FROM (
       SELECT id, occurred_at, actor_kind, actor_id, action, entity_type, entity_id, before, after FROM audit_event
        WHERE entity_type = 'Order' AND entity_id = p.id::text ORDER BY id DESC LIMIT 10) a) AS audit,
    (SELECT count(*) FROM audit_event WHERE entity_type = 'Order' AND entity_id = p.id::text) AS audit_total
  FROM orders p
  LEFT JOIN partner_org po ON po.id = p.partner_org_id
  LEFT JOIN customer_org c ON c.id = p.customer_org_id
  LEFT JOIN customer_org t ON t.id = p.trial_customer_org_id
 WHERE p.id = $1`;

export function orderPageVariables(orderId: string): Record<string, unknown> {
  return { id: orderId, auditFilter: { entityType: 'Order', entityId: orderId }, auditPage: { offset: 0, limit: 10 } };
}
