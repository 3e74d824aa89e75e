/** What the order fields answer: an order after a change, a page of orders, a link's state. */
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { UserError } from '../platform/errors';
import { PageType } from '../platform/pagination';
import { EmailScalar } from '../platform/scalars';
import { Order } from './order.entity';
import { SetupLinkStatus } from './setup-links';

@ObjectType({ description: 'An order after a change, or why the change was refused.' })
export class OrderPayload {
  @Field(() => Order, { nullable: true, description: 'The order after the change; null when refused.' })
  order?: Order;

  @Field(() => [UserError], { description: 'Why the change was refused; empty when it was made.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'A Set up now link as staff see it: its state, never its token.' })
export class SetupLinkState {
  @Field(() => ID, { description: "The link's id (UUID)." })
  id: string;

  @Field(() => SetupLinkStatus, { description: 'Whether the link still opens the wizard.' })
  status: SetupLinkStatus;

  @Field(() => EmailScalar, { description: 'Who the link was emailed to.' })
  recipientEmail: string;

  @Field({ description: 'When the link was issued (UTC instant).' })
  createdAt: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'When the link was revoked by a newer one, a cancellation or a contact change (UTC instant); null while valid.',
  })
  revokedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the link first started a wizard session (UTC instant); null if never opened.' })
  firstOpenedAt: Date | null;

  @Field(() => Int, { description: 'How many times the link started a wizard session.' })
  openCount: number;
}

export const OrderPage = PageType(Order);
