/** Audit events as a table; each row opens to show the record before and after the change. */
import { Box, Typography } from '@mui/material';
import { DataTable, useRecordContext, useTranslate } from 'react-admin';
import { Empty } from '../common/Empty';
import { EnumField } from '../common/EnumField';
import { RecordLink } from '../common/RecordLink';
import { DateField } from '../common/DateField';

export function AuditTable() {
  return (
    <DataTable bulkActionButtons={false} rowClick="expand" expand={<AuditChange />} empty={<Empty message="console.empty.audit" />}>
      <DataTable.Col source="occurredAt" label="resources.audit.fields.occurredAt" disableSort>
        <DateField source="occurredAt" />
      </DataTable.Col>
      <DataTable.Col source="action" label="resources.audit.fields.action" disableSort />
      <DataTable.Col source="entityType" label="resources.audit.fields.entityType" disableSort>
        <EnumField source="entityType" enumName="AuditEntityType" />
      </DataTable.Col>
      <DataTable.Col source="entityId" label="resources.audit.fields.entityId" disableSort>
        <EntityLink />
      </DataTable.Col>
      <DataTable.Col source="actorKind" label="resources.audit.fields.actorKind" disableSort>
        <EnumField source="actorKind" enumName="ActorKind" />
      </DataTable.Col>
      <DataTable.Col source="actorId" label="resources.audit.fields.actorId" disableSort />
    </DataTable>
  );
}

/** The console's resource for each audited record type that has a page. */
const RESOURCE_OF: Record<string, string> = { Order: 'orders', CustomerOrg: 'customerOrgs', PartnerOrg: 'partnerOrgs', Case: 'cases' };

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

function AuditChange() {
  const event = useRecordContext();
  const translate = useTranslate();
  if (!event) return null;
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2 }}>
      {(['before', 'after'] as const).map((side) => (
        <Box key={side}>
          <Typography variant="subtitle2" component="h3">
            {translate(`resources.audit.fields.${side}`)}
          </Typography>
          <Box component="pre" sx={{ fontSize: 12, whiteSpace: 'pre-wrap', m: 0 }}>
            {event[side] ? JSON.stringify(event[side], null, 2) : '-'}
          </Box>
        </Box>
      ))}
    </Box>
  );
}
