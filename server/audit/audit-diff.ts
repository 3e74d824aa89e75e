/** The field-by-field difference of an audit event's before and after: what a person reads instead of two JSON blobs. */

/** Fields every change moves, which say nothing of what was changed. */
const BOOKKEEPING = new Set(['version', 'updatedAt']);

export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

/** The fields whose value differs, in the order the record lists them (after's, then those only before had). */
export function changesOf(before: Record<string, unknown> | null, after: Record<string, unknown> | null): FieldChange[] {
  const fields = [...new Set([...Object.keys(after ?? {}), ...Object.keys(before ?? {})])].filter((field) => !BOOKKEEPING.has(field));
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const was = text(before?.[field]);
    const is = text(after?.[field]);
    if (was !== is) changes.push({ field, before: was, after: is });
  }
  return changes;
}

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
