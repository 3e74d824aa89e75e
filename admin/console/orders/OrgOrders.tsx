/** The orders mapped onto the org in context (or converting its trial, for a customer org), newest first. */
import { DataTable, Pagination, ReferenceManyField } from 'react-admin';
import { EnumField } from '../common/EnumField';
import { Section } from '../common/Section';
import { DateField } from '../common/DateField';
import { Empty } from '../common/Empty';
import { ResponsiveTable } from '../common/ResponsiveList';

export function OrgOrders({ target }: { target: 'customerOrgId' | 'partnerOrgId' }) {
  return (
    <Section title="console.orgs.orders">
      <ReferenceManyField reference="orders" target={target} perPage={10} pagination={<Pagination rowsPerPageOptions={[10, 25, 50]} />}>
        <ResponsiveTable
          bulkActionButtons={false}
          rowClick="show"
          empty={<Empty message="console.empty.orders" />}
          phone={{
            primaryText: (order) => order.subscriptionId,
            secondaryText: <EnumField source="status" enumName="OrderStatus" />,
            tertiaryText: <DateField source="requestedStartDate" dateOnly />,
          }}
        >
          <DataTable.Col source="subscriptionId" disableSort />
          <DataTable.Col source="status" disableSort>
            <EnumField source="status" enumName="OrderStatus" />
          </DataTable.Col>
          <DataTable.Col source="offerCode" disableSort />
          <DataTable.Col source="requestedStartDate" disableSort>
            <DateField source="requestedStartDate" dateOnly />
          </DataTable.Col>
          <DataTable.Col source="mappedAt" disableSort>
            <DateField source="mappedAt" />
          </DataTable.Col>
        </ResponsiveTable>
      </ReferenceManyField>
    </Section>
  );
}
