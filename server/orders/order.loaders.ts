/** Orders, their links and the pages of an org's orders, batched per request (platform/batching.ts). */
import DataLoader from 'dataloader';
import { batchedBy, byId, grouped } from '../platform/batching';
import type { Context } from '../platform/context';
import type { Page, PageInput } from '../platform/pagination';
import type { Order } from './order.entity';
import type { OrderService, SetupLinkView } from './order.service';

interface OrgPageKey {
  kind: 'partner' | 'customer';
  orgId: string;
  page: PageInput;
}

export class OrderLoaders {
  private orders?: DataLoader<string, Order | null>;
  private links?: DataLoader<Order, SetupLinkView[]>;
  private orgPages?: DataLoader<OrgPageKey, Page<Order>>;

  private constructor(private readonly service: OrderService) {}

  /** This request's order loaders. */
  static of(context: Context, orders: OrderService): OrderLoaders {
    return context.scope.keep(OrderLoaders, () => new OrderLoaders(orders));
  }

  order(id: string): Promise<Order | null> {
    return (this.orders ??= byId((ids) => this.service.findByIds(ids))).load(id);
  }

  linksOf(order: Order): Promise<SetupLinkView[]> {
    this.links ??= grouped(
      (orders) => this.service.linksOf(orders),
      (key) => key.id,
      (link) => link.orderId,
    );
    return this.links.load(order);
  }

  /** A page of the orders of a partner org (mapped to it) or a customer org (mapped to it, or converting its trial). */
  ordersOfOrg(kind: OrgPageKey['kind'], orgId: string, page: PageInput): Promise<Page<Order>> {
    // One batch per kind and page asked for: in a list every org asks for the same page.
    this.orgPages ??= batchedBy(
      (key) => `${key.kind}:${key.page.offset}:${key.page.limit}`,
      (key) => `${key.kind}:${key.orgId}:${key.page.offset}:${key.page.limit}`,
      (batch) =>
        this.service.pagesOfOrgs(
          batch[0].kind,
          batch.map((key) => key.orgId),
          batch[0].page,
        ),
    );
    return this.orgPages.load({ kind, orgId, page });
  }
}
