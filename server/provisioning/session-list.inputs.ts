/** What the session-list fields take. */
import { Field, ID, InputType } from 'type-graphql';
import { SortDirection } from '../platform/pagination';
import { SessionStatus } from './provisioning-session.entity';
import { SessionSortField } from './session-list';
import { WizardStep } from './steps';

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
