/** The customer orgs a partner org manages. */
import { ArrayField, DataTable } from 'react-admin';
import { EnumField } from '../common/EnumField';
import { Section } from '../common/Section';
import { CountryField } from '../countries/CountryField';
import { Empty } from '../common/Empty';
import { ResponsiveTable } from '../common/ResponsiveList';
import { useRecordPage } from '../common/useRecordPage';

export function PartnerCustomerOrgs() {
  const page = useRecordPage('customerOrgs');
  return (
    <Section title="console.partnerOrgs.customerOrgs">
      <ArrayField source="customerOrgs">
        <ResponsiveTable
          phone={{
            primaryText: (org) => org.name,
            secondaryText: <CountryField source="countryCode" />,
            tertiaryText: <EnumField source="trialStatus" enumName="TrialStatus" />,
          }}
          bulkActionButtons={false}
          rowClick={(id) => (page === 'edit' ? `/customerOrgs/${id}` : `/customerOrgs/${id}/show`)}
          empty={<Empty message="console.empty.customerOrgs" />}
        >
          <DataTable.Col source="name" label="resources.customerOrgs.fields.name" disableSort />
          <DataTable.Col source="countryCode" label="resources.customerOrgs.fields.countryCode" disableSort>
            <CountryField source="countryCode" />
          </DataTable.Col>
          <DataTable.Col source="trialStatus" label="resources.customerOrgs.fields.trialStatus" disableSort>
            <EnumField source="trialStatus" enumName="TrialStatus" />
          </DataTable.Col>
        </ResponsiveTable>
      </ArrayField>
    </Section>
  );
}
