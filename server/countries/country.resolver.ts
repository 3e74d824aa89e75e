import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { ACCESS, Public } from '../platform/auth';
import { mutate } from '../platform/errors';
import { callerActor, Context } from '../platform/context';
import { SupportedCountry } from './supported-country.entity';
import { CountryService } from './country.service';
import { SupportedCountryUpdateInput } from './country.inputs';
import { SupportedCountryPayload } from './country.payloads';

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
