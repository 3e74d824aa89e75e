/** A representative corrects a partner org (name, country), with the version read; below, its customer orgs, orders and audit trail. */
import { Box } from '@mui/material';
import { CanAccess, Edit, required, SimpleForm, TextInput, useRecordContext, useTranslate } from 'react-admin';
import { AuditTrail } from '../audit/AuditTrail';
import { Section } from '../common/Section';
import { ServerError } from '../common/ServerError';
import { CountryInput } from '../countries/CountryInput';
import { OrgOrders } from '../orders/OrgOrders';
import { PartnerCustomerOrgs } from './PartnerCustomerOrgs';
import { ShowCard, stackOnPhone } from '../common/ResponsiveList';

export function PartnerOrgEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect={false} title={<PartnerOrgTitle />} sx={stackOnPhone} component={ShowCard}>
      <SimpleForm>
        <ServerError />
        <TextInput source="name" validate={required()} />
        <TextInput source="adminEmail" readOnly />
        <CountryInput source="countryCode" validate={required()} />
      </SimpleForm>
      <Box>
        <PartnerCustomerOrgs />
        <OrgOrders target="partnerOrgId" />
        <CanAccess resource="audit" action="list">
          <Section title="console.audit.trail">
            <AuditTrail entityType="PartnerOrg" />
          </Section>
        </CanAccess>
      </Box>
    </Edit>
  );
}

export function PartnerOrgTitle() {
  const org = useRecordContext();
  const translate = useTranslate();
  return <>{translate('console.partnerOrgs.title', { name: org?.name ?? '' })}</>;
}
