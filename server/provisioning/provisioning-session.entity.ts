import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CountryCodeScalar, EmailScalar } from '../platform/scalars';
import { CustomerOrgChoice, Draft, SetupPerformer, SetupRole, WizardStep } from './steps';

export enum SessionStatus {
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
  ABANDONED = 'ABANDONED',
  EXPIRED = 'EXPIRED',
  DELEGATED = 'DELEGATED',
  SUPERSEDED = 'SUPERSEDED',
}
registerEnumType(SessionStatus, {
  name: 'SessionStatus',
  description: 'Whether a wizard session is under way, or how it ended.',
  valuesConfig: {
    ACTIVE: { description: 'Under way.' },
    COMPLETED: { description: 'Confirmed: the order was mapped.' },
    ABANDONED: { description: 'Left explicitly; its answers were erased.' },
    EXPIRED: { description: '60 minutes without activity; its answers were erased.' },
    DELEGATED: { description: 'Handed to another person in the partner company, who got a new link.' },
    SUPERSEDED: { description: 'The link was opened again, which started a newer session.' },
  },
});

@ObjectType({ description: 'The answers given so far in a session; empty once a session ends without confirming.' })
export class ProvisioningAnswers {
  @Field(() => SetupRole, { nullable: true, description: 'The answer to the ROLE step: a partner or the customer.' })
  role?: SetupRole;

  @Field(() => SetupPerformer, {
    nullable: true,
    description: 'The answer to the SETUP_PERFORMER step: the contact sets up, or hands it to a colleague.',
  })
  performer?: SetupPerformer;

  @Field(() => Boolean, { nullable: true, description: 'True when the existing partner org was reviewed and kept.' })
  partnerOrgUseExisting?: boolean;

  @Field(() => EmailScalar, { nullable: true, description: 'Admin email of the partner org to be created.' })
  partnerAdminEmail?: string;

  @Field(() => String, { nullable: true, description: 'Company name of the partner org to be created.' })
  partnerCompanyName?: string;

  @Field(() => CountryCodeScalar, {
    nullable: true,
    description: 'Country of the partner org to be created (ISO 3166-1 alpha-2), as the partner chose it.',
  })
  partnerCountryCode?: string;

  @Field(() => EmailScalar, { nullable: true, description: "The answer to the CUSTOMER_ADMIN step: the customer org's administrator." })
  customerAdminEmail?: string;

  @Field(() => String, { nullable: true, description: "The answer to the CUSTOMER_COMPANY step: the customer's company name." })
  companyName?: string;

  @Field(() => CountryCodeScalar, {
    nullable: true,
    description: "The answer to the CUSTOMER_COMPANY step: the customer's country of operation (ISO 3166-1 alpha-2).",
  })
  countryCode?: string;

  @Field(() => CustomerOrgChoice, {
    nullable: true,
    description: 'The answer to the CUSTOMER_ORG step: a new customer org, or the existing one.',
  })
  customerOrgChoice?: CustomerOrgChoice;
}

@ObjectType({ description: 'One pass through the order setup wizard, for one order.' })
@Entity({ name: 'provisioning_session' })
export class ProvisioningSession {
  @Field(() => ID, { description: "The session's id (UUID)." })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @Column({ name: 'setup_link_id', type: 'uuid' })
  setupLinkId: string;

  @Column({ name: 'token_hash', type: 'bytea', select: false })
  tokenHash: Buffer;

  @Field(() => EmailScalar, { description: 'The provisioning contact who opened the link.' })
  @Column({ name: 'contact_email', type: 'text' })
  contactEmail: string;

  @Field(() => SessionStatus, { description: 'Whether the session is under way or how it ended.' })
  @Column({ type: 'text' })
  status: SessionStatus;

  @Field(() => WizardStep, { description: 'The step awaiting an answer (CONFIRM when all are in, DONE once mapped).' })
  @Column({ name: 'current_step', type: 'text' })
  currentStep: WizardStep;

  @Field(() => WizardStep, { description: 'The furthest step this session reached; kept after the answers are erased.' })
  @Column({ name: 'furthest_step', type: 'text' })
  furthestStep: WizardStep;

  @Column({ type: 'jsonb' })
  draft: Draft;

  @Field({ description: 'When the Set up now link started the session (UTC instant).' })
  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Field({ description: 'When the session was last used (UTC instant); it expires after 60 idle minutes.' })
  @Column({ name: 'last_activity_at', type: 'timestamptz' })
  lastActivityAt: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'When the session completed, was abandoned, expired or was superseded (UTC instant); null while ACTIVE.',
  })
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @Field(() => ProvisioningAnswers, { description: 'The answers given so far, step by step; a field is null until its step is answered.' })
  get answers(): ProvisioningAnswers {
    const { role, performer, partnerOrg, customerAdminEmail, customerCompany, customerOrg } = this.draft;
    return {
      role,
      performer,
      partnerOrgUseExisting: partnerOrg?.useExisting,
      partnerAdminEmail: partnerOrg && !partnerOrg.useExisting ? partnerOrg.adminEmail : undefined,
      partnerCompanyName: partnerOrg && !partnerOrg.useExisting ? partnerOrg.companyName : undefined,
      partnerCountryCode: partnerOrg && !partnerOrg.useExisting ? (partnerOrg.countryCode ?? undefined) : undefined,
      customerAdminEmail,
      companyName: customerCompany?.name,
      countryCode: customerCompany?.countryCode,
      customerOrgChoice: customerOrg?.choice,
    };
  }

  @Field(() => String, { nullable: true, description: 'After step 5: the data residency region the country implies.' })
  get dataResidencyRegion(): string | null {
    return this.draft.customerCompany?.region ?? null;
  }

  @Field(() => String, {
    nullable: true,
    description: 'After step 5: the contact center data location, which defaults to the region and can be changed later.',
  })
  get contactCenterDataLocation(): string | null {
    return this.draft.customerCompany?.region ?? null;
  }
}

export enum SessionEventKind {
  STARTED = 'STARTED',
  STEP_ANSWERED = 'STEP_ANSWERED',
  COMPLETED = 'COMPLETED',
  ABANDONED = 'ABANDONED',
  EXPIRED = 'EXPIRED',
  DELEGATED = 'DELEGATED',
  SUPERSEDED = 'SUPERSEDED',
}

registerEnumType(SessionEventKind, {
  name: 'SessionEventKind',
  description: 'What happened in a wizard session.',
  valuesConfig: {
    STARTED: { description: 'A Set up now link started the session.' },
    STEP_ANSWERED: { description: 'A step was answered.' },
    COMPLETED: { description: 'The answers were confirmed and the order mapped.' },
    ABANDONED: { description: 'The contact left the wizard.' },
    EXPIRED: { description: '60 minutes passed without activity.' },
    DELEGATED: { description: 'The setup was handed to a colleague.' },
    SUPERSEDED: { description: 'A newer session of the same order took over.' },
  },
});

/** One row per thing that happened in a session, append-only: a session's step timeline. */
@ObjectType({ description: 'Something that happened in a wizard session: it started, a step was answered, or it ended.' })
@Entity({ name: 'provisioning_event' })
export class ProvisioningEvent {
  @Field(() => ID, { description: "The event's id; ids grow with time." })
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @Field(() => SessionEventKind, { description: 'What happened.' })
  @Column({ type: 'text' })
  kind: SessionEventKind;

  @Field(() => WizardStep, { nullable: true, description: 'For STEP_ANSWERED: the step answered.' })
  @Column({ type: 'text', nullable: true })
  step: WizardStep | null;

  @Field({ description: 'When it happened (UTC instant).' })
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;
}
