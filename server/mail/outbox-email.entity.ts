import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { EmailScalar } from '../platform/scalars';

export enum EmailKind {
  SETUP_LINK = 'SETUP_LINK',
  DELEGATED_SETUP_LINK = 'DELEGATED_SETUP_LINK',
  WELCOME = 'WELCOME',
  SETUP_REMINDER = 'SETUP_REMINDER',
  CASE_RESOLVED = 'CASE_RESOLVED',
  WEBHOOK_ENDPOINT_DISABLED = 'WEBHOOK_ENDPOINT_DISABLED',
}
registerEnumType(EmailKind, {
  name: 'EmailKind',
  description: "Which email an outbox email is: one of an order's life, or a notice to staff.",
  valuesConfig: {
    SETUP_LINK: { description: 'The Set up now email to the provisioning contact.' },
    DELEGATED_SETUP_LINK: { description: 'The Set up now email to a colleague the contact handed the setup to.' },
    WELCOME: { description: 'The welcome email to the customer administrator after mapping.' },
    SETUP_REMINDER: {
      description: "A reminder to the provisioning contact, with a fresh link, before the order's setup window closes.",
    },
    CASE_RESOLVED: {
      description: 'To the person who reported a problem from the wizard, in the language they reported it in: what a representative did.',
    },
    WEBHOOK_ENDPOINT_DISABLED: {
      description:
        'To each enabled ADMIN, in English: a webhook endpoint was disabled after three days of failed deliveries. Belongs to no order.',
    },
  },
});

/** The languages the emails are written in: an order's contact gets them in the order's language. */
export enum EmailLanguage {
  en = 'en',
  bg = 'bg',
}
registerEnumType(EmailLanguage, {
  name: 'Language',
  description: "A language the emails (and the API's messages) are written in.",
  valuesConfig: {
    en: { description: 'English.' },
    bg: { description: 'Bulgarian.' },
  },
});

export enum EmailStatus {
  PENDING = 'PENDING',
  SENT = 'SENT',
}
registerEnumType(EmailStatus, {
  name: 'EmailStatus',
  description: 'Whether an outbox email has been delivered to the mail relay.',
  valuesConfig: {
    PENDING: { description: 'Not delivered yet: waiting for its first attempt, or for a retry after a failure (see lastError).' },
    SENT: { description: 'Accepted by the mail relay.' },
  },
});

@ObjectType({ description: 'An email in the outbox: written with the change that caused it, delivered with retries.' })
@Entity({ name: 'outbox_email' })
export class OutboxEmail {
  @Field(() => ID, { description: "The email's id (UUID)." })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => EmailKind, { description: "Which email of the order's life this is." })
  @Column({ type: 'text' })
  kind: EmailKind;

  /** null for an email about no order (WEBHOOK_ENDPOINT_DISABLED). */
  @Column({ name: 'order_id', type: 'uuid', nullable: true })
  orderId: string | null;

  @Column({ name: 'setup_link_id', type: 'uuid', nullable: true })
  setupLinkId: string | null;

  @Field(() => EmailScalar, { description: 'Where it is sent.' })
  @Column({ type: 'text' })
  recipient: string;

  @Field({ description: "The subject line, in the recipient's language." })
  @Column({ type: 'text' })
  subject: string;

  /** The bodies carry the link's token until delivery, so they are not exposed. */
  @Column({ name: 'text_body', type: 'text' })
  textBody: string;

  @Column({ name: 'html_body', type: 'text' })
  htmlBody: string;

  @Field(() => EmailStatus, { description: 'Whether it has been delivered to the mail relay.' })
  @Column({ type: 'text' })
  status: EmailStatus;

  @Field(() => Int, { description: 'Delivery attempts so far.' })
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Field({ description: 'When the next delivery attempt is due.' })
  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt: Date;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' })
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'logged_at', type: 'timestamptz', nullable: true })
  loggedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the relay accepted it (UTC instant); null until then.' })
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Field({ description: 'When it was written to the outbox, with the change that caused it (UTC instant).' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
