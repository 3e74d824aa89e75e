import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CountryCodeScalar, EmailScalar } from '../platform/scalars';

@ObjectType({ description: "A Cisco partner's Webex organization: it manages customer orgs." })
@Entity({ name: 'partner_org' })
export class PartnerOrg {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field(() => EmailScalar)
  @Column({ name: 'admin_email', type: 'text' })
  adminEmail: string;

  @Field(() => CountryCodeScalar)
  @Column({ name: 'country_code', type: 'char', length: 2 })
  countryCode: string;

  @Field(() => Int, { description: 'Optimistic version: pass it back to partnerOrgUpdate.' })
  @Column({ type: 'int', default: 1 })
  version: number;

  @Field()
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field()
  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
