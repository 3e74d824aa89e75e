/** The audit trail of the record in context (an order, an org), newest first. */
import { Pagination, ReferenceManyField, useRecordContext } from 'react-admin';
import { AuditTable } from './AuditTable';

export function AuditTrail({ entityType }: { entityType: string }) {
  const record = useRecordContext();
  return (
    <ReferenceManyField
      reference="audit"
      target="entityId"
      // Every change to the record raises its version and writes an audit event: with the version in the
      // query's key, a change made on this page shows in its trail at once. The API takes no such filter;
      // the data provider sends only the filters it knows.
      filter={{ entityType, version: record?.version }}
      perPage={10}
      pagination={<Pagination rowsPerPageOptions={[10, 25, 50]} />}
    >
      <AuditTable />
    </ReferenceManyField>
  );
}
