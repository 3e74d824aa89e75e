/** The audit log: who changed what and when, filtered by entity, actor, action and time. */
import { List, SelectInput, TextInput } from 'react-admin';
import { DateInput } from '../common/DateField';
import { choices } from '../common/enums';
import { AuditTable } from './AuditTable';

const filters = [
  <SelectInput key="entityType" source="entityType" choices={choices('AuditEntityType')} alwaysOn />,
  <TextInput key="entityId" source="entityId" alwaysOn />,
  <TextInput key="action" source="action" />,
  <TextInput key="actorId" source="actorId" />,
  <DateInput withTime key="from" source="from" />,
  <DateInput withTime key="to" source="to" />,
];

export function AuditList() {
  return (
    <List filters={filters} exporter={false}>
      <AuditTable />
    </List>
  );
}
