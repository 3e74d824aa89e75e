import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CountryCodeScalar } from '../platform/scalars';
import { Region } from './regions';

@ObjectType({ description: 'A country of operation and the data residency region it implies.' })
@Entity({ name: 'supported_country' })
export class SupportedCountry {
  @Field(() => CountryCodeScalar, { description: 'ISO 3166-1 alpha-2 code.' })
  @PrimaryColumn({ type: 'char', length: 2 })
  code: string;

  @Field({ description: "The country's name in English." })
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { description: 'The data residency region (contact center data-center code), such as us1 or eu2.' })
  @Column({ type: 'text' })
  region: Region;

  @Field({ description: 'Whether Webex Contact Center may be sold in this country.' })
  @Column({ name: 'contact_center_sold', type: 'boolean' })
  contactCenterSold: boolean;

  @Field(() => Int, { description: 'Optimistic version: pass it back to supportedCountryUpdate.' })
  @Column({ type: 'int', default: 1 })
  version: number;
}
