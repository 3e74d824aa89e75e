/** An order's emails, batched per request (platform/batching.ts). */
import DataLoader from 'dataloader';
import { grouped } from '../platform/batching';
import type { Context } from '../platform/context';
import type { OutboxEmail } from './outbox-email.entity';
import type { MailDelivery } from './outbox';

export class OutboxLoaders {
  private emails?: DataLoader<string, OutboxEmail[]>;

  private constructor(private readonly mail: MailDelivery) {}

  /** This request's outbox loaders. */
  static of(context: Context, mail: MailDelivery): OutboxLoaders {
    return context.scope.keep(OutboxLoaders, () => new OutboxLoaders(mail));
  }

  emailsOf(orderId: string): Promise<OutboxEmail[]> {
    this.emails ??= grouped(
      (ids) => this.mail.emailsOf(ids),
      (id) => id,
      // emailsOf reads only emails of the orders asked for, so each has its order.
      (email) => email.orderId ?? '',
    );
    return this.emails.load(orderId);
  }
}
