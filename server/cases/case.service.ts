import { DataSource, In, SelectQueryBuilder } from 'typeorm';
import { recordAudit } from '../audit/audit';
import { recordEvent } from '../events/events';
import { enqueueEmail } from '../mail/outbox';
import { EmailKind } from '../mail/outbox-email.entity';
import { caseResolvedEmail } from '../mail/templates';
import { Order } from '../orders/order.entity';
import type { Clock } from '../platform/clock';
import type { Actor } from '../platform/actor';
import { Refusal, refuseIfAny } from '../platform/errors';
import { faultPoint } from '../platform/faults';
import { checkText, isId, problems } from '../platform/validate';
import { Case, CaseKind, CaseStatus } from './case.entity';
import { caseEventData } from './case.store';
import { firstOfEachOwner, Page, PageInput, pageOf } from '../platform/pagination';

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
    /** Called after a commit that queued email (the resolution's, to the reporter). */
    private readonly mailQueued: () => void = () => {},
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

  /** The orders' cases, open ones first then oldest first (the first MAX_NESTED_LIST of each), for many orders at once (case.loaders.ts). */
  casesOf(orderIds: readonly string[]): Promise<Case[]> {
    return this.db.getRepository(Case).find({
      where: { orderId: In([...orderIds]), id: firstOfEachOwner('support_case', 'order_id', orderIds, 'status, created_at, id') },
      order: { status: 'ASC', createdAt: 'ASC', id: 'ASC' },
    });
  }

  async resolve(id: string, resolution: string, actor: Actor): Promise<Case> {
    refuseIfAny(problems(checkText('resolution', resolution, 2000)));
    const now = this.clock.now();
    const resolved = await this.db.transaction(async (m) => {
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
      await recordEvent(m, { type: 'case.resolved', orderId: found.orderId, data: caseEventData(found) }, now);
      // The reporter hears what was done, in the language they reported in, with the resolution: queued with it.
      const order = await m.findOneByOrFail(Order, { id: found.orderId });
      await enqueueEmail(
        m,
        {
          kind: EmailKind.CASE_RESOLVED,
          orderId: order.id,
          recipient: found.reporterEmail,
          ...(await caseResolvedEmail(
            order,
            { message: found.message, resolution: found.resolution!, reportedAt: found.createdAt },
            found.reporterLanguage,
          )),
        },
        now,
      );
      // A test hook: dying here must leave neither the resolution nor its email (docs/testing.md, FAULT_KILL_AT).
      faultPoint('case.resolutionQueued');
      return found;
    });
    this.mailQueued();
    return resolved;
  }
}
