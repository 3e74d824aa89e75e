/** Partner and customer orgs as representatives see them: trials, corrections, extensions. Every change is audited. */
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { recordAudit } from '../audit/audit';
import { recordEvents } from '../events/events';
import { countryByCode } from '../countries/country.service';
import { isRegion, REGIONS } from '../countries/regions';
import { addDays, Clock } from '../platform/clock';
import type { Actor } from '../platform/actor';
import { problem, Refusal, refuseIfAny } from '../platform/errors';
import { badInput, containsPattern, firstOfEachOwner, Page, PageInput, pageOf } from '../platform/pagination';
import { checkEmail, checkText, checkWholeNumber, isId, problems } from '../platform/validate';
import { CustomerOrg, noteTrialLapse, TrialStatus } from './customer-org.entity';
import { isEmailTaken, membershipOf } from './memberships';
import {
  CustomerOrgFilter,
  CustomerOrgStartTrialInput,
  CustomerOrgUpdateInput,
  PartnerOrgFilter,
  PartnerOrgUpdateInput,
} from './org.inputs';
import { createCustomerOrg, customerOrgsWithIds, partnerOrgsWithIds } from './org.store';
import { PartnerOrg } from './partner-org.entity';

const MAX_TRIAL_DAYS = 90;
const DEFAULT_EXTENSION_DAYS = 30;

