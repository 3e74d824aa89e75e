/** Wizard sessions by status and furthest step, newest first: where contacts are, and where they stopped. */
import { DataTable, List, SelectArrayInput, TextInput, useRecordContext } from 'react-admin';
import { ResponsiveTable } from '../common/ResponsiveList';
import { EnumField } from '../common/EnumField';
import { choices } from '../common/enums';
import { RecordLink } from '../common/RecordLink';
import { DateField } from '../common/DateField';

const filters = [
  <SelectArrayInput key="status" source="status" choices={choices('SessionStatus')} alwaysOn />,
  <SelectArrayInput key="furthestStep" source="furthestStep" choices={choices('WizardStep')} alwaysOn />,
  <TextInput key="orderId" source="orderId" />,
];

export function SessionList() {
  return (
    <List filters={filters} sort={{ field: 'startedAt', order: 'DESC' }} exporter={false}>
      <ResponsiveTable
        bulkActionButtons={false}
        rowClick="show"
        phone={{
          primaryText: (session) => session.contactEmail,
          secondaryText: <EnumField source="status" enumName="SessionStatus" />,
          tertiaryText: <DateField source="startedAt" />,
        }}
      >
        <DataTable.Col source="startedAt">
          <DateField source="startedAt" />
        </DataTable.Col>
        <DataTable.Col source="contactEmail" disableSort />
        <DataTable.Col source="order" disableSort>
          <SessionOrderLink />
        </DataTable.Col>
        <DataTable.Col source="status" disableSort>
          <EnumField source="status" enumName="SessionStatus" />
        </DataTable.Col>
        <DataTable.Col source="currentStep" disableSort>
          <EnumField source="currentStep" enumName="WizardStep" />
        </DataTable.Col>
        <DataTable.Col source="furthestStep" disableSort>
          <EnumField source="furthestStep" enumName="WizardStep" />
        </DataTable.Col>
        <DataTable.Col source="lastActivityAt">
          <DateField source="lastActivityAt" />
        </DataTable.Col>
      </ResponsiveTable>
    </List>
  );
}

export function SessionOrderLink() {
  const session = useRecordContext();
  const order = session?.order as { id: string; subscriptionId: string } | undefined;
  if (!order) return null;
  return (
    <RecordLink resource="orders" id={order.id}>
      {order.subscriptionId}
    </RecordLink>
  );
}
