/**
 * The partner_org and customer_org tables in fixed SQL, for the operations run inside a caller's
 * transaction: creating an org with its administrator (written once, for the wizard and for trials)
 * and adopting an existing customer org for a mapped order; and the orgs a list's rows point at, read
 * by id on every list request (prepared statements). A row becomes the entity with the values TypeORM
 * would load. Nothing outside orgs/ writes these tables.
 */
import { EntityManager } from 'typeorm';
import { queryPrepared } from '../platform/prepared';
import { CustomerOrg, TrialStatus } from './customer-org.entity';
import { PartnerOrg } from './partner-org.entity';

const PARTNER_ORG_COLUMNS = 'id, name, admin_email, country_code, version, created_at, updated_at';
// An org and its administrator's webex_user row, in one statement.
const INSERT_PARTNER_ORG = `WITH org AS (
    INSERT INTO partner_org (name, admin_email, country_code, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)
    RETURNING ${PARTNER_ORG_COLUMNS}),
  admin AS (INSERT INTO webex_user (email, partner_org_id, created_at) SELECT $5, id, $4 FROM org)
  SELECT ${PARTNER_ORG_COLUMNS} FROM org`;

/**
 * A new partner org and its administrator, a Webex user of it. Fails with a unique violation on
 * webex_user_email_key (memberships.ts, isEmailTaken) when the administrator already belongs to an org.
 */
export async function createPartnerOrg(
  m: EntityManager,
  org: { name: string; adminEmail: string; countryCode: string },
  now: Date,
): Promise<PartnerOrg> {
  const [row] = await m.query(INSERT_PARTNER_ORG, [org.name, org.adminEmail, org.countryCode, now, org.adminEmail.trim()]);
  return partnerOrgOfRow(row);
}

const PARTNER_ORGS_BY_IDS = `SELECT ${PARTNER_ORG_COLUMNS} FROM partner_org WHERE id = ANY($1)`;

/** The partner orgs with these ids that exist, in no particular order. */
export async function partnerOrgsWithIds(m: EntityManager, ids: readonly string[]): Promise<PartnerOrg[]> {
  return ids.length ? (await queryPrepared(m, PARTNER_ORGS_BY_IDS, [ids])).map(partnerOrgOfRow) : [];
}

/** A partner_org row (PARTNER_ORG_COLUMNS) as the entity. */
function partnerOrgOfRow(row: Record<string, any>): PartnerOrg {
  return Object.assign(new PartnerOrg(), {
    id: row.id,
    name: row.name,
    adminEmail: row.admin_email,
    countryCode: row.country_code,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

const CUSTOMER_ORG_COLUMNS = `id, name, admin_email, country_code, data_residency_region, contact_center_data_location, partner_org_id,
  trial_status, trial_admin_email, trial_started_at, trial_expires_at, trial_converted_at, trial_extension_count, trial_expired_at,
  version, created_at, updated_at`;
const INSERT_CUSTOMER_ORG = `WITH org AS (
    INSERT INTO customer_org
      (name, admin_email, country_code, data_residency_region, contact_center_data_location, partner_org_id,
       trial_status, trial_admin_email, trial_started_at, trial_expires_at, created_at, updated_at)
    VALUES ($1, $2, $3, $4, $4, $5, $6, $7, $8, $9, $10, $10)
    RETURNING ${CUSTOMER_ORG_COLUMNS}),
  admin AS (INSERT INTO webex_user (email, customer_org_id, created_at) SELECT $11, id, $10 FROM org)
  SELECT ${CUSTOMER_ORG_COLUMNS} FROM org`;

export interface NewCustomerOrg {
  name: string;
  adminEmail: string;
  countryCode: string;
  /** The country's region: the org's data residency region and, to start with, its contact center data location. */
  region: string;
  partnerOrgId: string | null;
  /** A trial org: when its trial ends. Its administrator is the trial's. */
  trialExpiresAt?: Date;
}

/**
 * A new customer org and its administrator, a Webex user of it. Fails with a unique violation on
 * webex_user_email_key (memberships.ts, isEmailTaken) when the administrator already belongs to an org.
 */
export async function createCustomerOrg(m: EntityManager, org: NewCustomerOrg, now: Date): Promise<CustomerOrg> {
  const trial = org.trialExpiresAt !== undefined;
  const [row] = await m.query(INSERT_CUSTOMER_ORG, [
    org.name,
    org.adminEmail,
    org.countryCode,
    org.region,
    org.partnerOrgId,
    trial ? TrialStatus.ACTIVE : TrialStatus.NONE,
    trial ? org.adminEmail : null,
    trial ? now : null,
    trial ? org.trialExpiresAt : null,
    now,
    org.adminEmail.trim(),
  ]);
  return customerOrgOfRow(row);
}

/**
 * An existing customer org takes a mapped order: it gets the order's partner org when it has none,
 * and an active trial is converted (the wizard refuses an expired one before).
 */
export async function adoptCustomerOrg(m: EntityManager, org: CustomerOrg, partnerOrgId: string | null, now: Date): Promise<void> {
  await m.update(
    CustomerOrg,
    { id: org.id },
    {
      partnerOrgId: org.partnerOrgId ?? partnerOrgId,
      ...(org.trialStatus === TrialStatus.ACTIVE ? { trialStatus: TrialStatus.CONVERTED, trialConvertedAt: now } : {}),
      updatedAt: now,
      version: org.version + 1,
    },
  );
}

const CUSTOMER_ORGS_BY_IDS = `SELECT ${CUSTOMER_ORG_COLUMNS} FROM customer_org WHERE id = ANY($1)`;

/** The customer orgs with these ids that exist, in no particular order. */
export async function customerOrgsWithIds(m: EntityManager, ids: readonly string[]): Promise<CustomerOrg[]> {
  return ids.length ? (await queryPrepared(m, CUSTOMER_ORGS_BY_IDS, [ids])).map(customerOrgOfRow) : [];
}

/** A customer_org row (CUSTOMER_ORG_COLUMNS) as the entity. */
function customerOrgOfRow(row: Record<string, any>): CustomerOrg {
  return Object.assign(new CustomerOrg(), {
    id: row.id,
    name: row.name,
    adminEmail: row.admin_email,
    countryCode: row.country_code,
    dataResidencyRegion: row.data_residency_region,
    contactCenterDataLocation: row.contact_center_data_location,
    partnerOrgId: row.partner_org_id,
    trialStatus: row.trial_status,
    trialAdminEmail: row.trial_admin_email,
    trialStartedAt: row.trial_started_at,
    trialExpiresAt: row.trial_expires_at,
    trialConvertedAt: row.trial_converted_at,
    trialExtensionCount: row.trial_extension_count,
    trialExpiredAt: row.trial_expired_at,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}
