import { Arg, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { ACCESS } from '../platform/auth';
import type { Context } from '../platform/context';
import { PageInput } from '../platform/pagination';
import { AuditEvent } from './audit-event.entity';
import { AuditEventFilter } from './audit.inputs';
import { AuditService } from './audit.service';
import { AuditActor, AuditChange, AuditEventPage } from './audit.payloads';
import { changesOf } from './audit-diff';
import { AuditLoaders } from './audit.loaders';

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

  @FieldResolver(() => AuditActor, {
    description: 'Who made the change: the staff member (name and email), API key (name) or wizard contact (email).',
  })
  actor(@Root() event: AuditEvent, @Ctx() ctx: Context): Promise<AuditActor> {
    return AuditLoaders.of(ctx, this.audit).actor(event);
  }

  @FieldResolver(() => [AuditChange], {
    description: 'The fields the change changed, each before and after (version and updatedAt left out); every field for a creation.',
  })
  changes(@Root() event: AuditEvent): AuditChange[] {
    return changesOf(event.before, event.after);
  }
}
