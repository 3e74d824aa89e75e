/** A partner org as analysts see it: its data, its customer orgs and orders. */
import { Box, CardContent } from '@mui/material';
import { CanAccess, Labeled, Show, TextField } from 'react-admin';
import { AuditTrail } from '../audit/AuditTrail';
import { Section } from '../common/Section';
import { CountryField } from '../countries/CountryField';
import { OrgOrders } from '../orders/OrgOrders';
import { PartnerCustomerOrgs } from './PartnerCustomerOrgs';
import { PartnerOrgTitle } from './PartnerOrgEdit';
import { ShowCard, stackOnPhone } from '../common/ResponsiveList';

export function PartnerOrgShow() {
  return (
    <Show title={<PartnerOrgTitle />} sx={stackOnPhone} component={ShowCard}>
      <CardContent>
        <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
          <Labeled>
            <TextField source="name" />
          </Labeled>
          <Labeled>
            <TextField source="adminEmail" />
          </Labeled>
          <Labeled>
            <CountryField source="countryCode" />
          </Labeled>
        </Box>
      </CardContent>
      <PartnerCustomerOrgs />
      <OrgOrders target="partnerOrgId" />
      <CanAccess resource="audit" action="list">
        <Section title="console.audit.trail">
          <AuditTrail entityType="PartnerOrg" />
        </Section>
      </CanAccess>
    </Show>
  );
}
