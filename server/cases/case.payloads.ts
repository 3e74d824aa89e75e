/** What the case fields answer. */
import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../platform/errors';
import { Case } from './case.entity';
import { PageType } from '../platform/pagination';

@ObjectType({
  description:
    'The answer to caseResolve: the resolved case, or the refusals (NOT_FOUND, CASE_ALREADY_RESOLVED, REQUIRED or TOO_LONG for the resolution).',
})
export class CaseResolvePayload {
  @Field(() => Case, { nullable: true, description: 'The case after the change; null when refused.' })
  case?: Case;

  @Field(() => [UserError], { description: 'Why the change was refused; empty when it was made.' })
  userErrors: UserError[];
}
export const CasePage = PageType(Case);
