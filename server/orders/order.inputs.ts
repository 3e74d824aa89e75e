import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { SortDirection } from '../platform/pagination';
import { Order, OrderStatus } from './order.entity';

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

@InputType({ description: 'Which order to act on.' })
export class OrderActionInput {
  @Field(() => ID)
  orderId: string;
}

@InputType()
export class OrderChangeProvisioningContactInput {
  @Field(() => ID)
  orderId: string;

  @Field({ description: 'The new provisioning contact (a person or an alias).' })
  email: string;
}

@InputType({ description: 'Order list filters; all are optional and combine with AND.' })
export class OrderFilter {
  @Field(() => [OrderStatus], { nullable: true })
  status?: OrderStatus[];

  @Field({ nullable: true, description: 'Requested start date on or after, YYYY-MM-DD.' })
  requestedStartDateFrom?: string;

  @Field({ nullable: true, description: 'Requested start date on or before, YYYY-MM-DD.' })
  requestedStartDateTo?: string;

  @Field(() => ID, { nullable: true, description: 'Mapped to this partner org.' })
  partnerOrgId?: string;

  @Field(() => ID, { nullable: true, description: 'Mapped to, or converting the trial of, this customer org.' })
  customerOrgId?: string;

  @Field({ nullable: true, description: "The customer org's country of operation (mapped orders and trial conversions)." })
  countryCode?: string;

  @Field({ nullable: true })
  offerCode?: string;

  @Field({ nullable: true, description: 'Part of the subscription id or of the provisioning contact email, any case.' })
  search?: string;
}

export enum OrderSortField {
  REQUESTED_START_DATE = 'requestedStartDate',
  CREATED_AT = 'createdAt',
  SUBSCRIPTION_ID = 'subscriptionId',
  STATUS = 'status',
  WINDOW_CLOSES_AT = 'windowClosesAt',
}
registerEnumType(OrderSortField, { name: 'OrderSortField' });

@InputType()
export class OrderSort {
  @Field(() => OrderSortField, { defaultValue: OrderSortField.CREATED_AT })
  field: OrderSortField = OrderSortField.CREATED_AT;

  @Field(() => SortDirection, { defaultValue: SortDirection.DESC })
  direction: SortDirection = SortDirection.DESC;
}
