/** What the case fields take. */
import { Field, ID, InputType } from 'type-graphql';
import { Case, CaseKind, CaseStatus } from './case.entity';

@InputType({ description: 'Resolves an open case with a note of what was done.' })
export class CaseResolveInput {
  @Field(() => ID, { description: 'The case to resolve.' })
  id: string;

  @Field({ description: 'What was done, for the record (up to 2000 characters).' })
  resolution: string;
}
@InputType({ description: 'Case filters; all optional, combined with AND.' })
export class CaseFilter {
  @Field(() => CaseStatus, { nullable: true, description: 'Only cases in this state.' })
  status?: CaseStatus;

  @Field(() => CaseKind, { nullable: true, description: 'Only cases of this kind.' })
  kind?: CaseKind;

  @Field(() => ID, { nullable: true, description: 'Only cases about this order.' })
  orderId?: string;
}
