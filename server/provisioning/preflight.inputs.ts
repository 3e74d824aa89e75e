import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'An order as the commerce system is about to book it: what the wizard will meet with it.' })
export class OrderPreflightInput {
  @Field({ description: 'Who will receive the Set up now email, as orderSubmit would take it.' })
  provisioningContactEmail: string;

  @Field(() => String, {
    nullable: true,
    description: "The customer administrator the contact is expected to enter at step 4; the admin's findings are left out without it.",
  })
  customerAdminEmail?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The customer's country of operation (ISO 3166 two-letter code), as step 5 would take it; not checked without it.",
  })
  countryCode?: string | null;

  @Field(() => ID, { nullable: true, description: 'For a trial conversion: the trial customer org, as orderSubmit would take it.' })
  trialCustomerOrgId?: string | null;
}
