/** The scalars of API.md: Date (YYYY-MM-DD), DateTimeISO (type-graphql's own), EmailAddress, CountryCode. */
import { CountryCodeResolver, DateResolver, EmailAddressResolver } from 'graphql-scalars';

export const DateScalar = DateResolver;
export const EmailScalar = EmailAddressResolver;
export const CountryCodeScalar = CountryCodeResolver;
