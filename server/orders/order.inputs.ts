import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { SortDirection } from '../platform/pagination';
import { Order, OrderStatus } from './order.entity';

@InputType({
  description:
    'A new order from the commerce system. Dates and emails are plain strings so that a malformed one is refused as a user error naming the field.',
})
export class OrderSubmitInput implements Partial<Omit<Order, 'language'>> {
  @Field({ description: '"Sub" followed by letters, digits or dashes.' })
  subscriptionId: string;

  @Field({ description: "The commerce system's order number, 1 to 64 characters." })
  commerceOrderNumber: string;

  @Field(() => String, { nullable: true, description: "The partner's purchase order number, when there is one." })
  purchaseOrderNumber?: string | null;

  @Field({ description: 'Offers whose code starts with A-FLEX get a 7-day setup window; others 30 days.' })
  offerCode: string;

  @Field(() => Int, { description: 'How many agent seats, 1 to 100,000.' })
  seats: number;

  @Field({ description: 'YYYY-MM-DD (UTC). The Set up now email goes out on that day, or at once when it is today or past.' })
  requestedStartDate: string;

  @Field({ description: 'Who receives the Set up now email (a person or an alias); must be a valid email.' })
  provisioningContactEmail: string;

  @Field(() => ID, { nullable: true, description: 'For a trial conversion: the trial customer org the order must land on.' })
  trialCustomerOrgId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'en or bg: the language of the emails to the provisioning contact until the contact uses the wizard in another; en when left out. Anything else is refused as INVALID_LANGUAGE.',
  })
  language?: string | null;
}

@InputType({ description: 'Which order to act on.' })
export class OrderActionInput {
  @Field(() => ID, { description: "The order's id." })
  orderId: string;
}

@InputType({ description: 'A new provisioning contact for an order.' })
export class OrderChangeProvisioningContactInput {
  @Field(() => ID, { description: "The order's id." })
  orderId: string;

  @Field({ description: 'The new provisioning contact (a person or an alias).' })
  email: string;
}

@InputType({ description: 'Order list filters; all are optional and combine with AND.' })
export class OrderFilter {
  @Field(() => [OrderStatus], { nullable: true, description: 'Only orders in one of these states.' })
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

  @Field({ nullable: true, description: 'Only orders of this offer code.' })
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
registerEnumType(OrderSortField, {
  name: 'OrderSortField',
  description: 'A column the order list sorts by.',
  valuesConfig: {
    REQUESTED_START_DATE: { description: 'The requested start date.' },
    CREATED_AT: { description: 'When the order was submitted.' },
    SUBSCRIPTION_ID: { description: 'The subscription id, alphabetically.' },
    STATUS: { description: 'The status, alphabetically.' },
    WINDOW_CLOSES_AT: { description: 'When the setup window closes.' },
  },
});

@InputType({ description: 'How to sort the order list.' })
export class OrderSort {
  @Field(() => OrderSortField, { defaultValue: OrderSortField.CREATED_AT, description: 'The column to sort by; createdAt when left out.' })
  field: OrderSortField = OrderSortField.CREATED_AT;

  @Field(() => SortDirection, { defaultValue: SortDirection.DESC, description: 'The direction; newest or largest first when left out.' })
  direction: SortDirection = SortDirection.DESC;
}
