import { Arg, Authorized, Ctx, Field, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { ACCESS, Public } from '../platform/auth';
import { mutate, UserError } from '../platform/errors';
import { callerActor, Context } from '../platform/context';
import { SupportedCountry } from './supported-country.entity';

@InputType({ description: 'A change to the supported-country table. Fields left out stay as they are.' })
export class SupportedCountryUpdateInput {
  @Field({ description: 'ISO 3166-1 alpha-2 code of the row to change.' })
  code: string;

  @Field(() => Int)
  version: number;

  @Field({ nullable: true })
  name?: string;

  @Field({ nullable: true, description: 'A region code (us1, eu2, ...).' })
  region?: string;

  @Field({ nullable: true })
  contactCenterSold?: boolean;
}

@ObjectType()
export class SupportedCountryPayload {
  @Field(() => SupportedCountry, { nullable: true })
  supportedCountry?: SupportedCountry;

  @Field(() => [UserError])
  userErrors: UserError[];
}

@Resolver(() => SupportedCountry)
export class CountryResolver {
  @Public()
  @Query(() => [SupportedCountry], { description: 'Public: every country with its region and whether Webex Contact Center is sold there.' })
  supportedCountries(@Ctx() ctx: Context): Promise<SupportedCountry[]> {
    return ctx.services.countries.list();
  }

  @Authorized(ACCESS.admin)
  @Mutation(() => SupportedCountryPayload, { description: 'Administrators: edit a country (name, region, sold or not). Audited.' })
  async supportedCountryUpdate(@Arg('input') input: SupportedCountryUpdateInput, @Ctx() ctx: Context): Promise<SupportedCountryPayload> {
    const actor = await callerActor(ctx);
    return mutate(ctx.language, async () => ({ supportedCountry: await ctx.services.countries.update(input, actor) }));
  }
}
