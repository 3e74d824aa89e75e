/** The customer orgs a partner org manages. */
import { ArrayField, DataTable, useCanAccess } from 'react-admin';
import { EnumField } from '../common/EnumField';
import { Section } from '../common/Section';

export function PartnerCustomerOrgs() {
  const { canAccess: canEdit } = useCanAccess({ resource: 'customerOrgs', action: 'edit' });
  return (
    <Section title="console.partnerOrgs.customerOrgs">
      <ArrayField source="customerOrgs">
        <DataTable bulkActionButtons={false} rowClick={(id) => (canEdit ? `/customerOrgs/${id}` : `/customerOrgs/${id}/show`)}>
          <DataTable.Col source="name" label="resources.customerOrgs.fields.name" disableSort />
          <DataTable.Col source="countryCode" label="resources.customerOrgs.fields.countryCode" disableSort />
          <DataTable.Col source="trialStatus" label="resources.customerOrgs.fields.trialStatus" disableSort>
            <EnumField source="trialStatus" enumName="TrialStatus" />
          </DataTable.Col>
        </DataTable>
      </ArrayField>
    </Section>
  );
}
