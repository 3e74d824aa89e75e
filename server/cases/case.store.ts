/** Opening a case inside a caller's transaction (the wizard's problem reports). Nothing outside cases/ writes the case table. */
import { EntityManager } from 'typeorm';
import { recordEvent } from '../events/events';
import type { Language } from '../platform/messages';
import { Case, CaseKind, CaseStatus } from './case.entity';

export interface NewCase {
  kind: CaseKind;
  orderId: string;
  sessionId: string;
  partnerOrgId: string | null;
  customerOrgId: string | null;
  message: string;
  reporterEmail: string;
  /** The language the reporter is using the wizard in: the resolution's email is written in it. */
  reporterLanguage: Language;
}

export async function openCase(m: EntityManager, opened: NewCase, now: Date): Promise<Case> {
  const { identifiers } = await m.insert(Case, { ...opened, status: CaseStatus.OPEN, createdAt: now });
  const created = await m.findOneByOrFail(Case, { id: identifiers[0].id });
  await recordEvent(m, { type: 'case.opened', orderId: created.orderId, data: caseEventData(created) }, now);
  return created;
}

/** What a case's events tell of it (docs/webhooks.md). */
export function caseEventData(found: Case): Record<string, unknown> {
  return {
    caseId: found.id,
    orderId: found.orderId,
    kind: found.kind,
    status: found.status,
    partnerOrgId: found.partnerOrgId,
    customerOrgId: found.customerOrgId,
  };
}
