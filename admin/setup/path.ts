/** The wizard's path as the page walks it: which steps a role goes through, which may be shown, and their URL fragments. */
import { WizardStep } from '../generated/schema';
import type { Session, SetupRole } from './api';

/** A partner walks every step, in the schema's order. */
const PARTNER_PATH: WizardStep[] = Object.values(WizardStep);
/** A customer skips "who sets up" and "partner org". */
const CUSTOMER_PATH = PARTNER_PATH.filter((step) => step !== 'SETUP_PERFORMER' && step !== 'PARTNER_ORG');

export function pathOf(role: SetupRole | null): WizardStep[] {
  return role === 'CUSTOMER' ? CUSTOMER_PATH : PARTNER_PATH;
}

/** A step may be shown when it is on the session's path and every step before it is answered. */
export function reachable(session: Session, step: WizardStep): boolean {
  if (step === 'DONE') return false;
  const path = pathOf(session.answers.role);
  const at = path.indexOf(step);
  return at >= 0 && at <= path.indexOf(session.currentStep);
}

/** The step after one just answered (every step up to it is answered, so it is reachable). */
export function stepAfter(session: Session, step: WizardStep): WizardStep {
  const path = pathOf(session.answers.role);
  const next = path[path.indexOf(step) + 1];
  return next && reachable(session, next) ? next : session.currentStep;
}

export function stepBefore(session: Session, step: WizardStep): WizardStep | null {
  const path = pathOf(session.answers.role);
  const at = path.indexOf(step);
  return at > 0 ? path[at - 1] : null;
}

const SLUGS: Record<WizardStep, string> = {
  ROLE: 'role',
  SETUP_PERFORMER: 'who-sets-up',
  PARTNER_ORG: 'partner-org',
  CUSTOMER_ADMIN: 'customer-admin',
  CUSTOMER_COMPANY: 'company',
  CUSTOMER_ORG: 'customer-org',
  CONFIRM: 'review',
  DONE: 'done',
};

export function slugOf(step: WizardStep): string {
  return SLUGS[step];
}

export function stepOfSlug(slug: string): WizardStep | null {
  const found = (Object.keys(SLUGS) as WizardStep[]).find((step) => SLUGS[step] === slug);
  return found ?? null;
}
