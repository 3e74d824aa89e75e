/**
 * GET /exports/orders.csv?<filter>: every order the order list's filter selects (the same parameters as OrderFilter,
 * status repeated or comma-separated; sort and order as the list's OrderSort), for staff, read through a cursor.
 */
import { CustomerOrg } from '../orgs/customer-org.entity';
import { PartnerOrg } from '../orgs/partner-org.entity';
import { ListExport, oneOf } from '../platform/csv';
import { SortDirection } from '../platform/pagination';
import { OrderStatus } from './order.entity';
import { OrderFilter, OrderSortField } from './order.inputs';
import { OrderService } from './order.service';

const FILTER = [
  'status',
  'requestedStartDateFrom',
  'requestedStartDateTo',
  'partnerOrgId',
  'customerOrgId',
  'countryCode',
  'offerCode',
  'search',
] as const;

const COLUMNS = [
  ['id', 'o.id'],
  ['subscription_id', 'o.subscription_id'],
  ['commerce_order_number', 'o.commerce_order_number'],
  ['purchase_order_number', 'o.purchase_order_number'],
  ['status', 'o.status'],
  ['offer_code', 'o.offer_code'],
  ['seats', 'o.seats'],
  ['requested_start_date', `to_char(o.requested_start_date, 'YYYY-MM-DD')`],
  ['provisioning_contact_email', 'o.provisioning_contact_email'],
  ['language', 'o.language'],
  ['setup_window_days', 'o.setup_window_days'],
  ['setup_email_sent_at', 'o.setup_email_sent_at'],
  ['window_closes_at', 'o.window_closes_at'],
  ['mapped_at', 'o.mapped_at'],
  ['partner_org_id', 'o.partner_org_id'],
  ['partner_org_name', 'p.name'],
  ['customer_org_id', 'o.customer_org_id'],
  ['customer_org_name', 'c.name'],
  ['trial_customer_org_id', 'o.trial_customer_org_id'],
  ['created_at', 'o.created_at'],
  ['updated_at', 'o.updated_at'],
] as const;

export function orderExport(orders: OrderService): ListExport {
  return {
    file: 'orders.csv',
    parameters: [...FILTER, 'sort', 'order'],
    repeated: ['status'],
    columns: COLUMNS,
    query: ({ sort, order, status, ...rest }) => {
      const filter: OrderFilter = { ...(rest as Omit<OrderFilter, 'status'>) };
      if (status) filter.status = (status as string[]).map((s) => oneOf('status', s, OrderStatus)!);
      const field = oneOf('sort', sort, OrderSortField) ?? OrderSortField.CREATED_AT;
      const direction = oneOf('order', order, SortDirection) ?? SortDirection.DESC;
      const query = orders.matchingQuery(filter);
      if (!query) return null;
      return query
        .leftJoin(PartnerOrg, 'p', 'p.id = o.partnerOrgId')
        .leftJoin(CustomerOrg, 'c', 'c.id = o.customerOrgId')
        .orderBy(`o.${field}`, direction)
        .addOrderBy('o.id', direction);
    },
  };
}
