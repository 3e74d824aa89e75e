/** What the country fields answer. */
import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../platform/errors';
import { SupportedCountry } from './supported-country.entity';

@ObjectType({
  description:
    'The answer to supportedCountryUpdate: the row as changed, or the refusals (NOT_FOUND, STALE_VERSION, INVALID_REGION, or a name too long).',
})
export class SupportedCountryPayload {
  @Field(() => SupportedCountry, { nullable: true, description: 'The country after the change; null when refused.' })
  supportedCountry?: SupportedCountry;

  @Field(() => [UserError], { description: 'Why the change was refused; empty when it was made.' })
  userErrors: UserError[];
}
