import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CountryCodeScalar, EmailScalar } from '../platform/scalars';

@ObjectType({ description: "A Cisco partner's Webex organization: it manages customer orgs.", simpleResolvers: true })
@Entity({ name: 'partner_org' })
export class PartnerOrg {
  @Field(() => ID, { description: "The org's id (UUID)." })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: "The partner's company name." })
  @Column({ type: 'text' })
  name: string;

  @Field(() => EmailScalar, { description: "The partner org's administrator." })
  @Column({ name: 'admin_email', type: 'text' })
  adminEmail: string;

  @Field(() => CountryCodeScalar, { description: "The partner's country (ISO 3166-1 alpha-2)." })
  @Column({ name: 'country_code', type: 'char', length: 2 })
  countryCode: string;

  @Field(() => Int, { description: 'Optimistic version: pass it back to partnerOrgUpdate.' })
  @Column({ type: 'int', default: 1 })
  version: number;

  @Field({ description: 'When the org was created (UTC instant).' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field({ description: 'When the org last changed (UTC instant).' })
  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
