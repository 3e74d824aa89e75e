import { Arg, Authorized, Ctx, Field, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { ACCESS, Public } from '../platform/auth';
import { mutate, UserError } from '../platform/errors';
import { callerActor, Context } from '../platform/context';
import { SupportedCountry } from './supported-country.entity';
import { CountryService } from './country.service';

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

@Resolver(() => SupportedCountry)
export class CountryResolver {
  constructor(private readonly countries: CountryService) {}

  @Public()
  @Query(() => [SupportedCountry], { description: 'Public: every country with its region and whether Webex Contact Center is sold there.' })
  supportedCountries(@Ctx() ctx: Context): Promise<SupportedCountry[]> {
    return this.countries.list();
  }

  @Authorized(ACCESS.admin)
  @Mutation(() => SupportedCountryPayload, { description: 'Administrators: edit a country (name, region, sold or not). Audited.' })
  async supportedCountryUpdate(
    @Arg('input', { description: 'The row to change and its new values.' }) input: SupportedCountryUpdateInput,
    @Ctx() ctx: Context,
  ): Promise<SupportedCountryPayload> {
    const actor = await callerActor(ctx);
    return mutate(ctx.language, async () => ({ supportedCountry: await this.countries.update(input, actor) }));
  }
}
