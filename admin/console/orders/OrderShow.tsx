/** One order: its facts, the actions on it, its Set up now links, emails, wizard sessions and audit trail. */
import { CardContent, Typography } from '@mui/material';
import { ArrayField, CanAccess, DataTable, Labeled, NumberField, Show, TextField, useRecordContext, useTranslate } from 'react-admin';
import { AuditTrail } from '../audit/AuditTrail';
import { Empty } from '../common/Empty';
import { EnumField } from '../common/EnumField';
import { RecordLink } from '../common/RecordLink';
import { Section } from '../common/Section';
import { WaitReason } from '../outbox/WaitReason';
import { OrderActions } from './OrderActions';
import { OrgLink } from './OrderList';
import { DateField } from '../common/DateField';
import { ShowCard, stackOnPhone } from '../common/ResponsiveList';
import { OrderEvents } from '../webhooks/OrderEvents';

export function OrderShow() {
  return (
    <Show title={<OrderTitle />} sx={stackOnPhone} component={ShowCard}>
      <CardContent>
        <OrderActions />
        <OrderFacts />
      </CardContent>
      <Section title="console.orders.section.links">
        <ArrayField source="links">
          <DataTable bulkActionButtons={false} rowClick={false} data-testid="order-links" empty={<Empty message="console.empty.links" />}>
            <DataTable.Col source="recipientEmail" label="console.orders.links.recipientEmail" disableSort />
            <DataTable.Col source="status" label="console.orders.links.status" disableSort>
              <EnumField source="status" enumName="SetupLinkStatus" />
            </DataTable.Col>
            <DataTable.Col source="createdAt" label="console.orders.links.createdAt" disableSort>
              <DateField source="createdAt" />
            </DataTable.Col>
            <DataTable.Col source="firstOpenedAt" label="console.orders.links.firstOpenedAt" disableSort>
              <DateField source="firstOpenedAt" />
            </DataTable.Col>
            <DataTable.Col source="openCount" label="console.orders.links.openCount" disableSort />
            <DataTable.Col source="revokedAt" label="console.orders.links.revokedAt" disableSort>
              <DateField source="revokedAt" />
            </DataTable.Col>
          </DataTable>
        </ArrayField>
      </Section>
      <Section title="console.orders.section.emails">
        <ArrayField source="emails">
          <DataTable bulkActionButtons={false} rowClick={false} empty={<Empty message="console.empty.emails" />}>
            <DataTable.Col source="kind" label="resources.outbox.fields.kind" disableSort>
              <EnumField source="kind" enumName="EmailKind" />
            </DataTable.Col>
            <DataTable.Col source="recipient" label="resources.outbox.fields.recipient" disableSort />
            <DataTable.Col source="subject" label="resources.outbox.fields.subject" disableSort />
            <DataTable.Col source="status" label="resources.outbox.fields.status" disableSort>
              <EnumField source="status" enumName="EmailStatus" />
            </DataTable.Col>
            <DataTable.Col source="waitReason" label="resources.outbox.fields.waitReason" disableSort>
              <WaitReason />
            </DataTable.Col>
            <DataTable.Col source="attempts" label="resources.outbox.fields.attempts" disableSort />
            <DataTable.Col source="sentAt" label="resources.outbox.fields.sentAt" disableSort>
              <DateField source="sentAt" />
            </DataTable.Col>
            <DataTable.Col source="lastError" label="resources.outbox.fields.lastError" disableSort />
          </DataTable>
        </ArrayField>
      </Section>
      <Section title="console.orders.section.cases">
        <ArrayField source="cases">
          <DataTable
            bulkActionButtons={false}
            rowClick={(id) => `/cases/${id}/show`}
            data-testid="order-cases"
            empty={<Empty message="console.empty.cases" />}
          >
            <DataTable.Col source="createdAt" label="resources.cases.fields.createdAt" disableSort>
              <DateField source="createdAt" />
            </DataTable.Col>
            <DataTable.Col source="kind" label="resources.cases.fields.kind" disableSort>
              <EnumField source="kind" enumName="CaseKind" />
            </DataTable.Col>
            <DataTable.Col source="status" label="resources.cases.fields.status" disableSort>
              <EnumField source="status" enumName="CaseStatus" />
            </DataTable.Col>
            <DataTable.Col source="reporterEmail" label="resources.cases.fields.reporterEmail" disableSort />
            <DataTable.Col source="message" label="resources.cases.fields.message" disableSort />
          </DataTable>
        </ArrayField>
      </Section>
      <Section title="console.orders.section.sessions">
        <ArrayField source="sessions">
          <DataTable bulkActionButtons={false} rowClick={(id) => `/sessions/${id}/show`} empty={<Empty message="console.empty.sessions" />}>
            <DataTable.Col source="startedAt" label="resources.sessions.fields.startedAt" disableSort>
              <DateField source="startedAt" />
            </DataTable.Col>
            <DataTable.Col source="contactEmail" label="resources.sessions.fields.contactEmail" disableSort />
            <DataTable.Col source="status" label="resources.sessions.fields.status" disableSort>
              <EnumField source="status" enumName="SessionStatus" />
            </DataTable.Col>
            <DataTable.Col source="furthestStep" label="resources.sessions.fields.furthestStep" disableSort>
              <EnumField source="furthestStep" enumName="WizardStep" />
            </DataTable.Col>
            <DataTable.Col source="lastActivityAt" label="resources.sessions.fields.lastActivityAt" disableSort>
              <DateField source="lastActivityAt" />
            </DataTable.Col>
          </DataTable>
        </ArrayField>
      </Section>
      <OrderEvents />
      <CanAccess resource="audit" action="list">
        <Section title="console.audit.trail">
          <AuditTrail entityType="Order" />
        </Section>
      </CanAccess>
    </Show>
  );
}

