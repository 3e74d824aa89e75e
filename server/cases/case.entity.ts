import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { EmailLanguage } from '../mail/outbox-email.entity';
import type { Language } from '../platform/messages';
import { EmailScalar } from '../platform/scalars';

export enum CaseKind {
  PARTNER_ORG_INCORRECT = 'PARTNER_ORG_INCORRECT',
  CUSTOMER_ORG_INCORRECT = 'CUSTOMER_ORG_INCORRECT',
  TRIAL_EXPIRED = 'TRIAL_EXPIRED',
  OTHER = 'OTHER',
}
registerEnumType(CaseKind, {
  name: 'CaseKind',
  description: 'What the provisioning contact reported.',
  valuesConfig: {
    PARTNER_ORG_INCORRECT: { description: 'The partner org shown for review is not theirs.' },
    CUSTOMER_ORG_INCORRECT: { description: 'The customer org the order was mapped to is not theirs.' },
    TRIAL_EXPIRED: { description: 'Their trial org expired before the order could be mapped to it.' },
    OTHER: { description: 'Anything else, in their own words.' },
  },
});

export enum CaseStatus {
  OPEN = 'OPEN',
  RESOLVED = 'RESOLVED',
}
registerEnumType(CaseStatus, {
  name: 'CaseStatus',
  description: 'Where a case stands.',
  valuesConfig: {
    OPEN: { description: 'Waiting for a representative.' },
    RESOLVED: { description: 'A representative fixed it and noted how.' },
  },
});

@ObjectType({ description: 'A problem raised from the wizard for a Cisco representative to fix.' })
@Entity({ name: 'support_case' })
export class Case {
  @Field(() => ID, { description: "The case's id (UUID)." })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => CaseKind, { description: 'What the provisioning contact reported.' })
  @Column({ type: 'text' })
  kind: CaseKind;

  @Field(() => CaseStatus, { description: 'OPEN until a representative resolves it.' })
  @Column({ type: 'text' })
  status: CaseStatus;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @Column({ name: 'session_id', type: 'uuid', nullable: true })
  sessionId: string | null;

  @Column({ name: 'partner_org_id', type: 'uuid', nullable: true })
  partnerOrgId: string | null;

  @Column({ name: 'customer_org_id', type: 'uuid', nullable: true })
  customerOrgId: string | null;

  @Field({ description: "The reporter's own words, as typed in the wizard." })
  @Column({ type: 'text' })
  message: string;

  @Field(() => EmailScalar, { description: 'The provisioning contact who reported it.' })
  @Column({ name: 'reporter_email', type: 'text' })
  reporterEmail: string;

  @Field(() => EmailLanguage, {
    description:
      'The language the reporter used the wizard in when reporting: the email telling them the case is resolved is in it. Staff only.',
  })
  @Column({ name: 'reporter_language', type: 'text', default: 'en' })
  reporterLanguage: Language;

  @Field(() => String, { nullable: true, description: 'What the representative did, written when resolving; null while open. Staff only.' })
  @Column({ type: 'text', nullable: true })
  resolution: string | null;

  @Column({ name: 'resolved_by_staff_id', type: 'uuid', nullable: true })
  resolvedByStaffId: string | null;

  @Field(() => Date, { nullable: true, description: 'When the case was resolved (UTC instant); null while open.' })
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Field({ description: 'When the problem was reported (UTC instant).' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Int, { description: 'Optimistic version, raised by each change.' })
  @Column({ type: 'int', default: 1 })
  version: number;
}
