/** An order's sessions and what a session's review shows of the orgs, batched per request (platform/batching.ts). */
import DataLoader from 'dataloader';
import type { CustomerOrg } from '../orgs/customer-org.entity';
import type { PartnerOrg } from '../orgs/partner-org.entity';
import { each, grouped } from '../platform/batching';
import type { Context } from '../platform/context';
import type { ProvisioningSession } from './provisioning-session.entity';
import type { CustomerOrgChoice } from './steps';
import type { ProvisioningService } from './provisioning.service';
import type { SessionListService } from './session-list';

export class SessionLoaders {
  private sessions?: DataLoader<string, ProvisioningSession[]>;
  private partnerOrgsForReview?: DataLoader<ProvisioningSession, PartnerOrg | null>;
  private existingCustomerOrgs?: DataLoader<ProvisioningSession, CustomerOrg | null>;
  private customerOrgChoices?: DataLoader<ProvisioningSession, CustomerOrgChoice[]>;
  private trialOrgs?: DataLoader<ProvisioningSession, CustomerOrg | null>;

  private constructor(
    private readonly provisioning: ProvisioningService,
    private readonly list: SessionListService,
  ) {}

  /** This request's session loaders. */
  static of(context: Context, provisioning: ProvisioningService, list: SessionListService): SessionLoaders {
    return context.scope.keep(SessionLoaders, () => new SessionLoaders(provisioning, list));
  }

  sessionsOf(orderId: string): Promise<ProvisioningSession[]> {
    this.sessions ??= grouped(
      (ids) => this.list.sessionsOf(ids),
      (id) => id,
      (session) => session.orderId,
    );
    return this.sessions.load(orderId);
  }

  partnerOrgForReview(session: ProvisioningSession): Promise<PartnerOrg | null> {
    this.partnerOrgsForReview ??= each((sessions) => this.provisioning.partnerOrgsForReview(sessions));
    return this.partnerOrgsForReview.load(session);
  }

  existingCustomerOrg(session: ProvisioningSession): Promise<CustomerOrg | null> {
    this.existingCustomerOrgs ??= each((sessions) => this.provisioning.existingCustomerOrgs(sessions));
    return this.existingCustomerOrgs.load(session);
  }

  customerOrgChoicesOf(session: ProvisioningSession): Promise<CustomerOrgChoice[]> {
    this.customerOrgChoices ??= each((sessions) => this.provisioning.customerOrgChoicesOf(sessions));
    return this.customerOrgChoices.load(session);
  }

  trialOrgOf(session: ProvisioningSession): Promise<CustomerOrg | null> {
    this.trialOrgs ??= each((sessions) => this.provisioning.trialOrgsOf(sessions));
    return this.trialOrgs.load(session);
  }
}
