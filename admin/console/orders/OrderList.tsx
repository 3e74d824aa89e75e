/** Orders: filtered by status, requested start date, offer, country, partner, or searched by subscription id or contact email. */
import {
  AutocompleteInput,
  DataTable,
  List,
  ReferenceInput,
  SearchInput,
  SelectArrayInput,
  TextInput,
  useRecordContext,
} from 'react-admin';
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
  return (
    <List
      filters={filters}
      sort={{ field: 'createdAt', order: 'DESC' }}
      exporter={false}
      sx={{ '& .RaList-content': { overflowX: 'auto' } }}
    >
      <DataTable bulkActionButtons={false} rowClick="show">
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
      </DataTable>
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
