/**
 * A representative corrects a customer org: name, country (the region follows and is shown), contact center
 * data location; below, its trial, its orders and its audit trail. The save carries the version read, so a second
 * representative saving over a change made since is refused (STALE_VERSION) instead of overwriting it.
 */
import { Box } from '@mui/material';
import { CanAccess, Edit, required, SelectInput, SimpleForm, TextInput, useRecordContext, useTranslate } from 'react-admin';
import { AuditTrail } from '../audit/AuditTrail';
import { Section } from '../common/Section';
import { choices } from '../common/enums';
import { ServerError } from '../common/ServerError';
import { CountryInput } from '../countries/CountryInput';
import { OrgOrders } from '../orders/OrgOrders';
import { RegionHint } from './RegionHint';
import { TrialPanel } from './TrialPanel';

export function CustomerOrgEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect={false} title={<CustomerOrgTitle />}>
      <SimpleForm>
        <ServerError />
        <TextInput source="name" validate={required()} />
        <TextInput source="adminEmail" readOnly />
        <CountryInput source="countryCode" validate={required()} />
        <RegionHint />
        <SelectInput source="contactCenterDataLocation" choices={choices('Region')} validate={required()} />
      </SimpleForm>
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
