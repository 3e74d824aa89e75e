/**
 * One webhook endpoint: where it points, what it receives, whether it answers; every delivery attempt with its
 * status, latency, response code and the first bytes of the answer; and the administrator's fixes: edit, disable,
 * a new signing secret (shown once), and sending an event or a time range of events again.
 */
import { Box, Button, CardContent, Chip } from '@mui/material';
import { useState } from 'react';
import {
  Confirm,
  DataTable,
  DateTimeInput,
  EditButton,
  Labeled,
  Pagination,
  ReferenceManyField,
  required,
  Show,
  TextField,
  TopToolbar,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { ActionButton } from '../common/ActionButton';
import { ActionForm } from '../common/ActionForm';
import { DateField } from '../common/DateField';
import { Empty } from '../common/Empty';
import { ResponsiveTable, ShowCard, stackOnPhone } from '../common/ResponsiveList';
import { Section } from '../common/Section';
import { ShownOnce } from '../common/ShownOnce';
import { EndpointState } from './WebhookList';

function WebhookTitle() {
  const endpoint = useRecordContext();
  const translate = useTranslate();
  return <>{translate('console.webhooks.title', { url: endpoint?.url ?? '' })}</>;
}

export function WebhookShow() {
  return (
    <Show title={<WebhookTitle />} actions={<WebhookActions />} sx={stackOnPhone} component={ShowCard}>
      <CardContent>
        <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
          <Labeled>
            <TextField source="url" sx={{ wordBreak: 'break-all' }} />
          </Labeled>
          <Labeled>
            <TextField source="description" emptyText="-" />
          </Labeled>
          <Labeled source="enabled">
            <EndpointState />
          </Labeled>
          <Labeled>
            <DateField source="failingSince" emptyText="-" />
          </Labeled>
          <Labeled>
            <DateField source="disabledAt" emptyText="-" />
          </Labeled>
          <Labeled>
            <DateField source="createdAt" />
          </Labeled>
        </Box>
        <Labeled source="events">
          <EventChips />
        </Labeled>
      </CardContent>
      <Section title="console.webhooks.resendRange">
        <ResendRange />
      </Section>
      <Section title="console.webhooks.deliveries">
        <ReferenceManyField
          reference="webhookDeliveries"
          target="endpointId"
          perPage={10}
          pagination={<Pagination rowsPerPageOptions={[10, 25, 50]} />}
        >
          <ResponsiveTable
            bulkActionButtons={false}
            rowClick={false}
            empty={<Empty message="console.webhooks.noDeliveries" />}
            phone={{
              primaryText: (attempt) => `${attempt.responseCode ?? attempt.outcome}: ${attempt.eventId}`,
              secondaryText: <DateField source="attemptedAt" />,
              tertiaryText: <ResendButton />,
            }}
          >
            <DataTable.Col source="attemptedAt" disableSort>
              <DateField source="attemptedAt" />
            </DataTable.Col>
            <DataTable.Col source="eventId" disableSort />
            <DataTable.Col source="outcome" disableSort render={(attempt) => <Outcome outcome={attempt.outcome} />} />
            <DataTable.Col source="responseCode" disableSort />
            <DataTable.Col source="latencyMs" disableSort />
            <DataTable.Col
              source="responseExcerpt"
              disableSort
              render={(attempt) => <Excerpt text={attempt.responseExcerpt ?? attempt.error} />}
            />
            <DataTable.Col label="console.webhooks.resendColumn">
              <ResendButton />
            </DataTable.Col>
          </ResponsiveTable>
        </ReferenceManyField>
      </Section>
    </Show>
  );
}

function EventChips() {
  const endpoint = useRecordContext();
  if (!endpoint) return null;
  return (
    <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
      {(endpoint.events as string[]).map((type) => (
        <Chip key={type} size="small" variant="outlined" label={type} />
      ))}
    </Box>
  );
}

function Outcome({ outcome }: { outcome: string }) {
  const translate = useTranslate();
  const color = outcome === 'SUCCEEDED' ? 'success' : outcome === 'FAILED' ? 'error' : 'warning';
  return <Chip size="small" color={color} label={translate(`console.enum.WebhookAttemptOutcome.${outcome}`)} />;
}

function Excerpt({ text }: { text: string | null }) {
  if (!text) return <>-</>;
  return (
    <Box component="code" sx={{ display: 'block', maxWidth: 360, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}>
      {text.length > 160 ? `${text.slice(0, 160)}…` : text}
    </Box>
  );
}

/** The same event to the same endpoint again, with the same Webhook-Id, so that the receiver can tell it has it. */
function ResendButton() {
  return (
    <ActionButton resource="webhookDeliveries" action="resend" label="console.webhooks.resend" confirm="console.webhooks.resendQuestion" />
  );
}

function ResendRange() {
  const endpoint = useRecordContext();
  const translate = useTranslate();
  if (!endpoint) return null;
  if (!endpoint.enabled) return <>{translate('console.webhooks.resendDisabled')}</>;
  return (
    <ActionForm resource="webhooks" action="resendRange" label="console.webhooks.resendRangeButton">
      <DateTimeInput source="from" label="console.webhooks.from" validate={required()} />
      <DateTimeInput source="to" label="console.webhooks.to" validate={required()} />
    </ActionForm>
  );
}

function WebhookActions() {
  const endpoint = useRecordContext();
  return (
    <TopToolbar sx={{ flexWrap: 'wrap', gap: 1 }}>
      {endpoint?.enabled ? (
        <ActionButton resource="webhooks" action="disable" label="console.webhooks.disable" confirm="console.webhooks.disableQuestion" />
      ) : (
        <ActionButton resource="webhooks" action="enable" label="console.webhooks.enable" />
      )}
      <RotateSecretButton />
      <EditButton />
    </TopToolbar>
  );
}

/** A new signing secret, shown once; the old one stops signing at once, so the question says so first. */
function RotateSecretButton() {
  const endpoint = useRecordContext();
  const dataProvider = useDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [asking, setAsking] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  if (!endpoint) return null;
  const rotate = async () => {
    setAsking(false);
    try {
      const { data } = await dataProvider.update('webhooks', {
        id: endpoint.id,
        data: {},
        previousData: endpoint,
        meta: { action: 'rotateSecret' },
      });
      setSecret(data.secret ?? null);
    } catch (failure) {
      const message = failure instanceof Error ? failure.message : '';
      notify(message || 'ra.notification.http_error', { type: 'error', messageArgs: { _: message } });
    }
  };
  return (
    <>
      <Button size="small" variant="outlined" onClick={() => setAsking(true)}>
        {translate('console.webhooks.rotateSecret')}
      </Button>
      <Confirm
        isOpen={asking}
        title="console.webhooks.rotateSecret"
        content="console.webhooks.rotateQuestion"
        onConfirm={rotate}
        onClose={() => setAsking(false)}
      />
      <ShownOnce
        title="console.webhooks.secretTitle"
        explanation="console.webhooks.secretExplanation"
        secret={secret}
        onClose={() => {
          setSecret(null);
          refresh();
        }}
      />
    </>
  );
}
