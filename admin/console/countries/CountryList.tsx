/**
 * The supported-country table: each country (named in the console's language) with its data residency region and
 * whether Webex Contact Center is sold there.
 */
import { BooleanField, DataTable, List, NullableBooleanInput, SearchInput, SelectInput } from 'react-admin';
import { EnumField } from '../common/EnumField';
import { CountryField } from './CountryField';
import { choices } from '../common/enums';
import { useRecordPage } from '../common/useRecordPage';
import { ResponsiveTable } from '../common/ResponsiveList';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="region" source="region" choices={choices('Region')} alwaysOn />,
  <NullableBooleanInput key="sold" source="contactCenterSold" />,
];

export function CountryList() {
  const page = useRecordPage('countries', false);
  return (
    <List filters={filters} sort={{ field: 'name', order: 'ASC' }} perPage={50} exporter={false}>
      <ResponsiveTable
        bulkActionButtons={false}
        rowClick={page}
        phone={{
          primaryText: <CountryField source="code" />,
          secondaryText: <EnumField source="region" enumName="Region" />,
        }}
      >
        <DataTable.Col source="code" />
        <DataTable.Col source="name">
          <CountryField source="code" withCode={false} />
        </DataTable.Col>
        <DataTable.Col source="region">
          <EnumField source="region" enumName="Region" />
        </DataTable.Col>
        <DataTable.Col source="contactCenterSold" field={BooleanField} />
      </ResponsiveTable>
    </List>
  );
}
