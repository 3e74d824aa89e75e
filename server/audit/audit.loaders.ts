/** Who made each audited change, batched per request (platform/batching.ts). */
import DataLoader from 'dataloader';
import { each } from '../platform/batching';
import type { Context } from '../platform/context';
import type { AuditEvent } from './audit-event.entity';
import type { AuditActor } from './audit.payloads';
import type { AuditService } from './audit.service';

export class AuditLoaders {
  private actors?: DataLoader<AuditEvent, AuditActor>;

  private constructor(private readonly audit: AuditService) {}

  /** This request's audit loaders. */
  static of(context: Context, audit: AuditService): AuditLoaders {
    return context.scope.keep(AuditLoaders, () => new AuditLoaders(audit));
  }

  actor(event: AuditEvent): Promise<AuditActor> {
    this.actors ??= each((events) => this.audit.actorsOf(events));
    return this.actors.load(event);
  }
}
