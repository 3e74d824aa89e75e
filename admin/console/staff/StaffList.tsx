/** Staff accounts, for administrators: name, email, role, and whether the account is disabled. */
import { DataTable, List } from 'react-admin';
import { ResponsiveTable } from '../common/ResponsiveList';
import { EnumField } from '../common/EnumField';
import { DateField } from '../common/DateField';
import { staffRepresentation } from './name';

export function StaffList() {
  return (
    <List exporter={false}>
      <ResponsiveTable
        bulkActionButtons={false}
        rowClick="edit"
        phone={{
          primaryText: staffRepresentation,
          secondaryText: <EnumField source="role" enumName="StaffRole" />,
          tertiaryText: <DateField source="disabledAt" emptyText="" />,
        }}
      >
        <DataTable.Col source="name" disableSort />
        <DataTable.Col source="email" disableSort />
        <DataTable.Col source="role" disableSort>
          <EnumField source="role" enumName="StaffRole" />
        </DataTable.Col>
        <DataTable.Col source="createdAt" field={DateField} disableSort />
        <DataTable.Col source="disabledAt" disableSort>
          <DateField source="disabledAt" emptyText="-" />
        </DataTable.Col>
      </ResponsiveTable>
    </List>
  );
}
