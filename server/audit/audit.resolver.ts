import { Arg, Authorized, Ctx, Field, InputType, Query, Resolver } from 'type-graphql';
import { ACCESS } from '../platform/auth';
import type { Context } from '../platform/context';
import { PageInput, PageType } from '../platform/pagination';
import { AuditEvent } from './audit-event.entity';

@InputType({ description: 'Audit filters; all optional, combined with AND.' })
export class AuditEventFilter {
  @Field({ nullable: true, description: 'Order, CustomerOrg, PartnerOrg, Case, Staff, ApiKey.' })
  entityType?: string;

  @Field({ nullable: true })
  entityId?: string;

  @Field({ nullable: true })
  actorId?: string;

  @Field({ nullable: true })
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
    @Arg('filter', () => AuditEventFilter, { nullable: true }) filter?: AuditEventFilter,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput,
  ) {
    return ctx.services.audit.list(filter ?? {}, page ?? undefined);
  }
}
