import { DataSource } from 'typeorm';
import { badInput, Page, PageInput, pageOf } from '../platform/pagination';
import { AuditEvent } from './audit-event.entity';
import type { AuditEventFilter } from './audit.inputs';
import type { AuditActor } from './audit.payloads';

/**
 * Who each event's actor is, by the tables the actor ids point at (staff, api_key, provisioning_session): read by
 * table here, as audit sits below the features that own them and imports none.
 */
const ACTORS = `SELECT k.kind, s.email AS staff_email, s.name AS staff_name, a.name AS key_name, p.contact_email, p.draft->>'role' AS role
    FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS k(kind, actor_id, n)
    LEFT JOIN staff s ON k.kind = 'STAFF' AND s.id = (CASE WHEN k.kind = 'STAFF' THEN k.actor_id::uuid END)
    LEFT JOIN api_key a ON k.kind = 'API_KEY' AND a.id = (CASE WHEN k.kind = 'API_KEY' THEN k.actor_id::uuid END)
    LEFT JOIN provisioning_session p ON k.kind = 'WIZARD' AND p.id = (CASE WHEN k.kind = 'WIZARD' THEN k.actor_id::uuid END)
   ORDER BY k.n`;

export class AuditService {
  constructor(private readonly db: DataSource) {}

  /** The actors of these events, in their order: one statement for a page of events (audit.loaders.ts). */
  async actorsOf(events: readonly AuditEvent[]): Promise<AuditActor[]> {
    const rows: {
      kind: string;
      staff_email: string | null;
      staff_name: string | null;
      key_name: string | null;
      contact_email: string | null;
      role: string | null;
    }[] = await this.db.query(ACTORS, [events.map((e) => e.actorKind), events.map((e) => e.actorId)]);
    return rows.map((row) => ({
      kind: row.kind,
      email: row.staff_email ?? row.contact_email,
      name: row.staff_name ?? row.key_name,
      role: row.role,
    }));
  }

  list(filter: AuditEventFilter, page?: PageInput): Promise<Page<AuditEvent>> {
    const query = this.db.getRepository(AuditEvent).createQueryBuilder('a').orderBy('a.id', 'DESC');
    for (const key of ['entityType', 'entityId', 'actorId', 'action'] as const) {
      if (filter[key]) query.andWhere(`a.${key} = :${key}`, { [key]: filter[key] });
    }
    for (const [key, operator] of [
      ['from', '>='],
      ['to', '<'],
    ] as const) {
      const value = filter[key];
      if (!value) continue;
      if (Number.isNaN(Date.parse(value))) throw badInput(`filter.${key} must be an ISO 8601 instant.`, 'filter');
      query.andWhere(`a.occurredAt ${operator} :${key}`, { [key]: new Date(value) });
    }
    return pageOf(query, page);
  }
}
