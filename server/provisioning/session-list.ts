/** Wizard sessions as representatives and analysts browse them: by status and furthest step, with each one's timeline. */
import { DataSource, In } from 'typeorm';
import { isId } from '../platform/validate';
import { firstOfEachOwner, Page, PageInput, pageOf, SortDirection } from '../platform/pagination';
import { ProvisioningEvent, ProvisioningSession, SessionStatus } from './provisioning-session.entity';
import { WizardStep } from './steps';

export enum SessionSortField {
  STARTED_AT = 'startedAt',
  LAST_ACTIVITY_AT = 'lastActivityAt',
}

export interface SessionListFilter {
  status?: SessionStatus[] | null;
  furthestStep?: WizardStep[] | null;
  orderId?: string | null;
}

export class SessionListService {
  constructor(private readonly db: DataSource) {}

  /** The orders' wizard sessions, newest first (the newest MAX_NESTED_LIST of each), for many orders at once (session.loaders.ts). */
  sessionsOf(orderIds: readonly string[]): Promise<ProvisioningSession[]> {
    return this.db.getRepository(ProvisioningSession).find({
      where: { orderId: In([...orderIds]), id: firstOfEachOwner('provisioning_session', 'order_id', orderIds, 'started_at DESC, id DESC') },
      order: { startedAt: 'DESC', id: 'DESC' },
    });
  }

  list(
    filter: SessionListFilter = {},
    sort: { field: SessionSortField; direction: SortDirection } = { field: SessionSortField.STARTED_AT, direction: SortDirection.DESC },
    page?: PageInput,
  ): Promise<Page<ProvisioningSession>> {
    const query = this.db
      .getRepository(ProvisioningSession)
      .createQueryBuilder('s')
      .orderBy(`s.${sort.field}`, sort.direction)
      .addOrderBy('s.id', sort.direction);
    if (filter.status?.length) query.andWhere('s.status IN (:...status)', { status: filter.status });
    if (filter.furthestStep?.length) query.andWhere('s.furthestStep IN (:...furthest)', { furthest: filter.furthestStep });
    if (filter.orderId) {
      if (!isId(filter.orderId)) return Promise.resolve({ nodes: [], totalCount: 0 });
      query.andWhere('s.orderId = :orderId', { orderId: filter.orderId });
    }
    return pageOf(query, page);
  }

  /** The session's timeline, oldest first: its latest MAX_NESTED_LIST events. */
  events(sessionId: string): Promise<ProvisioningEvent[]> {
    return this.db.getRepository(ProvisioningEvent).find({
      where: { sessionId, id: firstOfEachOwner('provisioning_event', 'session_id', [sessionId], 'occurred_at DESC, id DESC') },
      order: { occurredAt: 'ASC', id: 'ASC' },
    });
  }
}
