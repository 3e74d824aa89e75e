/** Partner orgs by name, searched by name or admin email, filtered by country. */
import { DataTable, List, SearchInput } from 'react-admin';
import { CountryInput } from '../countries/CountryInput';
import { CountryField } from '../countries/CountryField';
import { DateField } from '../common/DateField';
import { useRecordPage } from '../common/useRecordPage';

const filters = [<SearchInput key="q" source="q" alwaysOn />, <CountryInput key="country" source="countryCode" alwaysOn />];

export function PartnerOrgList() {
  const page = useRecordPage('partnerOrgs');
  return (
    <List filters={filters} exporter={false}>
      <DataTable bulkActionButtons={false} rowClick={page}>
        <DataTable.Col source="name" disableSort />
        <DataTable.Col source="adminEmail" disableSort />
        <DataTable.Col source="countryCode" disableSort>
          <CountryField source="countryCode" />
        </DataTable.Col>
        <DataTable.Col source="createdAt" field={DateField} disableSort />
      </DataTable>
    </List>
  );
}
