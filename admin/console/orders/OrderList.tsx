/** Orders: filtered by status, requested start date, offer, country, partner, or searched by subscription id or contact email. */
import {
  AutocompleteInput,
  DataTable,
  FilterButton,
  List,
  TopToolbar,
  ReferenceInput,
  SearchInput,
  SelectArrayInput,
  TextInput,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import SendIcon from '@mui/icons-material/Send';
import { BulkActionButton, useBulkAction } from '../common/BulkActionButton';
import { ExportButton } from '../common/ExportButton';
import { ResponsiveTable } from '../common/ResponsiveList';
import { EnumField } from '../common/EnumField';
import { choices } from '../common/enums';
import { RecordLink } from '../common/RecordLink';
import { CountryInput } from '../countries/CountryInput';
import { DateField, DateInput } from '../common/DateField';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectArrayInput key="status" source="status" choices={choices('OrderStatus')} alwaysOn />,
  <DateInput key="from" source="requestedStartDateFrom" />,
  <DateInput key="to" source="requestedStartDateTo" />,
  <TextInput key="offer" source="offerCode" />,
  <CountryInput key="country" source="countryCode" />,
  <ReferenceInput key="partner" source="partnerOrgId" reference="partnerOrgs">
    <AutocompleteInput optionText="name" filterToQuery={(q) => ({ q })} />
  </ReferenceInput>,
];

export function OrderList() {
  const translate = useTranslate();
  const resend = useBulkAction(
    'orders',
    'resendSetupEmail',
    <BulkActionButton
      action="resendSetupEmail"
      label="console.bulk.resendSetupEmail"
      confirm="console.bulk.resendSetupEmailConfirm"
      describe={(order, id) => order?.subscriptionId ?? String(id)}
      icon={<SendIcon />}
    />,
  );
  return (
    <List
      filters={filters}
      sort={{ field: 'createdAt', order: 'DESC' }}
      exporter={false}
      actions={
        <TopToolbar>
          <FilterButton />
          <ExportButton />
        </TopToolbar>
      }
    >
      <ResponsiveTable
        rowClick="show"
        bulkActionButtons={resend}
        phone={{
          primaryText: (order) => order.subscriptionId,
          secondaryText: (order) =>
            `${translate(`console.enum.OrderStatus.${order.status}`)} · ${order.offerCode} · ${order.provisioningContactEmail}`,
          tertiaryText: <DateField source="requestedStartDate" dateOnly />,
        }}
      >
        <DataTable.Col source="subscriptionId" />
        <DataTable.Col source="status">
          <EnumField source="status" enumName="OrderStatus" />
        </DataTable.Col>
        <DataTable.Col source="offerCode" disableSort />
        <DataTable.Col source="requestedStartDate">
          <DateField source="requestedStartDate" dateOnly />
        </DataTable.Col>
        <DataTable.Col source="provisioningContactEmail" disableSort />
        <DataTable.Col source="windowClosesAt">
          <DateField source="windowClosesAt" />
        </DataTable.Col>
        <DataTable.Col source="partnerOrg" disableSort>
          <OrgLink kind="partnerOrg" />
        </DataTable.Col>
        <DataTable.Col source="customerOrg" disableSort>
          <OrgLink kind="customerOrg" />
        </DataTable.Col>
        <DataTable.Col source="createdAt" field={DateField} />
      </ResponsiveTable>
    </List>
  );
}

/** The org an order was mapped to, as a link. */
export function OrgLink({ kind }: { kind: 'partnerOrg' | 'customerOrg' }) {
  const order = useRecordContext();
  const org = order?.[kind] as { id: string; name: string } | null | undefined;
  if (!org) return null;
  return (
    <RecordLink resource={kind === 'partnerOrg' ? 'partnerOrgs' : 'customerOrgs'} id={org.id}>
      {org.name}
    </RecordLink>
  );
}
