/** Set up now links: issued one per email, revoked by every newer one, judged by the state of their order. */
import { registerEnumType } from 'type-graphql';
import { EntityManager, IsNull } from 'typeorm';
import type { UserErrorCode } from '../platform/messages';
import { hashToken, newToken, TOKEN_PREFIX } from '../platform/tokens';
import { Order, OrderStatus } from './order.entity';
import { SetupLink } from './setup-link.entity';

export enum SetupLinkStatus {
  VALID = 'VALID',
  INVALID = 'INVALID',
  REVOKED = 'REVOKED',
  EXPIRED = 'EXPIRED',
  ALREADY_MAPPED = 'ALREADY_MAPPED',
  CLOSED = 'CLOSED',
}
registerEnumType(SetupLinkStatus, {
  name: 'SetupLinkStatus',
  description: 'Whether a Set up now link opens the wizard, and if not, why.',
  valuesConfig: {
    VALID: { description: 'The link opens the wizard.' },
    INVALID: { description: 'No such link.' },
    REVOKED: { description: 'A newer Set up now email replaced this link.' },
    EXPIRED: { description: "The order's setup window has closed." },
    ALREADY_MAPPED: { description: 'The order has already been mapped.' },
    CLOSED: { description: 'The order was cancelled.' },
  },
});

export const LINK_REFUSAL: Record<Exclude<SetupLinkStatus, SetupLinkStatus.VALID>, UserErrorCode> = {
  INVALID: 'INVALID_LINK',
  REVOKED: 'LINK_REVOKED',
  EXPIRED: 'LINK_EXPIRED',
  ALREADY_MAPPED: 'ORDER_ALREADY_MAPPED',
  CLOSED: 'ORDER_CLOSED',
};

/** Why an order's wizard cannot go on, whatever link or session is used; undefined when it can. */
export function orderBlock(order: Order, now: Date): Exclude<SetupLinkStatus, SetupLinkStatus.VALID | SetupLinkStatus.REVOKED> | undefined {
  switch (order.status) {
    case OrderStatus.MAPPED:
      return SetupLinkStatus.ALREADY_MAPPED;
    case OrderStatus.CANCELLED:
      return SetupLinkStatus.CLOSED;
    case OrderStatus.CLOSED:
      return SetupLinkStatus.EXPIRED;
    case OrderStatus.BOOKED:
      return SetupLinkStatus.INVALID;
    case OrderStatus.AWAITING_PROVISIONING_DETAILS:
      return order.windowClosesAt && order.windowClosesAt <= now ? SetupLinkStatus.EXPIRED : undefined;
  }
}

export function linkStatus(link: SetupLink | null, order: Order | null, now: Date): SetupLinkStatus {
  if (!link || !order) return SetupLinkStatus.INVALID;
  const block = orderBlock(order, now);
  if (block === SetupLinkStatus.ALREADY_MAPPED || block === SetupLinkStatus.CLOSED) return block;
  if (link.revokedAt) return SetupLinkStatus.REVOKED;
  return block ?? SetupLinkStatus.VALID;
}

export async function revokeLinks(manager: EntityManager, orderId: string, at: Date): Promise<void> {
  await manager.update(SetupLink, { orderId, revokedAt: IsNull() }, { revokedAt: at });
}

/** Revokes every earlier link of the order and issues a new one; the token is returned once and only its hash kept. */
export async function issueLink(manager: EntityManager, order: Order, at: Date): Promise<{ token: string; linkId: string }> {
  await revokeLinks(manager, order.id, at);
  return addLink(manager, order, at);
}

/** A new link beside the order's earlier ones, which keep working (a reminder's); the token is returned once. */
export async function addLink(manager: EntityManager, order: Order, at: Date): Promise<{ token: string; linkId: string }> {
  const token = newToken(TOKEN_PREFIX.setupLink);
  const { identifiers } = await manager.insert(SetupLink, {
    orderId: order.id,
    tokenHash: hashToken(token),
    recipientEmail: order.provisioningContactEmail,
    createdAt: at,
  });
  return { token, linkId: identifiers[0].id as string };
}
