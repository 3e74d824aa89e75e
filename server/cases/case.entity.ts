import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { EmailScalar } from '../platform/scalars';

export enum CaseKind {
  PARTNER_ORG_INCORRECT = 'PARTNER_ORG_INCORRECT',
  CUSTOMER_ORG_INCORRECT = 'CUSTOMER_ORG_INCORRECT',
  TRIAL_EXPIRED = 'TRIAL_EXPIRED',
  OTHER = 'OTHER',
}
registerEnumType(CaseKind, { name: 'CaseKind', description: 'What the provisioning contact reported.' });

export enum CaseStatus {
  OPEN = 'OPEN',
  RESOLVED = 'RESOLVED',
}
registerEnumType(CaseStatus, { name: 'CaseStatus' });

@ObjectType({ description: 'A problem raised from the wizard for a Cisco representative to fix.' })
@Entity({ name: 'support_case' })
export class Case {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => CaseKind)
  @Column({ type: 'text' })
  kind: CaseKind;

  @Field(() => CaseStatus)
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

  @Field()
  @Column({ type: 'text' })
  message: string;

  @Field(() => EmailScalar, { description: 'The provisioning contact who reported it.' })
  @Column({ name: 'reporter_email', type: 'text' })
  reporterEmail: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  resolution: string | null;

  @Column({ name: 'resolved_by_staff_id', type: 'uuid', nullable: true })
  resolvedByStaffId: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Field()
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Int)
  @Column({ type: 'int', default: 1 })
  version: number;
}
