/** A customer org as analysts see it: its data, its trial and its orders, nothing to change. */
import { Box, CardContent } from '@mui/material';
import { CanAccess, Labeled, Show, TextField } from 'react-admin';
import { AuditTrail } from '../audit/AuditTrail';
import { Section } from '../common/Section';
import { EnumField } from '../common/EnumField';
import { CountryField } from '../countries/CountryField';
import { OrgLink } from '../orders/OrderList';
import { OrgOrders } from '../orders/OrgOrders';
import { CustomerOrgTitle } from './CustomerOrgEdit';
import { TrialPanel } from './TrialPanel';
import { ShowCard, stackOnPhone } from '../common/ResponsiveList';

export function CustomerOrgShow() {
  return (
    <Show title={<CustomerOrgTitle />} sx={stackOnPhone} component={ShowCard}>
      <CardContent>
        <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 2 }}>
          <Labeled>
            <TextField source="name" />
          </Labeled>
          <Labeled>
            <TextField source="adminEmail" />
          </Labeled>
          <Labeled>
            <CountryField source="countryCode" />
          </Labeled>
          <Labeled>
            <EnumField source="dataResidencyRegion" enumName="Region" />
          </Labeled>
          <Labeled>
            <EnumField source="contactCenterDataLocation" enumName="Region" />
          </Labeled>
          <Labeled source="partnerOrg">
            <OrgLink kind="partnerOrg" />
          </Labeled>
        </Box>
      </CardContent>
      <TrialPanel />
      <OrgOrders target="customerOrgId" />
      <CanAccess resource="audit" action="list">
        <Section title="console.audit.trail">
          <AuditTrail entityType="CustomerOrg" />
        </Section>
      </CanAccess>
    </Show>
  );
}
