/** The orgs a page's rows point at, batched per request (platform/batching.ts). */
import DataLoader from 'dataloader';
import type { Context } from '../platform/context';
import { byId, grouped } from '../platform/batching';
import type { CustomerOrg } from './customer-org.entity';
import type { OrgService } from './org.service';
import type { PartnerOrg } from './partner-org.entity';

export class OrgLoaders {
  private partnerOrgs?: DataLoader<string, PartnerOrg | null>;
  private customerOrgs?: DataLoader<string, CustomerOrg | null>;
  private customerOrgsOfPartners?: DataLoader<string, CustomerOrg[]>;

  private constructor(private readonly orgs: OrgService) {}

  /** This request's org loaders. */
  static of(context: Context, orgs: OrgService): OrgLoaders {
    return context.scope.keep(OrgLoaders, () => new OrgLoaders(orgs));
  }

  partnerOrg(id: string): Promise<PartnerOrg | null> {
    return (this.partnerOrgs ??= byId((ids) => this.orgs.partnerOrgsByIds(ids))).load(id);
  }

  customerOrg(id: string): Promise<CustomerOrg | null> {
    return (this.customerOrgs ??= byId((ids) => this.orgs.customerOrgsByIds(ids))).load(id);
  }

  customerOrgsOf(partnerOrgId: string): Promise<CustomerOrg[]> {
    this.customerOrgsOfPartners ??= grouped(
      (ids) => this.orgs.customerOrgsOf(ids),
      (id) => id,
      (org) => org.partnerOrgId!,
    );
    return this.customerOrgsOfPartners.load(partnerOrgId);
  }
}
