/**
 * What each staff role may do in the console, resource by resource. It mirrors the server's grants (the server
 * decides; this only keeps the console from offering what would be refused): ANALYST reads, REP also corrects,
 * ADMIN also manages staff, API keys, webhooks and the supported-country table. react-admin asks it through
 * authProvider.canAccess, which hides menu entries, edit and create buttons, and guards the pages.
 */
import type { StaffRole } from '../generated/schema';

const READ = ['list', 'show'];

/** The actions of each role on each resource; an action not listed is refused. */
const GRANTS: Record<StaffRole, Record<string, readonly string[]>> = {
  ANALYST: {
    orders: READ,
    customerOrgs: READ,
    partnerOrgs: READ,
    cases: READ,
    sessions: READ,
    outbox: READ,
    emailPreviews: ['list'],
    countries: READ,
    metrics: READ,
  },
  REP: {
    orders: [...READ, 'cancel', 'resendSetupEmail', 'changeProvisioningContact', 'reopen'],
    customerOrgs: [...READ, 'edit', 'create', 'extendTrial', 'setTrialExpiry'],
    partnerOrgs: [...READ, 'edit'],
    cases: [...READ, 'resolve'],
    sessions: READ,
    outbox: [...READ, 'retry'],
    emailPreviews: ['list'],
    audit: READ,
    countries: READ,
    metrics: READ,
  },
  ADMIN: {
    orders: [...READ, 'cancel', 'resendSetupEmail', 'changeProvisioningContact', 'reopen'],
    customerOrgs: [...READ, 'edit', 'create', 'extendTrial', 'setTrialExpiry'],
    partnerOrgs: [...READ, 'edit'],
    cases: [...READ, 'resolve'],
    sessions: READ,
    outbox: [...READ, 'retry'],
    emailPreviews: ['list'],
    audit: READ,
    countries: [...READ, 'edit'],
    metrics: READ,
    staff: [...READ, 'create', 'edit'],
    apiKeys: ['list', 'create', 'revoke'],
    webhooks: [...READ, 'create', 'edit', 'enable', 'disable', 'rotateSecret', 'resendRange'],
    webhookDeliveries: ['list', 'resend'],
    webhookEvents: ['list'],
  },
};

export function mayDo(role: StaffRole | undefined, resource: string, action: string): boolean {
  if (!role) return false;
  return GRANTS[role]?.[resource]?.includes(action) ?? false;
}
