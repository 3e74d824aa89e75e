/** The webhook endpoints the commerce integration is told through: where, which events, and whether they answer. */
import { DataTable, List, TextField, useRecordContext, useTranslate } from 'react-admin';
import { Chip } from '@mui/material';
import { DateField } from '../common/DateField';
import { ResponsiveTable } from '../common/ResponsiveList';

export function WebhookList() {
  return (
    <List exporter={false}>
      <ResponsiveTable
        bulkActionButtons={false}
        rowClick="show"
        phone={{
          primaryText: (endpoint) => endpoint.url,
          secondaryText: <EndpointState />,
          tertiaryText: (endpoint) => String(endpoint.events.length),
        }}
      >
        <DataTable.Col source="url" disableSort>
          <TextField source="url" sx={{ wordBreak: 'break-all' }} />
        </DataTable.Col>
        <DataTable.Col source="description" disableSort />
        <DataTable.Col source="events" disableSort render={(endpoint) => endpoint.events.length} />
        <DataTable.Col source="enabled" disableSort>
          <EndpointState />
        </DataTable.Col>
        <DataTable.Col source="createdAt" disableSort>
          <DateField source="createdAt" />
        </DataTable.Col>
      </ResponsiveTable>
    </List>
  );
}

/** Enabled, failing since when, or disabled: what an administrator looks for first. */
export function EndpointState() {
  const endpoint = useRecordContext();
  const translate = useTranslate();
  if (!endpoint) return null;
  if (!endpoint.enabled) return <Chip size="small" label={translate('console.webhooks.state.disabled')} />;
  if (endpoint.failingSince) return <Chip size="small" color="warning" label={translate('console.webhooks.state.failing')} />;
  return <Chip size="small" color="success" label={translate('console.webhooks.state.enabled')} />;
}
