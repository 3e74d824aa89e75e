/** For administrators, on an order's page: what the commerce integration was told of the order, oldest first. */
import { Box } from '@mui/material';
import { CanAccess, DataTable, Pagination, ReferenceManyField } from 'react-admin';
import { DateField } from '../common/DateField';
import { Empty } from '../common/Empty';
import { ResponsiveTable } from '../common/ResponsiveList';
import { Section } from '../common/Section';

export function OrderEvents() {
  return (
    <CanAccess resource="webhookEvents" action="list">
      <Section title="console.webhooks.orderEvents">
        <ReferenceManyField
          reference="webhookEvents"
          target="orderId"
          perPage={10}
          pagination={<Pagination rowsPerPageOptions={[10, 25]} />}
        >
          <ResponsiveTable
            bulkActionButtons={false}
            rowClick={false}
            empty={<Empty message="console.webhooks.noEvents" />}
            phone={{
              primaryText: (event) => event.type,
              secondaryText: <DateField source="createdAt" />,
              tertiaryText: (event) => event.id,
            }}
          >
            <DataTable.Col source="createdAt" disableSort>
              <DateField source="createdAt" />
            </DataTable.Col>
            <DataTable.Col source="type" disableSort />
            <DataTable.Col
              source="id"
              disableSort
              render={(event) => (
                <Box component="span" sx={{ display: 'block', maxWidth: 140, wordBreak: 'break-all' }}>
                  {event.id}
                </Box>
              )}
            />
            <DataTable.Col
              source="data"
              disableSort
              render={(event) => (
                <Box
                  component="code"
                  sx={{ display: 'block', maxWidth: 300, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}
                >
                  {JSON.stringify(event.data)}
                </Box>
              )}
            />
          </ResponsiveTable>
        </ReferenceManyField>
      </Section>
    </CanAccess>
  );
}
