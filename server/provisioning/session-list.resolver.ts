/** Staff's view of wizard sessions: the list, and each session's step timeline. */
import { Arg, Authorized, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import { ACCESS } from '../platform/auth';
import type { Context } from '../platform/context';
import { PageInput, PageType, SortDirection } from '../platform/pagination';
import { ProvisioningEvent, ProvisioningSession, SessionStatus } from './provisioning-session.entity';
import { SessionSortField } from './session-list';
import { WizardStep } from './steps';

registerEnumType(SessionSortField, { name: 'SessionSortField' });

@InputType({ description: 'Session filters; all optional, combined with AND.' })
export class SessionFilter {
  @Field(() => [SessionStatus], { nullable: true })
  status?: SessionStatus[];

  @Field(() => [WizardStep], { nullable: true })
  furthestStep?: WizardStep[];

  @Field(() => ID, { nullable: true })
  orderId?: string;
}

@InputType()
export class SessionSort {
  @Field(() => SessionSortField, { defaultValue: SessionSortField.STARTED_AT })
  field: SessionSortField = SessionSortField.STARTED_AT;

  @Field(() => SortDirection, { defaultValue: SortDirection.DESC })
  direction: SortDirection = SortDirection.DESC;
}

const SessionPage = PageType(ProvisioningSession);

@Resolver(() => ProvisioningSession)
export class SessionListResolver {
  @Authorized(ACCESS.staffRead)
  @Query(() => SessionPage, { description: 'Staff: wizard sessions by status and furthest step, newest first unless sorted.' })
  provisioningSessions(
    @Ctx() ctx: Context,
    @Arg('filter', () => SessionFilter, { nullable: true }) filter?: SessionFilter,
    @Arg('sort', () => SessionSort, { nullable: true }) sort?: SessionSort,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput,
  ) {
    return ctx.services.sessions.list(filter ?? undefined, sort ?? undefined, page ?? undefined);
  }

  @Authorized(ACCESS.staffRead)
  @FieldResolver(() => [ProvisioningEvent], { description: 'Staff: the step timeline, oldest first: its latest 200 events.' })
  events(@Root() session: ProvisioningSession, @Ctx() ctx: Context): Promise<ProvisioningEvent[]> {
    return ctx.services.sessions.events(session.id);
  }
}
