/** What the org fields answer: an org after a change, a page of orgs. */
import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../platform/errors';
import { PageType } from '../platform/pagination';
import { CustomerOrg } from './customer-org.entity';
import { PartnerOrg } from './partner-org.entity';

@ObjectType({
  description:
    'A customer org after a change, or why the change was refused (NOT_FOUND, STALE_VERSION, COUNTRY_NOT_SUPPORTED, ADMIN_EMAIL_IN_USE, NOT_A_TRIAL, TRIAL_CONVERTED, INVALID_REGION, INVALID_INSTANT, OUT_OF_RANGE and the field rules).',
})
export class CustomerOrgPayload {
  @Field(() => CustomerOrg, { nullable: true, description: 'The org after the change; null when refused.' })
  customerOrg?: CustomerOrg;

  @Field(() => [UserError], { description: 'Why the change was refused; empty when it was made.' })
  userErrors: UserError[];
}

@ObjectType({
  description:
    'A partner org after a change, or why the change was refused (NOT_FOUND, STALE_VERSION, COUNTRY_NOT_SUPPORTED and the field rules).',
})
export class PartnerOrgPayload {
  @Field(() => PartnerOrg, { nullable: true, description: 'The org after the change; null when refused.' })
  partnerOrg?: PartnerOrg;

  @Field(() => [UserError], { description: 'Why the change was refused; empty when it was made.' })
  userErrors: UserError[];
}

export const CustomerOrgPage = PageType(CustomerOrg);
export const PartnerOrgPage = PageType(PartnerOrg);

@ObjectType({
  description: "Where a customer org's data would be if its country changed: the server's rule, for a form to show before saving.",
})
export class CustomerOrgLocation {
  @Field({ description: "The country's data residency region, which the org's would become." })
  dataResidencyRegion: string;

  @Field({
    description:
      'The contact center data location the org would have: the new region when its location is still at its region, the one chosen on purpose otherwise.',
  })
  contactCenterDataLocation: string;
}
