/** The wizard's path as the page walks it: the session's path as the server gives it, which steps may be shown, and their URL fragments. */
import { WizardStep } from '../generated/schema';
import type { Session } from './api';

/** Every step, the longest path: what the page lists before a role is chosen, as what may come. */
const ALL_STEPS: WizardStep[] = Object.values(WizardStep);

/** The steps the page lists: the session's path (the server's) once a role is chosen, every step before. */
export function shownPath(session: Session | null): WizardStep[] {
  return session?.answers.role ? session.path : ALL_STEPS;
}

/** A step may be shown when it lies on the session's path no further than its current step: the server's rule, on its path. */
export function reachable(session: Session, step: WizardStep): boolean {
  if (step === 'DONE') return false;
  const at = session.path.indexOf(step);
  return at >= 0 && at <= session.path.indexOf(session.currentStep);
}

/** The step after one just answered (every step up to it is answered, so it is reachable). */
export function stepAfter(session: Session, step: WizardStep): WizardStep {
  const next = session.path[session.path.indexOf(step) + 1];
  return next && reachable(session, next) ? next : session.currentStep;
}

export function stepBefore(session: Session, step: WizardStep): WizardStep | null {
  const at = session.path.indexOf(step);
  return at > 0 ? session.path[at - 1] : null;
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
