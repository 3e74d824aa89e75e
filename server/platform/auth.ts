/**
 * Who may call what. Every root field names its audience with @Authorized(...) from ACCESS,
 * or is public by having none. ADMIN holds every staff grant.
 */
import type { AuthChecker } from 'type-graphql';
import { Principal, StaffRole } from './actor';
import type { Context } from './context';
import { forbidden, unauthenticated } from './errors';

export type Grant = 'WIZARD' | 'COMMERCE' | 'REP' | 'ANALYST' | 'ADMIN';

export const ACCESS = {
  /** The provisioning contact, through their wizard session token. */
  wizard: ['WIZARD'],
  /** The commerce integration and representatives: orders and trials. */
  orderDesk: ['COMMERCE', 'REP'],
  /** Representatives: corrections, trials, cases. */
  rep: ['REP'],
  /** Every staff role, read-only. */
  staffRead: ['ANALYST', 'REP'],
  admin: ['ADMIN'],
} as const satisfies Record<string, readonly Grant[]>;

export function grantsOf(principal: Principal): Grant[] {
  switch (principal.kind) {
    case 'WIZARD':
      return ['WIZARD'];
    case 'API_KEY':
      return ['COMMERCE'];
    case 'STAFF':
      if (principal.role === StaffRole.ADMIN) return ['ADMIN', 'REP', 'ANALYST'];
      return [principal.role];
  }
}

export const authChecker: AuthChecker<Context, Grant> = async ({ context }, allowed) => {
  const principal = await context.principal();
  if (!principal) {
    throw unauthenticated(context.credentialPresented ? 'The credential is not valid or has expired.' : undefined);
  }
  if (allowed.length === 0 || grantsOf(principal).some((grant) => allowed.includes(grant))) return true;
  throw forbidden();
};

/** The wizard session of the caller; only reached behind @Authorized(...ACCESS.wizard). */
export async function wizardSessionId(context: Context): Promise<string> {
  const principal = await context.principal();
  if (principal?.kind !== 'WIZARD') throw forbidden();
  return principal.sessionId;
}

/** Root fields that anyone may call, declared with @Public() so that every root field states its audience. */
export const PUBLIC_FIELDS = new Set<string>();

export function Public(): MethodDecorator {
  return (_target, field) => {
    PUBLIC_FIELDS.add(String(field));
  };
}
