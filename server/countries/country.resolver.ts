import { Ctx, Query, Resolver } from 'type-graphql';
import { Public } from '../platform/auth';
import type { Context } from '../platform/context';
import { SupportedCountry } from './supported-country.entity';

@Resolver(() => SupportedCountry)
export class CountryResolver {
  @Public()
  @Query(() => [SupportedCountry], { description: 'Public: every country with its region and whether Webex Contact Center is sold there.' })
  supportedCountries(@Ctx() ctx: Context): Promise<SupportedCountry[]> {
    return ctx.services.countries.list();
  }
}
