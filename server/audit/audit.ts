/** Writes an audit event inside the caller's transaction, so the trace and the change commit together. */
import { EntityManager } from 'typeorm';
import type { Actor } from '../platform/context';
import { AuditEvent } from './audit-event.entity';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before?: object | null;
  after?: object | null;
}

export async function recordAudit(manager: EntityManager, actor: Actor, at: Date, entry: AuditEntry): Promise<void> {
  await manager.insert(AuditEvent, {
    occurredAt: at,
    actorKind: actor.kind,
    actorId: actor.id,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: (entry.before ?? null) as never,
    after: (entry.after ?? null) as never,
  });
}
