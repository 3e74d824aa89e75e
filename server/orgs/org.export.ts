/**
 * GET /exports/customer-orgs.csv?<filter>: every customer org the customer org list's filter selects (the same
 * parameters as CustomerOrgFilter), by name, for staff, read through a cursor.
 */
import type { Clock } from '../platform/clock';
import { ListExport, oneOf } from '../platform/csv';
import { TrialStatus } from './customer-org.entity';
import { PartnerOrg } from './partner-org.entity';
import { OrgService } from './org.service';

export function customerOrgExport(orgs: OrgService, clock: Clock): ListExport {
  return {
    file: 'customer-orgs.csv',
    parameters: ['search', 'countryCode', 'trialStatus', 'partnerOrgId', 'trialExpiresBefore'],
    columns: [
      ['id', 'c.id'],
      ['name', 'c.name'],
      ['admin_email', 'c.admin_email'],
      ['country_code', 'c.country_code'],
      ['data_residency_region', 'c.data_residency_region'],
      ['contact_center_data_location', 'c.contact_center_data_location'],
      // As the API's trialStatus reads it: a stored ACTIVE trial past its expiry is EXPIRED.
      ['trial_status', `CASE WHEN c.trial_status = 'ACTIVE' AND c.trial_expires_at <= :exportNow THEN 'EXPIRED' ELSE c.trial_status END`],
      ['trial_admin_email', 'c.trial_admin_email'],
      ['trial_started_at', 'c.trial_started_at'],
      ['trial_expires_at', 'c.trial_expires_at'],
      ['trial_extension_count', 'c.trial_extension_count'],
      ['trial_converted_at', 'c.trial_converted_at'],
      ['partner_org_id', 'c.partner_org_id'],
      ['partner_org_name', 'p.name'],
      ['created_at', 'c.created_at'],
      ['updated_at', 'c.updated_at'],
    ],
    query: ({ trialStatus, ...rest }) => {
      const query = orgs.customerOrgsMatching({ ...rest, trialStatus: oneOf('trialStatus', trialStatus, TrialStatus) });
      return (
        query
          ?.leftJoin(PartnerOrg, 'p', 'p.id = c.partnerOrgId')
          .setParameter('exportNow', clock.now())
          .orderBy('c.name')
          .addOrderBy('c.id') ?? null
      );
    },
  };
}
