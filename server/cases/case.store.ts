/** Opening a case inside a caller's transaction (the wizard's problem reports). Nothing outside cases/ writes the case table. */
import { EntityManager } from 'typeorm';
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
  return m.findOneByOrFail(Case, { id: identifiers[0].id });
}