export class OrgService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  customerOrg(id: string): Promise<CustomerOrg | null> {
    return isId(id) ? this.db.getRepository(CustomerOrg).findOneBy({ id }) : Promise.resolve(null);
  }

  partnerOrg(id: string): Promise<PartnerOrg | null> {
    return isId(id) ? this.db.getRepository(PartnerOrg).findOneBy({ id }) : Promise.resolve(null);
  }

  /**
   * The customer orgs these partners manage, by name, the first MAX_NESTED_LIST of each (the customer org list
   * filtered by partner org pages through all): for many partners at once (org.loaders.ts).
   */
  customerOrgsOf(partnerOrgIds: readonly string[]): Promise<CustomerOrg[]> {
    return this.db.getRepository(CustomerOrg).find({
      where: { partnerOrgId: In([...partnerOrgIds]), id: firstOfEachOwner('customer_org', 'partner_org_id', partnerOrgIds, 'name, id') },
      order: { name: 'ASC', id: 'ASC' },
    });
  }

  listCustomerOrgs(filter: CustomerOrgFilter = {}, page?: PageInput): Promise<Page<CustomerOrg>> {
    const query = this.customerOrgsMatching(filter);
    return query ? pageOf(query.orderBy('c.name').addOrderBy('c.id'), page) : Promise.resolve({ nodes: [], totalCount: 0 });
  }

  /**
   * The customer orgs a list filter selects, as a query on `c` (the list pages it, the CSV export reads it all);
   * null when a malformed id can match none.
   */
  customerOrgsMatching(filter: CustomerOrgFilter = {}): SelectQueryBuilder<CustomerOrg> | null {
    const query = this.db.getRepository(CustomerOrg).createQueryBuilder('c');
    const now = this.clock.now();
    if (filter.search?.trim())
      query.andWhere('(c.name ILIKE :pattern OR c.adminEmail ILIKE :pattern)', { pattern: containsPattern(filter.search) });
    if (filter.countryCode) query.andWhere('c.countryCode = :country', { country: filter.countryCode.trim().toUpperCase() });
    if (filter.partnerOrgId) {
      if (!isId(filter.partnerOrgId)) return null;
      query.andWhere('c.partnerOrgId = :partnerOrgId', { partnerOrgId: filter.partnerOrgId });
    }
    // Stored ACTIVE past its expiry reads EXPIRED, as effectiveTrialStatus says.
    if (filter.trialStatus === TrialStatus.EXPIRED) {
      query.andWhere(`(c.trialStatus = 'EXPIRED' OR (c.trialStatus = 'ACTIVE' AND c.trialExpiresAt <= :now))`, { now });
    } else if (filter.trialStatus === TrialStatus.ACTIVE) {
      query.andWhere(`c.trialStatus = 'ACTIVE' AND c.trialExpiresAt > :now`, { now });
    } else if (filter.trialStatus) {
      query.andWhere('c.trialStatus = :trialStatus', { trialStatus: filter.trialStatus });
    }
    if (filter.trialExpiresBefore) {
      const before = new Date(filter.trialExpiresBefore);
      if (Number.isNaN(before.getTime())) throw badInput('filter.trialExpiresBefore must be an ISO 8601 instant.', 'filter');
      query.andWhere('c.trialExpiresAt <= :before', { before });
    }
    return query;
  }

  listPartnerOrgs(filter: PartnerOrgFilter = {}, page?: PageInput): Promise<Page<PartnerOrg>> {
    const query = this.db.getRepository(PartnerOrg).createQueryBuilder('p').orderBy('p.name').addOrderBy('p.id');
    if (filter.search?.trim())
      query.andWhere('(p.name ILIKE :pattern OR p.adminEmail ILIKE :pattern)', { pattern: containsPattern(filter.search) });
    if (filter.countryCode) query.andWhere('p.countryCode = :country', { country: filter.countryCode.trim().toUpperCase() });
    return pageOf(query, page);
  }

  /** The partner orgs with these ids (read from the database, so uuids) that exist, in no particular order. */
  partnerOrgsByIds(ids: readonly string[]): Promise<PartnerOrg[]> {
    return partnerOrgsWithIds(this.db.manager, ids);
  }

  /** The customer orgs with these ids (read from the database, so uuids) that exist, in no particular order. */
  customerOrgsByIds(ids: readonly string[]): Promise<CustomerOrg[]> {
    return customerOrgsWithIds(this.db.manager, ids);
  }

  async startTrial(input: CustomerOrgStartTrialInput, actor: Actor): Promise<CustomerOrg> {
    refuseIfAny(
      problems(
        checkText('companyName', input.companyName),
        checkEmail('adminEmail', input.adminEmail),
        checkWholeNumber('days', input.days, 1, MAX_TRIAL_DAYS),
        input.partnerOrgId && !isId(input.partnerOrgId) ? problem('NOT_FOUND', 'partnerOrgId') : undefined,
      ),
    );
    const now = this.clock.now();
    return this.db
      .transaction(async (m) => {
        const country = await countryByCode(m, input.countryCode);
        if (!country?.contactCenterSold) throw Refusal.of('COUNTRY_NOT_SUPPORTED', 'countryCode');
        if (input.partnerOrgId && !(await m.exists(PartnerOrg, { where: { id: input.partnerOrgId } }))) {
          throw Refusal.of('NOT_FOUND', 'partnerOrgId');
        }
        if (await membershipOf(m, input.adminEmail)) throw Refusal.of('ADMIN_EMAIL_IN_USE', 'adminEmail');
        const org = await createCustomerOrg(
          m,
          {
            name: input.companyName.trim(),
            adminEmail: input.adminEmail.trim(),
            countryCode: country.code,
            region: country.region,
            partnerOrgId: input.partnerOrgId ?? null,
            trialExpiresAt: addDays(now, input.days),
          },
          now,
        );
        await recordAudit(m, actor, now, { action: 'customerOrg.startTrial', entityType: 'CustomerOrg', entityId: org.id, after: org });
        return org;
      })
      .catch((error) => {
        if (isEmailTaken(error)) throw Refusal.of('ADMIN_EMAIL_IN_USE', 'adminEmail');
        throw error;
      });
  }

  async updateCustomerOrg(input: CustomerOrgUpdateInput, actor: Actor): Promise<CustomerOrg> {
    const found = problems(
      input.name !== undefined && input.name !== null ? checkText('name', input.name) : undefined,
      input.contactCenterDataLocation && !isRegion(input.contactCenterDataLocation)
        ? problem('INVALID_REGION', 'contactCenterDataLocation', { regions: REGIONS.join(', ') })
        : undefined,
    );
    const trialExpiresAt = input.trialExpiresAt ? new Date(input.trialExpiresAt) : undefined;
    if (trialExpiresAt && (Number.isNaN(trialExpiresAt.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(input.trialExpiresAt!))) {
      found.push(problem('INVALID_INSTANT', 'trialExpiresAt'));
    }
    refuseIfAny(found);
    const now = this.clock.now();
    return this.db.transaction(async (m) => {
      const org = await this.lockForEdit(m, CustomerOrg, input.id, input.version);
      const before = { ...org };
      if (input.name) org.name = input.name.trim();
      if (input.countryCode) {
        const country = await countryByCode(m, input.countryCode);
        if (!country?.contactCenterSold) throw Refusal.of('COUNTRY_NOT_SUPPORTED', 'countryCode');
        Object.assign(org, { countryCode: country.code, ...locationAfterMove(org, country.region) });
      }
      if (input.contactCenterDataLocation && isRegion(input.contactCenterDataLocation)) {
        org.contactCenterDataLocation = input.contactCenterDataLocation;
      }
      if (trialExpiresAt) {
        this.refuseUnlessTrial(org);
        noteTrialLapse(org, now);
        org.trialExpiresAt = trialExpiresAt;
        org.trialStatus = trialExpiresAt > now ? TrialStatus.ACTIVE : TrialStatus.EXPIRED;
        noteTrialLapse(org, now);
      }
      return this.saveEdit(m, org, before, actor, now, 'customerOrg.update');
    });
  }

  /** Where the org's data would be were its country this one; null when Contact Center is not sold there (the edit is refused). */
  async locationIfCountry(
    org: CustomerOrg,
    countryCode: string,
  ): Promise<{ dataResidencyRegion: string; contactCenterDataLocation: string } | null> {
    const country = await countryByCode(this.db.manager, countryCode);
    return country?.contactCenterSold ? locationAfterMove(org, country.region) : null;
  }

  /** Trials past their expiry become EXPIRED, their lapse recorded for the trial metrics. Run by the sweep. */
  async expireTrials(): Promise<number> {
    const now = this.clock.now();
    return this.db.transaction(async (m) => {
      // For UPDATE ... RETURNING, TypeORM's query() answers [rows, affected].
      const [expired]: [{ id: string; trial_expired_at: Date }[], number] = await m.query(
        `UPDATE customer_org SET trial_status = 'EXPIRED', trial_expired_at = coalesce(trial_expired_at, trial_expires_at), updated_at = $1
          WHERE trial_status = 'ACTIVE' AND trial_expires_at <= $1
          RETURNING id, trial_expired_at`,
        [now],
      );
      const events = expired.map((row) => ({
        type: 'customer_org.trial_expired' as const,
        orderId: null,
        data: { customerOrgId: row.id, trialExpiredAt: row.trial_expired_at.toISOString() },
      }));
      await recordEvents(m, events, now);
      return expired.length;
    });
  }

  /** New expiry: now plus the given days (30 by default); the trial is ACTIVE again. */
  async extendTrial(id: string, days: number | null | undefined, actor: Actor): Promise<CustomerOrg> {
    const length = days ?? DEFAULT_EXTENSION_DAYS;
    refuseIfAny(problems(checkWholeNumber('days', length, 1, MAX_TRIAL_DAYS)));
    const now = this.clock.now();
    return this.db.transaction(async (m) => {
      const org = await this.lockForEdit(m, CustomerOrg, id);
      const before = { ...org };
      this.refuseUnlessTrial(org);
      noteTrialLapse(org, now);
      org.trialExpiresAt = addDays(now, length);
      org.trialStatus = TrialStatus.ACTIVE;
      org.trialExtensionCount += 1;
      return this.saveEdit(m, org, before, actor, now, 'customerOrg.extendTrial');
    });
  }

  async updatePartnerOrg(input: PartnerOrgUpdateInput, actor: Actor): Promise<PartnerOrg> {
    refuseIfAny(problems(input.name !== undefined && input.name !== null ? checkText('name', input.name) : undefined));
    const now = this.clock.now();
    return this.db.transaction(async (m) => {
      const org = await this.lockForEdit(m, PartnerOrg, input.id, input.version);
      const before = { ...org };
      if (input.name) org.name = input.name.trim();
      if (input.countryCode) {
        const country = await countryByCode(m, input.countryCode);
        if (!country) throw Refusal.of('COUNTRY_NOT_SUPPORTED', 'countryCode');
        org.countryCode = country.code;
      }
      return this.saveEdit(m, org, before, actor, now, 'partnerOrg.update');
    });
  }

  private refuseUnlessTrial(org: CustomerOrg): void {
    if (org.trialStatus === TrialStatus.NONE) throw Refusal.of('NOT_A_TRIAL');
    if (org.trialStatus === TrialStatus.CONVERTED) throw Refusal.of('TRIAL_CONVERTED');
  }

  /** Locks the row for the edit; with a version, refuses when someone else saved since it was read. */
  private async lockForEdit<T extends CustomerOrg | PartnerOrg>(
    m: EntityManager,
    entity: new () => T,
    id: string,
    version?: number,
  ): Promise<T> {
    const org = isId(id) ? await m.getRepository(entity).findOne({ where: { id } as never, lock: { mode: 'pessimistic_write' } }) : null;
    if (!org) throw Refusal.of('NOT_FOUND', 'id');
    if (version !== undefined && org.version !== version) throw Refusal.of('STALE_VERSION', 'version');
    return org;
  }

  private async saveEdit<T extends CustomerOrg | PartnerOrg>(
    m: EntityManager,
    org: T,
    before: T,
    actor: Actor,
    now: Date,
    action: string,
  ): Promise<T> {
    org.version = before.version + 1;
    org.updatedAt = now;
    await m.save(org);
    await recordAudit(m, actor, now, {
      action,
      entityType: org instanceof CustomerOrg ? 'CustomerOrg' : 'PartnerOrg',
      entityId: org.id,
      before,
      after: org,
    });
    return org;
  }
}

/**
 * A customer org's data residency region and contact center data location once its country's region is this one: the
 * region follows the country; a data location still at its default follows the new region, one chosen on purpose stays.
 */
function locationAfterMove(org: CustomerOrg, region: string): { dataResidencyRegion: string; contactCenterDataLocation: string } {
  return {
    dataResidencyRegion: region,
    contactCenterDataLocation: org.contactCenterDataLocation === org.dataResidencyRegion ? region : org.contactCenterDataLocation,
  };
}
