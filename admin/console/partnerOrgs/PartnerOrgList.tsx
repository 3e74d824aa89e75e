/** Partner orgs by name, searched by name or admin email, filtered by country. */
import { DataTable, List, SearchInput } from 'react-admin';
import { ResponsiveTable } from '../common/ResponsiveList';
import { CountryInput } from '../countries/CountryInput';
import { CountryField } from '../countries/CountryField';
import { DateField } from '../common/DateField';
import { useRecordPage } from '../common/useRecordPage';

const filters = [<SearchInput key="q" source="q" alwaysOn />, <CountryInput key="country" source="countryCode" alwaysOn />];

export function PartnerOrgList() {
  const page = useRecordPage('partnerOrgs');
  return (
    <List filters={filters} exporter={false}>
      <ResponsiveTable
        bulkActionButtons={false}
        rowClick={page}
        phone={{
          primaryText: (org) => org.name,
          secondaryText: (org) => org.adminEmail,
          tertiaryText: <CountryField source="countryCode" />,
        }}
      >
        <DataTable.Col source="name" disableSort />
        <DataTable.Col source="adminEmail" disableSort />
        <DataTable.Col source="countryCode" disableSort>
          <CountryField source="countryCode" />
        </DataTable.Col>
        <DataTable.Col source="createdAt" field={DateField} disableSort />
      </ResponsiveTable>
    </List>
  );
}
