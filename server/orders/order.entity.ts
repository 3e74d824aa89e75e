import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { EmailLanguage } from '../mail/outbox-email.entity';
import type { Language } from '../platform/messages';
import { DateScalar, EmailScalar } from '../platform/scalars';

export enum OrderStatus {
  BOOKED = 'BOOKED',
  AWAITING_PROVISIONING_DETAILS = 'AWAITING_PROVISIONING_DETAILS',
  MAPPED = 'MAPPED',
  CLOSED = 'CLOSED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(OrderStatus, {
  name: 'OrderStatus',
  description: 'Where an order stands in its life, from booking to mapping.',
  valuesConfig: {
    BOOKED: { description: 'Submitted; the requested start date is in the future.' },
    AWAITING_PROVISIONING_DETAILS: { description: 'The Set up now email went out; the wizard may run.' },
    MAPPED: { description: 'The wizard was confirmed: the point of no return.' },
    CLOSED: { description: 'The setup window ran out before mapping.' },
    CANCELLED: { description: 'Cancelled by the commerce integration or a representative.' },
  },
});

/** Offers whose code starts with A-FLEX get a 7-day setup window; every other offer 30 days. */
export function setupWindowDays(offerCode: string): number {
  return /^A-?FLEX/i.test(offerCode.trim()) ? 7 : 30;
}

@ObjectType({ description: 'A Webex Contact Center order placed by a partner for a customer.', simpleResolvers: true })
@Entity({ name: 'orders' })
export class Order {
  @Field(() => ID, { description: "The order's id (UUID)." })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: '"Sub" followed by letters, digits or dashes; unique.' })
  @Column({ name: 'subscription_id', type: 'text' })
  subscriptionId: string;

  @Field({ description: "The commerce system's order number." })
  @Column({ name: 'commerce_order_number', type: 'text' })
  commerceOrderNumber: string;

  @Field(() => String, { nullable: true, description: "The partner's purchase order number, when given." })
  @Column({ name: 'purchase_order_number', type: 'text', nullable: true })
  purchaseOrderNumber: string | null;

  @Field({ description: 'The offer bought; codes starting with A-FLEX get a 7-day setup window.' })
  @Column({ name: 'offer_code', type: 'text' })
  offerCode: string;

  @Field(() => Int, { description: 'How many agent seats were bought.' })
  @Column({ type: 'int' })
  seats: number;

  @Field(() => DateScalar, { description: 'The calendar date (UTC) on which the Set up now email goes out.' })
  @Column({ name: 'requested_start_date', type: 'date' })
  requestedStartDate: string;

  @Field(() => EmailScalar, { description: 'Who receives the Set up now email and runs the wizard (a person or an alias).' })
  @Column({ name: 'provisioning_contact_email', type: 'text' })
  provisioningContactEmail: string;

  @Field(() => EmailLanguage, {
    description:
      'The language of the emails to the provisioning contact: the one the order was submitted with, then the one the contact last used the wizard in; en when neither.',
  })
  @Column({ type: 'text', default: 'en' })
  language: Language;

  /**
   * Reminders due up to this instant are settled: sent, or passed over because a fresh Set up now email went out after
   * them. Null on a row no Set up now email of the server's went out for (the demo data): no reminders.
   */
  @Column({ name: 'reminded_through', type: 'timestamptz', nullable: true })
  remindedThrough: Date | null;

  @Field(() => OrderStatus, { description: 'Where the order stands in its life.' })
  @Column({ type: 'text' })
  status: OrderStatus;

  @Field(() => Int, { description: '7 for A-Flex offers, 30 otherwise.' })
  @Column({ name: 'setup_window_days', type: 'int' })
  setupWindowDays: number;

  @Field(() => Date, { nullable: true, description: 'When the latest Set up now email went out.' })
  @Column({ name: 'setup_email_sent_at', type: 'timestamptz', nullable: true })
  setupEmailSentAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the setup window closes.' })
  @Column({ name: 'window_closes_at', type: 'timestamptz', nullable: true })
  windowClosesAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the wizard mapped the order to its orgs (UTC instant); null until then.' })
  @Column({ name: 'mapped_at', type: 'timestamptz', nullable: true })
  mappedAt: Date | null;

  @Column({ name: 'partner_org_id', type: 'uuid', nullable: true })
  partnerOrgId: string | null;

  @Column({ name: 'customer_org_id', type: 'uuid', nullable: true })
  customerOrgId: string | null;

  @Column({ name: 'trial_customer_org_id', type: 'uuid', nullable: true })
  trialCustomerOrgId: string | null;

  @Column({ name: 'mapped_by_session_id', type: 'uuid', nullable: true })
  mappedBySessionId: string | null;

  @Field(() => Int, { description: 'Optimistic version, raised by each change.' })
  @Column({ type: 'int', default: 1 })
  version: number;

  @Field({ description: 'When the order was submitted (UTC instant).' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field({ description: 'When the order last changed (UTC instant).' })
  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
