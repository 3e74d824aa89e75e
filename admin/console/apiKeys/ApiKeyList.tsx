/** The commerce integration's API keys (never the keys themselves); an administrator revokes one, which stops it at once. */
import { DataTable, List, useRecordContext } from 'react-admin';
import { ResponsiveTable } from '../common/ResponsiveList';
import { ActionButton } from '../common/ActionButton';
import { DateField } from '../common/DateField';

export function ApiKeyList() {
  return (
    <List exporter={false}>
      <ResponsiveTable
        bulkActionButtons={false}
        rowClick={false}
        phone={{
          primaryText: (key) => key.name,
          secondaryText: (key) => key.hint,
          tertiaryText: <RevokeButton />,
        }}
      >
        <DataTable.Col source="name" disableSort />
        <DataTable.Col source="hint" disableSort />
        <DataTable.Col source="createdAt" disableSort>
          <DateField source="createdAt" />
        </DataTable.Col>
        <DataTable.Col source="revokedAt" disableSort>
          <DateField source="revokedAt" emptyText="-" />
        </DataTable.Col>
        <DataTable.Col label="console.apiKeys.revokeColumn">
          <RevokeButton />
        </DataTable.Col>
      </ResponsiveTable>
    </List>
  );
}

function RevokeButton() {
  const key = useRecordContext();
  if (!key || key.revokedAt) return null;
  return <ActionButton resource="apiKeys" action="revoke" label="console.apiKeys.revoke" confirm="console.apiKeys.revokeQuestion" />;
}
