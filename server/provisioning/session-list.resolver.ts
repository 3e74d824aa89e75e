/** Staff's view of wizard sessions: the list, and each session's step timeline. */
import { Arg, Authorized, Ctx, FieldResolver, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import { ACCESS } from '../platform/auth';
import type { Context } from '../platform/context';
import { PageInput } from '../platform/pagination';
import { ProvisioningEvent, ProvisioningSession } from './provisioning-session.entity';
import { SessionSortField } from './session-list';
import { SessionListService } from './session-list';
import { SessionFilter, SessionSort } from './session-list.inputs';
import { SessionPage } from './session-list.payloads';

registerEnumType(SessionSortField, {
  name: 'SessionSortField',
  description: 'A column the session list sorts by.',
  valuesConfig: {
    STARTED_AT: { description: 'When the session started.' },
    LAST_ACTIVITY_AT: { description: 'When the session was last used.' },
  },
});

@Resolver(() => ProvisioningSession)
export class SessionListResolver {
  constructor(private readonly sessionList: SessionListService) {}

  @Authorized(ACCESS.staffRead)
  @Query(() => SessionPage, { description: 'Staff: wizard sessions by status and furthest step, newest first unless sorted.' })
  provisioningSessions(
    @Ctx() ctx: Context,
    @Arg('filter', () => SessionFilter, { nullable: true, description: 'Which sessions; all of them when left out.' })
    filter?: SessionFilter,
    @Arg('sort', () => SessionSort, { nullable: true, description: 'The order of the list; newest first when left out.' })
    sort?: SessionSort,
    @Arg('page', () => PageInput, { nullable: true, description: 'Which page; the first 25 when left out.' }) page?: PageInput,
  ) {
    return this.sessionList.list(filter ?? undefined, sort ?? undefined, page ?? undefined);
  }

  @Authorized(ACCESS.staffRead)
  @FieldResolver(() => [ProvisioningEvent], { description: 'Staff: the step timeline, oldest first: its latest 200 events.' })
  events(@Root() session: ProvisioningSession, @Ctx() ctx: Context): Promise<ProvisioningEvent[]> {
    return this.sessionList.events(session.id);
  }
}
