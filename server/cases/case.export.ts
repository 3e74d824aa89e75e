/**
 * GET /exports/cases.csv?<filter>: every case the case queue's filter selects (status, kind, orderId as in
 * CaseFilter), oldest first as the queue, for staff, read through a cursor.
 */
import { Order } from '../orders/order.entity';
import { CustomerOrg } from '../orgs/customer-org.entity';
import { PartnerOrg } from '../orgs/partner-org.entity';
import { ListExport, oneOf } from '../platform/csv';
import { CaseKind, CaseStatus } from './case.entity';
import { CaseService } from './case.service';

export function caseExport(cases: CaseService): ListExport {
  return {
    file: 'cases.csv',
    parameters: ['status', 'kind', 'orderId'],
    columns: [
      ['id', 'c.id'],
      ['kind', 'c.kind'],
      ['status', 'c.status'],
      ['created_at', 'c.created_at'],
      ['reporter_email', 'c.reporter_email'],
      ['message', 'c.message'],
      ['order_id', 'c.order_id'],
      ['subscription_id', 'o.subscription_id'],
      ['partner_org_id', 'c.partner_org_id'],
      ['partner_org_name', 'p.name'],
      ['customer_org_id', 'c.customer_org_id'],
      ['customer_org_name', 'co.name'],
      ['resolution', 'c.resolution'],
      ['resolved_at', 'c.resolved_at'],
    ],
    query: ({ status, kind, orderId }) => {
      const query = cases.matching({
        status: oneOf('status', status, CaseStatus),
        kind: oneOf('kind', kind, CaseKind),
        orderId: orderId as string | undefined,
      });
      return (
        query
          ?.leftJoin(Order, 'o', 'o.id = c.orderId')
          .leftJoin(PartnerOrg, 'p', 'p.id = c.partnerOrgId')
          .leftJoin(CustomerOrg, 'co', 'co.id = c.customerOrgId')
          .orderBy('c.createdAt', 'ASC')
          .addOrderBy('c.id') ?? null
      );
    },
  };
}
