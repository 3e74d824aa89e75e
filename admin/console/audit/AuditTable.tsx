/**
 * Audit events as a person reads them: when, who (the staff member's name and email, the wizard and its contact, the commerce
 * integration's key, or the system), what (a sentence in the console's language) and on which record; each row opens
 * to the fields the change changed, each before and after.
 */
import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { DataTable, useRecordContext, useTranslate } from 'react-admin';
import { Empty } from '../common/Empty';
import { EnumField } from '../common/EnumField';
import { RecordLink } from '../common/RecordLink';
import { DateField } from '../common/DateField';

interface AuditActor {
  kind: string;
  email: string | null;
  name: string | null;
  role: string | null;
}

interface AuditChange {
  field: string;
  before: string | null;
  after: string | null;
}

export function AuditTable() {
  return (
    <DataTable
      bulkActionButtons={false}
      rowClick="expand"
      expand={<AuditChanges />}
      empty={<Empty message="console.empty.audit" />}
      // No wider than the page: on a phone the table scrolls sideways inside its own wrapper, not the page.
      sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', '& .RaDataTable-tableWrapper': { overflowX: 'auto' } }}
    >
      <DataTable.Col source="occurredAt" label="resources.audit.fields.occurredAt" disableSort>
        <DateField source="occurredAt" />
      </DataTable.Col>
      <DataTable.Col source="actor" label="resources.audit.fields.actor" disableSort>
        <ActorField />
      </DataTable.Col>
      <DataTable.Col source="action" label="resources.audit.fields.what" disableSort>
        <ActionSentence />
      </DataTable.Col>
      <DataTable.Col source="entityType" label="resources.audit.fields.entityType" disableSort>
        <EnumField source="entityType" enumName="AuditEntityType" />
      </DataTable.Col>
      <DataTable.Col source="entityId" label="resources.audit.fields.entityId" disableSort>
        <EntityLink />
      </DataTable.Col>
    </DataTable>
  );
}

/** Who made the change, in the console's language. */
export function ActorField() {
  const event = useRecordContext();
  const translate = useTranslate();
  if (!event) return null;
  return <span data-testid="audit-actor">{actorText(event.actor as AuditActor | undefined, event.actorId, translate)}</span>;
}

function actorText(actor: AuditActor | undefined, actorId: string | null, translate: (key: string, options?: object) => string): string {
  if (!actor) return translate('console.audit.who.unknown', { id: actorId ?? '' });
  switch (actor.kind) {
    case 'STAFF':
      if (!actor.email) return translate('console.audit.who.unknown', { id: actorId });
      return actor.name
        ? translate('console.audit.who.STAFF_NAMED', { name: actor.name, email: actor.email })
        : translate('console.audit.who.STAFF', { email: actor.email });
    case 'API_KEY':
      return translate('console.audit.who.API_KEY', { name: actor.name ?? actorId ?? '' });
    case 'WIZARD':
      return actor.role
        ? translate('console.audit.who.WIZARD', { role: translate(`console.audit.role.${actor.role}`), email: actor.email ?? '' })
        : translate('console.audit.who.WIZARD_NO_ROLE', { email: actor.email ?? '' });
    default:
      return translate('console.audit.who.SYSTEM');
  }
}

/** What was done, as a sentence ("changed the customer org"); an action the console has no words for shows as it is. */
export function ActionSentence() {
  const event = useRecordContext();
  const translate = useTranslate();
  if (!event) return null;
  return <span data-testid="audit-action">{translate(`console.audit.actions.${event.action}`, { _: event.action })}</span>;
}

/** The console's resource for each audited record type that has a page. */
const RESOURCE_OF: Record<string, string> = { Order: 'orders', CustomerOrg: 'customerOrgs', PartnerOrg: 'partnerOrgs', Case: 'cases' };

/** Where each record type's field names are translated. */
const FIELDS_OF: Record<string, string> = {
  ...RESOURCE_OF,
  OutboxEmail: 'outbox',
  Staff: 'staff',
  ApiKey: 'apiKeys',
  SupportedCountry: 'countries',
};

/** The changed record's id, linking to its page when it has one. */
function EntityLink() {
  const event = useRecordContext();
  if (!event) return null;
  const resource = RESOURCE_OF[event.entityType];
  if (!resource) return <>{event.entityId}</>;
  return (
    <RecordLink resource={resource} id={event.entityId}>
      {event.entityId}
    </RecordLink>
  );
}

/** The fields the change changed: one row each, before and after. */
function AuditChanges() {
  const event = useRecordContext();
  const translate = useTranslate();
  if (!event) return null;
  const changes = (event.changes ?? []) as AuditChange[];
  if (changes.length === 0) return <Typography variant="body2">{translate('console.audit.noChanges')}</Typography>;
  const fields = FIELDS_OF[event.entityType];
  const empty = translate('console.audit.empty');
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" data-testid="audit-changes">
        <TableHead>
          <TableRow>
            <TableCell>{translate('resources.audit.fields.field')}</TableCell>
            <TableCell>{translate('resources.audit.fields.before')}</TableCell>
            <TableCell>{translate('resources.audit.fields.after')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {changes.map((change) => (
            <TableRow key={change.field}>
              <TableCell component="th" scope="row">
                {fields ? translate(`resources.${fields}.fields.${change.field}`, { _: change.field }) : change.field}
              </TableCell>
              <TableCell sx={{ wordBreak: 'break-word', color: 'text.secondary' }}>{change.before ?? empty}</TableCell>
              <TableCell sx={{ wordBreak: 'break-word' }}>{change.after ?? empty}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
