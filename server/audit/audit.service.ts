import { DataSource } from 'typeorm';
import { badInput, Page, PageInput, pageOf } from '../platform/pagination';
import { AuditEvent } from './audit-event.entity';
import type { AuditEventFilter } from './audit.inputs';

export class AuditService {
  constructor(private readonly db: DataSource) {}

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
