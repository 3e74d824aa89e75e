/**
 * A representative corrects a customer org (CustomerOrgForm: the data location shown is the one saving stores, and
 * moving a mapped org's data is asked first); below, its trial, its orders and its audit trail. The save carries the version read, so a second
 * representative saving over a change made since is refused (STALE_VERSION) instead of overwriting it.
 */
import { Box } from '@mui/material';
import { CanAccess, Edit, useRecordContext, useTranslate } from 'react-admin';
import { AuditTrail } from '../audit/AuditTrail';
import { Section } from '../common/Section';
import { OrgOrders } from '../orders/OrgOrders';
import { CustomerOrgForm } from './CustomerOrgForm';
import { TrialPanel } from './TrialPanel';
import { ShowCard, stackOnPhone } from '../common/ResponsiveList';

export function CustomerOrgEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect={false} title={<CustomerOrgTitle />} sx={stackOnPhone} component={ShowCard}>
      <CustomerOrgForm />
      <Box>
        <TrialPanel />
        <OrgOrders target="customerOrgId" />
        <CanAccess resource="audit" action="list">
          <Section title="console.audit.trail">
            <AuditTrail entityType="CustomerOrg" />
          </Section>
        </CanAccess>
      </Box>
    </Edit>
  );
}

export function CustomerOrgTitle() {
  const org = useRecordContext();
  const translate = useTranslate();
  return <>{translate('console.customerOrgs.title', { name: org?.name ?? '' })}</>;
}
