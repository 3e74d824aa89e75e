/** The outbox: every email with its delivery state; a representative retries one still waiting without waiting for its next attempt. */
import ReplayIcon from '@mui/icons-material/Replay';
import { DataTable, List, SelectInput, useRecordContext } from 'react-admin';
import { BulkActionButton, useBulkAction } from '../common/BulkActionButton';
import { ResponsiveTable } from '../common/ResponsiveList';
import { ActionButton } from '../common/ActionButton';
import { EnumField } from '../common/EnumField';
import { choices } from '../common/enums';
import { RecordLink } from '../common/RecordLink';
import { DateField } from '../common/DateField';
import { WaitReason } from './WaitReason';

const filters = [
  <SelectInput key="status" source="status" choices={choices('EmailStatus')} alwaysOn />,
  <SelectInput key="kind" source="kind" choices={choices('EmailKind')} alwaysOn />,
];

export function OutboxList() {
  const retry = useBulkAction(
    'outbox',
    'retry',
    <BulkActionButton
      action="retry"
      label="console.bulk.retry"
      confirm="console.bulk.retryConfirm"
      describe={(email, id) => email?.recipient ?? String(id)}
      icon={<ReplayIcon />}
    />,
  );
  return (
    <List filters={filters} exporter={false}>
      <ResponsiveTable
        rowClick={false}
        isRowSelectable={(email) => email.status !== 'SENT'}
        bulkActionButtons={retry}
        phone={{
          primaryText: (email) => email.recipient,
          secondaryText: (email) => email.subject,
          tertiaryText: <EnumField source="status" enumName="EmailStatus" />,
        }}
      >
        <DataTable.Col source="createdAt" disableSort>
          <DateField source="createdAt" />
        </DataTable.Col>
        <DataTable.Col source="kind" disableSort>
          <EnumField source="kind" enumName="EmailKind" />
        </DataTable.Col>
        <DataTable.Col source="recipient" disableSort />
        <DataTable.Col source="subject" disableSort />
        <DataTable.Col source="order" disableSort>
          <EmailOrderLink />
        </DataTable.Col>
        <DataTable.Col source="status" disableSort>
          <EnumField source="status" enumName="EmailStatus" />
        </DataTable.Col>
        <DataTable.Col source="waitReason" disableSort>
          <WaitReason />
        </DataTable.Col>
        <DataTable.Col source="attempts" disableSort />
        <DataTable.Col source="nextAttemptAt" disableSort>
          <DateField source="nextAttemptAt" />
        </DataTable.Col>
        <DataTable.Col source="lastError" disableSort />
        <DataTable.Col source="sentAt" disableSort>
          <DateField source="sentAt" />
        </DataTable.Col>
        <DataTable.Col label="console.outbox.retryColumn">
          <RetryButton />
        </DataTable.Col>
      </ResponsiveTable>
    </List>
  );
}

function EmailOrderLink() {
  const email = useRecordContext();
  const order = email?.order as { id: string; subscriptionId: string } | null | undefined;
  if (!order) return null;
  return (
    <RecordLink resource="orders" id={order.id}>
      {order.subscriptionId}
    </RecordLink>
  );
}

function RetryButton() {
  const email = useRecordContext();
  if (!email || email.status === 'SENT') return null;
  return <ActionButton resource="outbox" action="retry" label="console.outbox.retry" />;
}
