import { Arg, Authorized, Ctx, Field, InputType, Query, Resolver } from 'type-graphql';
import { ACCESS } from '../platform/auth';
import type { Context } from '../platform/context';
import { PageInput, PageType } from '../platform/pagination';
import { AuditEvent } from './audit-event.entity';

@InputType({ description: 'Audit filters; all optional, combined with AND.' })
export class AuditEventFilter {
  @Field({ nullable: true, description: 'Order, CustomerOrg, PartnerOrg, Case, Staff, ApiKey.' })
  entityType?: string;

  @Field({ nullable: true, description: 'Only events on the record with this id.' })
  entityId?: string;

  @Field({ nullable: true, description: 'Only events by this actor (staff id, API key id or session id).' })
  actorId?: string;

  @Field({ nullable: true, description: 'Only this action, such as order.cancel.' })
  action?: string;

  @Field({ nullable: true, description: 'On or after this instant (ISO 8601).' })
  from?: string;

  @Field({ nullable: true, description: 'Before this instant (ISO 8601).' })
  to?: string;
}

const AuditEventPage = PageType(AuditEvent);

@Resolver(() => AuditEvent)
export class AuditResolver {
  @Authorized(ACCESS.rep)
  @Query(() => AuditEventPage, { description: 'Representatives and administrators: the audit trail, newest first.' })
  auditEvents(
    @Ctx() ctx: Context,
    @Arg('filter', () => AuditEventFilter, { nullable: true, description: 'Which events; all of them when left out.' })
    filter?: AuditEventFilter,
    @Arg('page', () => PageInput, { nullable: true, description: 'Which page, newest first; the first 25 when left out.' })
    page?: PageInput,
  ) {
    return ctx.services.audit.list(filter ?? {}, page ?? undefined);
  }
}
