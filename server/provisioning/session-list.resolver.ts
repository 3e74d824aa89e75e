/** Staff's view of wizard sessions: the list, and each session's step timeline. */
import { Arg, Authorized, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import { ACCESS } from '../platform/auth';
import type { Context } from '../platform/context';
import { PageInput, PageType, SortDirection } from '../platform/pagination';
import { ProvisioningEvent, ProvisioningSession, SessionStatus } from './provisioning-session.entity';
import { SessionSortField } from './session-list';
import { WizardStep } from './steps';
import { SessionListService } from './session-list';

registerEnumType(SessionSortField, {
  name: 'SessionSortField',
  description: 'A column the session list sorts by.',
  valuesConfig: {
    STARTED_AT: { description: 'When the session started.' },
    LAST_ACTIVITY_AT: { description: 'When the session was last used.' },
  },
});

@InputType({ description: 'Session filters; all optional, combined with AND.' })
export class SessionFilter {
  @Field(() => [SessionStatus], { nullable: true, description: 'Only sessions in one of these states.' })
  status?: SessionStatus[];

  @Field(() => [WizardStep], { nullable: true, description: 'Only sessions whose furthest step is one of these.' })
  furthestStep?: WizardStep[];

  @Field(() => ID, { nullable: true, description: 'Only sessions of this order.' })
  orderId?: string;
}

@InputType({ description: 'How to sort the session list.' })
export class SessionSort {
  @Field(() => SessionSortField, {
    defaultValue: SessionSortField.STARTED_AT,
    description: 'The column to sort by; startedAt when left out.',
  })
  field: SessionSortField = SessionSortField.STARTED_AT;

  @Field(() => SortDirection, { defaultValue: SortDirection.DESC, description: 'The direction; newest first when left out.' })
  direction: SortDirection = SortDirection.DESC;
}

const SessionPage = PageType(ProvisioningSession);

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
