import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { ACCESS } from '../platform/auth';
import type { Context } from '../platform/context';
import { PageInput } from '../platform/pagination';
import { AuditEvent } from './audit-event.entity';
import { AuditEventFilter } from './audit.inputs';
import { AuditService } from './audit.service';
import { AuditEventPage } from './audit.payloads';

@Resolver(() => AuditEvent)
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Authorized(ACCESS.rep)
  @Query(() => AuditEventPage, { description: 'Representatives and administrators: the audit trail, newest first.' })
  auditEvents(
    @Ctx() ctx: Context,
    @Arg('filter', () => AuditEventFilter, { nullable: true, description: 'Which events; all of them when left out.' })
    filter?: AuditEventFilter,
    @Arg('page', () => PageInput, { nullable: true, description: 'Which page, newest first; the first 25 when left out.' })
    page?: PageInput,
  ) {
    return this.audit.list(filter ?? {}, page ?? undefined);
  }
}
