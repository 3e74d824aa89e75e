/** Customer orgs by name: searched by name or admin email, filtered by country, trial state and partner. */
import { AutocompleteInput, DataTable, FilterButton, List, ReferenceInput, SearchInput, SelectInput, TopToolbar } from 'react-admin';
import { ExportButton } from '../common/ExportButton';
import { ResponsiveTable } from '../common/ResponsiveList';
import { EnumField } from '../common/EnumField';
import { choices } from '../common/enums';
import { CountryInput } from '../countries/CountryInput';
import { CountryField } from '../countries/CountryField';
import { OrgLink } from '../orders/OrderList';
import { DateField } from '../common/DateField';
import { useRecordPage } from '../common/useRecordPage';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="trial" source="trialStatus" choices={choices('TrialStatus')} alwaysOn />,
  <CountryInput key="country" source="countryCode" />,
  <ReferenceInput key="partner" source="partnerOrgId" reference="partnerOrgs">
    <AutocompleteInput optionText="name" filterToQuery={(q) => ({ q })} />
  </ReferenceInput>,
];

export function CustomerOrgList() {
  const page = useRecordPage('customerOrgs');
  return (
    <List
      filters={filters}
      exporter={false}
      actions={
        <TopToolbar>
          <FilterButton />
          <ExportButton />
        </TopToolbar>
      }
    >
      <ResponsiveTable
        bulkActionButtons={false}
        rowClick={page}
        phone={{
          primaryText: (org) => org.name,
          secondaryText: (org) => org.adminEmail,
          tertiaryText: <EnumField source="trialStatus" enumName="TrialStatus" />,
        }}
      >
        <DataTable.Col source="name" disableSort />
        <DataTable.Col source="adminEmail" disableSort />
        <DataTable.Col source="countryCode" disableSort>
          <CountryField source="countryCode" />
        </DataTable.Col>
        <DataTable.Col source="dataResidencyRegion" disableSort />
        <DataTable.Col source="trialStatus" disableSort>
          <EnumField source="trialStatus" enumName="TrialStatus" />
        </DataTable.Col>
        <DataTable.Col source="trialExpiresAt" disableSort>
          <DateField source="trialExpiresAt" />
        </DataTable.Col>
        <DataTable.Col source="partnerOrg" disableSort>
          <OrgLink kind="partnerOrg" />
        </DataTable.Col>
      </ResponsiveTable>
    </List>
  );
}
