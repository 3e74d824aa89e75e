/** What the country fields take. */
import { Field, InputType, Int } from 'type-graphql';
import { SupportedCountry } from './supported-country.entity';

@InputType({ description: 'A change to the supported-country table. Fields left out stay as they are.' })
export class SupportedCountryUpdateInput {
  @Field({ description: 'ISO 3166-1 alpha-2 code of the row to change.' })
  code: string;

  @Field(() => Int, { description: 'The version last read (SupportedCountry.version); a stale one is refused with STALE_VERSION.' })
  version: number;

  @Field({ nullable: true, description: 'New English name of the country, at most 100 characters.' })
  name?: string;

  @Field({ nullable: true, description: 'A region code (us1, eu2, ...).' })
  region?: string;

  @Field({ nullable: true, description: 'Whether Webex Contact Center may now be sold in this country.' })
  contactCenterSold?: boolean;
}
