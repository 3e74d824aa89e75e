import { Field, ID, InputType, Int } from 'type-graphql';
import { CustomerOrg, TrialStatus } from './customer-org.entity';
import type { PartnerOrg } from './partner-org.entity';

@InputType({ description: 'A trial of Webex Contact Center for a customer org that does not exist yet.' })
export class CustomerOrgStartTrialInput implements Partial<CustomerOrg> {
  @Field({ description: "The customer's company name, 1 to 200 characters." })
  companyName: string;

  @Field({ description: 'ISO 3166-1 alpha-2 code of a country where Webex Contact Center is sold.' })
  countryCode: string;

  @Field({ description: 'The trial administrator; becomes the admin user of the new org.' })
  adminEmail: string;

  @Field(() => Int, { description: 'Length of the trial, 1 to 90 days.' })
  days: number;

  @Field(() => ID, { nullable: true, description: 'The partner org that manages the customer, when there is one.' })
  partnerOrgId?: string | null;
}

@InputType({ description: 'A correction to a customer org. Fields left out stay as they are.' })
export class CustomerOrgUpdateInput implements Partial<Omit<CustomerOrg, 'trialExpiresAt' | 'contactCenterDataLocation'>> {
  @Field(() => ID, { description: 'The customer org to correct.' })
  id: string;

  @Field(() => Int, { description: 'The version read; a change made by someone else since is refused with STALE_VERSION.' })
  version: number;

  @Field({ nullable: true, description: 'The corrected company name.' })
  name?: string;

  @Field({ nullable: true, description: 'The country of operation; the data residency region follows it.' })
  countryCode?: string;

  @Field({ nullable: true, description: 'A region code (us1, eu2, ...).' })
  contactCenterDataLocation?: string;

  @Field({ nullable: true, description: 'A new trial expiry, ISO 8601 date and time.' })
  trialExpiresAt?: string;
}

@InputType({ description: 'Extends the trial of a customer org.' })
export class CustomerOrgExtendTrialInput {
  @Field(() => ID, { description: 'The trial customer org.' })
  id: string;

  @Field(() => Int, { nullable: true, description: 'New expiry: today plus this many days (1 to 90, default 30).' })
  days?: number | null;
}

@InputType({ description: 'A correction to a partner org. Fields left out stay as they are.' })
export class PartnerOrgUpdateInput implements Partial<PartnerOrg> {
  @Field(() => ID, { description: 'The partner org to correct.' })
  id: string;

  @Field(() => Int, { description: 'The version read; a change made by someone else since is refused with STALE_VERSION.' })
  version: number;

  @Field({ nullable: true, description: 'The corrected partner company name.' })
  name?: string;

  @Field({ nullable: true, description: 'The corrected country (ISO 3166-1 alpha-2), one where Webex Contact Center is sold.' })
  countryCode?: string;
}

@InputType({ description: 'Customer org filters; all optional, combined with AND.' })
export class CustomerOrgFilter {
  @Field({ nullable: true, description: 'Part of the name or the admin email, any case.' })
  search?: string;

  @Field({ nullable: true, description: 'Only orgs operating in this country (ISO 3166-1 alpha-2).' })
  countryCode?: string;

  @Field(() => TrialStatus, { nullable: true, description: 'EXPIRED includes active trials past their expiry.' })
  trialStatus?: TrialStatus;

  @Field(() => ID, { nullable: true, description: 'Only customers managed by this partner org.' })
  partnerOrgId?: string;

  @Field({ nullable: true, description: 'Trials expiring on or before this instant (ISO 8601), for "expiring this week".' })
  trialExpiresBefore?: string;
}

@InputType({ description: 'Partner org filters; all optional, combined with AND.' })
export class PartnerOrgFilter {
  @Field({ nullable: true, description: 'Part of the name or the admin email, any case.' })
  search?: string;

  @Field({ nullable: true, description: 'Only partners in this country (ISO 3166-1 alpha-2).' })
  countryCode?: string;
}
