/** An order's cases, batched per request (platform/batching.ts). */
import DataLoader from 'dataloader';
import { grouped } from '../platform/batching';
import type { Context } from '../platform/context';
import type { Case } from './case.entity';
import type { CaseService } from './case.service';

export class CaseLoaders {
  private cases?: DataLoader<string, Case[]>;

  private constructor(private readonly service: CaseService) {}

  /** This request's case loaders. */
  static of(context: Context, service: CaseService): CaseLoaders {
    return context.scope.keep(CaseLoaders, () => new CaseLoaders(service));
  }

  casesOf(orderId: string): Promise<Case[]> {
    this.cases ??= grouped(
      (ids) => this.service.casesOf(ids),
      (id) => id,
      (found) => found.orderId,
    );
    return this.cases.load(orderId);
  }
}
