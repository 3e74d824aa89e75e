import { DataSource, SelectQueryBuilder } from 'typeorm';
import { recordAudit } from '../audit/audit';
import type { Clock } from '../platform/clock';
import type { Actor } from '../platform/actor';
import { Refusal, refuseIfAny } from '../platform/errors';
import { checkText, isId, problems } from '../platform/validate';
import { Case, CaseKind, CaseStatus } from './case.entity';
import { Page, PageInput, pageOf } from '../platform/pagination';

/** Which cases a list holds; every part optional. */
export interface CaseListFilter {
  status?: CaseStatus | null;
  kind?: CaseKind | null;
  orderId?: string | null;
}

export class CaseService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  find(id: string): Promise<Case | null> {
    return isId(id) ? this.db.getRepository(Case).findOneBy({ id }) : Promise.resolve(null);
  }

  /** The queue: oldest first, so the longest-waiting case is on top. */
  list(filter: CaseListFilter = {}, page?: PageInput): Promise<Page<Case>> {
    const query = this.matching(filter);
    return query ? pageOf(query.orderBy('c.createdAt', 'ASC').addOrderBy('c.id'), page) : Promise.resolve({ nodes: [], totalCount: 0 });
  }

  /** The cases a list filter selects, as a query on `c` (the list pages it, the CSV export reads it all); null when none can match. */
  matching(filter: CaseListFilter = {}): SelectQueryBuilder<Case> | null {
    const query = this.db.getRepository(Case).createQueryBuilder('c');
    if (filter.status) query.andWhere('c.status = :status', { status: filter.status });
    if (filter.kind) query.andWhere('c.kind = :kind', { kind: filter.kind });
    if (filter.orderId) {
      if (!isId(filter.orderId)) return null;
      query.andWhere('c.orderId = :orderId', { orderId: filter.orderId });
    }
    return query;
  }

  async resolve(id: string, resolution: string, actor: Actor): Promise<Case> {
    refuseIfAny(problems(checkText('resolution', resolution, 2000)));
    const now = this.clock.now();
    return this.db.transaction(async (m) => {
      const found = isId(id) ? await m.findOne(Case, { where: { id }, lock: { mode: 'pessimistic_write' } }) : null;
      if (!found) throw Refusal.of('NOT_FOUND', 'id');
      if (found.status === CaseStatus.RESOLVED) throw Refusal.of('CASE_ALREADY_RESOLVED', 'id');
      const before = { ...found };
      Object.assign(found, {
        status: CaseStatus.RESOLVED,
        resolution: resolution.trim(),
        resolvedAt: now,
        resolvedByStaffId: actor.kind === 'STAFF' ? actor.id : null,
        version: found.version + 1,
      });
      await m.save(found);
      await recordAudit(m, actor, now, { action: 'case.resolve', entityType: 'Case', entityId: found.id, before, after: found });
      return found;
    });
  }
}
