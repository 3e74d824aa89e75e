import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Region } from '../countries/regions';
import { CountryCodeScalar, EmailScalar } from '../platform/scalars';

export enum TrialStatus {
  NONE = 'NONE',
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  CONVERTED = 'CONVERTED',
}
registerEnumType(TrialStatus, {
  name: 'TrialStatus',
  description: 'Where a customer org stands as a trial.',
  valuesConfig: {
    NONE: { description: 'Never a trial.' },
    ACTIVE: { description: 'A trial whose expiry is still ahead.' },
    EXPIRED: { description: 'A trial past its expiry: it blocks the wizard until a representative extends it.' },
    CONVERTED: { description: 'A trial that an order was mapped onto.' },
  },
});

@ObjectType({ description: "A customer's Webex organization, where Webex Contact Center is provisioned.", simpleResolvers: true })
@Entity({ name: 'customer_org' })
export class CustomerOrg {
  @Field(() => ID, { description: "The org's id (UUID)." })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: "The customer's company name, as the org is called in Webex." })
  @Column({ type: 'text' })
  name: string;

  @Field(() => EmailScalar, { description: "The org's administrator (the customer admin named in the wizard, or the trial admin)." })
  @Column({ name: 'admin_email', type: 'text' })
  adminEmail: string;

  @Field(() => CountryCodeScalar, { description: 'Country of operation.' })
  @Column({ name: 'country_code', type: 'char', length: 2 })
  countryCode: string;

  @Field(() => String, { description: 'Data residency region, derived from the country of operation.' })
  @Column({ name: 'data_residency_region', type: 'text' })
  dataResidencyRegion: Region;

  @Field(() => String, { description: 'Where contact center data lives: defaults to the region, changeable later.' })
  @Column({ name: 'contact_center_data_location', type: 'text' })
  contactCenterDataLocation: Region;

  @Column({ name: 'partner_org_id', type: 'uuid', nullable: true })
  partnerOrgId: string | null;

  /** Stored state; what clients see is `effectiveTrialStatus`, which also knows the clock. */
  @Column({ name: 'trial_status', type: 'text', default: TrialStatus.NONE })
  trialStatus: TrialStatus;

  @Field(() => EmailScalar, {
    nullable: true,
    description: "For a trial org: the administrator who started it; the converting order's admin must be the same person.",
  })
  @Column({ name: 'trial_admin_email', type: 'text', nullable: true })
  trialAdminEmail: string | null;

  @Field(() => Date, { nullable: true, description: 'When the trial started (UTC instant); null for an org that was never a trial.' })
  @Column({ name: 'trial_started_at', type: 'timestamptz', nullable: true })
  trialStartedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the trial ends (UTC instant); null for an org that was never a trial.' })
  @Column({ name: 'trial_expires_at', type: 'timestamptz', nullable: true })
  trialExpiresAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When an order converted the trial (UTC instant); null until then.' })
  @Column({ name: 'trial_converted_at', type: 'timestamptz', nullable: true })
  trialConvertedAt: Date | null;

  @Field(() => Int, { description: 'How many times the trial was extended.' })
  @Column({ name: 'trial_extension_count', type: 'int', default: 0 })
  trialExtensionCount: number;

  @Field(() => Date, { nullable: true, description: 'When the trial first lapsed; kept after an extension.' })
  @Column({ name: 'trial_expired_at', type: 'timestamptz', nullable: true })
  trialExpiredAt: Date | null;

  @Field(() => Int, { description: 'Optimistic version: pass it back to customerOrgUpdate.' })
  @Column({ type: 'int', default: 1 })
  version: number;

  @Field({ description: 'When the org was created (UTC instant).' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field({ description: 'When the org last changed (UTC instant).' })
  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** An ACTIVE trial whose expiry has passed is EXPIRED, whether or not a job has noted it yet. */
/** Records that the trial lapsed, once: the first lapse is what the trial metrics count. */
export function noteTrialLapse(org: CustomerOrg, now: Date): void {
  if (effectiveTrialStatus(org, now) === TrialStatus.EXPIRED && !org.trialExpiredAt) org.trialExpiredAt = org.trialExpiresAt;
}

export function effectiveTrialStatus(org: Pick<CustomerOrg, 'trialStatus' | 'trialExpiresAt'>, now: Date): TrialStatus {
  if (org.trialStatus === TrialStatus.ACTIVE && org.trialExpiresAt && org.trialExpiresAt <= now) return TrialStatus.EXPIRED;
  return org.trialStatus;
}
