/** The case queue: open cases first, oldest first, each naming the order and the org to fix. */
import { DataTable, FilterButton, List, SelectInput, TextField, TopToolbar, useRecordContext } from 'react-admin';
import { ExportButton } from '../common/ExportButton';
import { ResponsiveTable } from '../common/ResponsiveList';
import { EnumField } from '../common/EnumField';
import { choices } from '../common/enums';
import { RecordLink } from '../common/RecordLink';
import { OrgLink } from '../orders/OrderList';
import { DateField } from '../common/DateField';

const filters = [
  <SelectInput key="status" source="status" choices={choices('CaseStatus')} alwaysOn />,
  <SelectInput key="kind" source="kind" choices={choices('CaseKind')} alwaysOn />,
];

export function CaseList() {
  return (
    <List
      filters={filters}
      filterDefaultValues={{ status: 'OPEN' }}
      exporter={false}
      actions={
        <TopToolbar>
          <FilterButton />
          <ExportButton />
        </TopToolbar>
      }
    >
      <ResponsiveTable
        bulkActionButtons={false}
        rowClick="show"
        phone={{
          primaryText: <EnumField source="kind" enumName="CaseKind" />,
          secondaryText: (found) => `${found.reporterEmail} · ${found.order?.subscriptionId ?? ''}`,
          tertiaryText: <DateField source="createdAt" />,
        }}
      >
        <DataTable.Col source="createdAt" disableSort>
          <DateField source="createdAt" />
        </DataTable.Col>
        <DataTable.Col source="kind" disableSort>
          <EnumField source="kind" enumName="CaseKind" />
        </DataTable.Col>
        <DataTable.Col source="status" disableSort>
          <EnumField source="status" enumName="CaseStatus" />
        </DataTable.Col>
        <DataTable.Col source="reporterEmail" disableSort />
        <DataTable.Col source="order" disableSort>
          <CaseOrderLink />
        </DataTable.Col>
        <DataTable.Col source="customerOrg" disableSort>
          <OrgLink kind="customerOrg" />
        </DataTable.Col>
        <DataTable.Col source="partnerOrg" disableSort>
          <OrgLink kind="partnerOrg" />
        </DataTable.Col>
        <DataTable.Col source="message" disableSort>
          <TextField
            source="message"
            sx={{ display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden' }}
          />
        </DataTable.Col>
      </ResponsiveTable>
    </List>
  );
}

export function CaseOrderLink() {
  const found = useRecordContext();
  const order = found?.order as { id: string; subscriptionId: string } | undefined;
  if (!order) return null;
  return (
    <RecordLink resource="orders" id={order.id}>
      {order.subscriptionId}
    </RecordLink>
  );
}
