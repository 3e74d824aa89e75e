/** The audit log: who changed what and when, filtered by entity, actor, action and time. */
import { DateTimeInput, List, SelectInput, TextInput } from 'react-admin';
import { choices } from '../common/enums';
import { AuditTable } from './AuditTable';

const filters = [
  <SelectInput key="entityType" source="entityType" choices={choices('AuditEntityType')} alwaysOn />,
  <TextInput key="entityId" source="entityId" alwaysOn />,
  <TextInput key="action" source="action" />,
  <TextInput key="actorId" source="actorId" />,
  <DateTimeInput key="from" source="from" parse={toIso} />,
  <DateTimeInput key="to" source="to" parse={toIso} />,
];

/** The API takes instants in ISO 8601. */
function toIso(value: string): string | null {
  return value ? new Date(value).toISOString() : null;
}

export function AuditList() {
  return (
    <List filters={filters} exporter={false}>
      <AuditTable />
    </List>
  );
}
