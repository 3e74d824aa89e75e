/** The audit trail of the record in context (an order, an org), newest first. */
import { Pagination, ReferenceManyField } from 'react-admin';
import { AuditTable } from './AuditTable';

export function AuditTrail({ entityType }: { entityType: string }) {
  return (
    <ReferenceManyField
      reference="audit"
      target="entityId"
      filter={{ entityType }}
      perPage={10}
      pagination={<Pagination rowsPerPageOptions={[10, 25, 50]} />}
    >
      <AuditTable />
    </ReferenceManyField>
  );
}
