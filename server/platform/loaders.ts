/**
 * The relations a list can select, batched per request with DataLoader: the field resolvers of a
 * page's rows ask in the same tick, and each relation costs one statement for the whole page (a
 * paged relation three), whatever its length. Batching only, no memoization (cache: false): a
 * mutation later in the same request must never be answered with a row read before it. A request
 * gets its own Loaders (context.ts); each DataLoader is made on first use, since most requests
 * (the wizard's) select no relation at all.
 */
import DataLoader from 'dataloader';
import type { OutboxEmail } from '../mail/outbox-email.entity';
import type { Order } from '../orders/order.entity';
import type { SetupLinkView } from '../orders/order.service';
import type { CustomerOrg } from '../orgs/customer-org.entity';
import type { PartnerOrg } from '../orgs/partner-org.entity';
import type { ProvisioningSession } from '../provisioning/provisioning-session.entity';
import type { Services } from '../services';
import type { Page, PageInput } from './pagination';

/** A loader of rows by id; an id without a row loads null. */
function byId<T extends { id: string }>(fetch: (ids: readonly string[]) => Promise<T[]>): DataLoader<string, T | null> {
  return new DataLoader(
    async (ids) => {
      const found = new Map((await fetch([...new Set(ids)])).map((row) => [row.id, row]));
      return ids.map((id) => found.get(id) ?? null);
    },
    { cache: false },
  );
}

/** A loader of each key's rows, from one fetch of all the keys' rows (kept in the fetch's order). */
function grouped<K, T>(
  fetch: (keys: readonly K[]) => Promise<T[]>,
  keyOf: (key: K) => string,
  ownerOf: (row: T) => string,
): DataLoader<K, T[]> {
  return new DataLoader(
    async (keys) => {
      const unique = new Map(keys.map((key) => [keyOf(key), key]));
      const rows = new Map<string, T[]>([...unique.keys()].map((key) => [key, []]));
      for (const row of await fetch([...unique.values()])) rows.get(ownerOf(row))?.push(row);
      return keys.map((key) => rows.get(keyOf(key))!);
    },
    { cache: false },
  );
}

/** A loader of one answer per key, from a fetch that answers for all the keys in their order. */
function each<K, T>(fetch: (keys: readonly K[]) => Promise<T[]>): DataLoader<K, T> {
  return new DataLoader((keys) => fetch(keys), { cache: false });
}

interface OrgPageKey {
  kind: 'partner' | 'customer';
  orgId: string;
  page: PageInput;
}

export class Loaders {
  private orders?: DataLoader<string, Order | null>;
  private partnerOrgs?: DataLoader<string, PartnerOrg | null>;
  private customerOrgs?: DataLoader<string, CustomerOrg | null>;
  private links?: DataLoader<Order, SetupLinkView[]>;
  private emails?: DataLoader<string, OutboxEmail[]>;
  private sessions?: DataLoader<string, ProvisioningSession[]>;
  private customerOrgsOfPartners?: DataLoader<string, CustomerOrg[]>;
  private partnerOrgsForReview?: DataLoader<ProvisioningSession, PartnerOrg | null>;
  private existingCustomerOrgs?: DataLoader<ProvisioningSession, CustomerOrg | null>;
  private orgPages?: DataLoader<OrgPageKey, Page<Order>>;

  constructor(private readonly services: Services) {}

  order(id: string): Promise<Order | null> {
    return (this.orders ??= byId((ids) => this.services.orders.findByIds(ids))).load(id);
  }

  partnerOrg(id: string): Promise<PartnerOrg | null> {
    return (this.partnerOrgs ??= byId((ids) => this.services.orgs.partnerOrgsByIds(ids))).load(id);
  }

  customerOrg(id: string): Promise<CustomerOrg | null> {
    return (this.customerOrgs ??= byId((ids) => this.services.orgs.customerOrgsByIds(ids))).load(id);
  }

  linksOf(order: Order): Promise<SetupLinkView[]> {
    this.links ??= grouped(
      (orders) => this.services.orders.linksOf(orders),
      (key) => key.id,
      (link) => link.orderId,
    );
    return this.links.load(order);
  }

  emailsOf(orderId: string): Promise<OutboxEmail[]> {
    this.emails ??= grouped(
      (ids) => this.services.orders.emailsOf(ids),
      (id) => id,
      (email) => email.orderId,
    );
    return this.emails.load(orderId);
  }

  sessionsOf(orderId: string): Promise<ProvisioningSession[]> {
    this.sessions ??= grouped(
      (ids) => this.services.orders.sessionsOf(ids),
      (id) => id,
      (session) => session.orderId,
    );
    return this.sessions.load(orderId);
  }

  customerOrgsOf(partnerOrgId: string): Promise<CustomerOrg[]> {
    this.customerOrgsOfPartners ??= grouped(
      (ids) => this.services.orgs.customerOrgsOf(ids),
      (id) => id,
      (org) => org.partnerOrgId!,
    );
    return this.customerOrgsOfPartners.load(partnerOrgId);
  }

  partnerOrgForReview(session: ProvisioningSession): Promise<PartnerOrg | null> {
    this.partnerOrgsForReview ??= each((sessions) => this.services.provisioning.partnerOrgsForReview(sessions));
    return this.partnerOrgsForReview.load(session);
  }

  existingCustomerOrg(session: ProvisioningSession): Promise<CustomerOrg | null> {
    this.existingCustomerOrgs ??= each((sessions) => this.services.provisioning.existingCustomerOrgs(sessions));
    return this.existingCustomerOrgs.load(session);
  }

  /** A page of the orders of a partner org (mapped to it) or a customer org (mapped to it, or converting its trial). */
  ordersOfOrg(kind: OrgPageKey['kind'], orgId: string, page: PageInput): Promise<Page<Order>> {
    this.orgPages ??= new DataLoader(
      async (keys) => {
        // One batch per kind and page asked for: in a list every org asks for the same page.
        const answers = new Map<string, Page<Order> | Error>();
        const batches = new Map<string, OrgPageKey[]>();
        for (const key of keys) {
          const batch = `${key.kind}:${key.page.offset}:${key.page.limit}`;
          batches.set(batch, [...(batches.get(batch) ?? []), key]);
        }
        for (const batch of batches.values()) {
          const { kind, page } = batch[0];
          try {
            const pages = await this.services.orders.pagesOfOrgs(
              kind,
              batch.map((key) => key.orgId),
              page,
            );
            batch.forEach((key, i) => answers.set(orgPageKey(key), pages[i]));
          } catch (error) {
            for (const key of batch) answers.set(orgPageKey(key), error as Error);
          }
        }
        return keys.map((key) => answers.get(orgPageKey(key))!);
      },
      { cache: false },
    );
    return this.orgPages.load({ kind, orgId, page });
  }
}

function orgPageKey({ kind, orgId, page }: OrgPageKey): string {
  return `${kind}:${orgId}:${page.offset}:${page.limit}`;
}
