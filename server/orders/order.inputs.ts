import { Field, ID, InputType, Int } from 'type-graphql';
import type { Order } from './order.entity';

@InputType({
  description:
    'A new order from the commerce system. Dates and emails are plain strings so that a malformed one is refused as a user error naming the field.',
})
export class OrderSubmitInput implements Partial<Order> {
  @Field({ description: '"Sub" followed by letters, digits or dashes.' })
  subscriptionId: string;

  @Field()
  commerceOrderNumber: string;

  @Field(() => String, { nullable: true })
  purchaseOrderNumber?: string | null;

  @Field({ description: 'Offers whose code starts with A-FLEX get a 7-day setup window; others 30 days.' })
  offerCode: string;

  @Field(() => Int)
  seats: number;

  @Field({ description: 'YYYY-MM-DD (UTC). The Set up now email goes out on that day, or at once when it is today or past.' })
  requestedStartDate: string;

  @Field()
  provisioningContactEmail: string;

  @Field(() => ID, { nullable: true, description: 'For a trial conversion: the trial customer org the order must land on.' })
  trialCustomerOrgId?: string | null;
}
