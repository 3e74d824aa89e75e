/** Writes an audit event inside the caller's transaction, so the trace and the change commit together. */
import { EntityManager } from 'typeorm';
import type { Actor } from '../platform/actor';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before?: object | null;
  after?: object | null;
}

const INSERT_AUDIT_EVENT = `INSERT INTO audit_event (occurred_at, actor_kind, actor_id, action, entity_type, entity_id, before, after)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;

export async function recordAudit(manager: EntityManager, actor: Actor, at: Date, entry: AuditEntry): Promise<void> {
  await manager.query(INSERT_AUDIT_EVENT, [
    at,
    actor.kind,
    actor.id,
    entry.action,
    entry.entityType,
    entry.entityId,
    jsonb(entry.before),
    jsonb(entry.after),
  ]);
}

/** Several audit events by one actor at one instant, in one statement (the wizard's creations when it maps an order). */
export async function recordAudits(manager: EntityManager, actor: Actor, at: Date, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((_, i) => `($1, $2, $3, $${4 + i * 5}, $${5 + i * 5}, $${6 + i * 5}, $${7 + i * 5}, $${8 + i * 5})`);
  await manager.query(
    `INSERT INTO audit_event (occurred_at, actor_kind, actor_id, action, entity_type, entity_id, before, after) VALUES ${rows.join(', ')}`,
    [at, actor.kind, actor.id, ...entries.flatMap((e) => [e.action, e.entityType, e.entityId, jsonb(e.before), jsonb(e.after)])],
  );
}

/** A jsonb parameter as TypeORM writes one: JSON text, or NULL. */
function jsonb(value: object | null | undefined): string | null {
  return value == null ? null : JSON.stringify(value);
}