function OrderTitle() {
  const order = useRecordContext();
  const translate = useTranslate();
  return <>{translate('console.orders.title', { subscriptionId: order?.subscriptionId ?? '' })}</>;
}

function OrderFacts() {
  return (
    <Typography component="div" sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 2 }}>
      <Labeled>
        <EnumField source="status" enumName="OrderStatus" />
      </Labeled>
      <Labeled>
        <TextField source="subscriptionId" />
      </Labeled>
      <Labeled>
        <TextField source="commerceOrderNumber" />
      </Labeled>
      <Labeled>
        <TextField source="purchaseOrderNumber" emptyText="-" />
      </Labeled>
      <Labeled>
        <TextField source="offerCode" />
      </Labeled>
      <Labeled>
        <NumberField source="seats" />
      </Labeled>
      <Labeled>
        <DateField source="requestedStartDate" dateOnly />
      </Labeled>
      <Labeled>
        <TextField source="provisioningContactEmail" />
      </Labeled>
      <Labeled>
        <EnumField source="language" enumName="Language" />
      </Labeled>
      <Labeled>
        <NumberField source="setupWindowDays" />
      </Labeled>
      <Labeled label="console.orders.setupEmailQueued">
        <DateField source="setupEmailSentAt" emptyText="-" />
      </Labeled>
      <Labeled source="setupEmailDeliveredAt">
        <SetupEmailSent />
      </Labeled>
      <Labeled>
        <DateField source="windowClosesAt" emptyText="-" />
      </Labeled>
      <Labeled>
        <DateField source="mappedAt" emptyText="-" />
      </Labeled>
      <Labeled source="partnerOrg">
        <OrgLink kind="partnerOrg" />
      </Labeled>
      <Labeled source="customerOrg">
        <OrgLink kind="customerOrg" />
      </Labeled>
      <Labeled source="trialCustomerOrg">
        <TrialOrgLink />
      </Labeled>
    </Typography>
  );
}

function TrialOrgLink() {
  const order = useRecordContext();
  const trial = order?.trialCustomerOrg as { id: string; name: string } | null | undefined;
  if (!trial) return <>-</>;
  return (
    <RecordLink resource="customerOrgs" id={trial.id}>
      {trial.name}
    </RecordLink>
  );
}

/** When the relay accepted the latest Set up now email; while it waits in the outbox, that it has not been sent. */
export function SetupEmailSent() {
  const order = useRecordContext();
  const translate = useTranslate();
  if (!order) return null;
  if (order.setupEmailDeliveredAt) return <DateField source="setupEmailDeliveredAt" />;
  if (!order.setupEmailSentAt) return <>-</>;
  return (
    <Typography component="span" variant="body2" color="warning.main" data-testid="setup-email-waiting">
      {translate('console.orders.setupEmailWaiting')}
    </Typography>
  );
}
