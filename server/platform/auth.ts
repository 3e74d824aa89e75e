/**
 * Who may call what. Every root field names its audience with @Authorized(...) from ACCESS,
 * or is public by having none. ADMIN holds every staff grant.
 */
import type { AuthChecker } from 'type-graphql';
import { Principal, StaffRole } from './actor';
import { SELF_AUTHENTICATING_FIELDS, type Context } from './context';
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

export const authChecker: AuthChecker<Context, Grant> = async ({ context, info }, allowed) => {
  if (context.pendingWizardToken() !== null) {
    // The field's own statement that locks the session authenticates the token (wizardSessionKey); any other looks it up.
    if (info.parentType.name === 'Mutation' && SELF_AUTHENTICATING_FIELDS.has(info.fieldName)) return true;
    context.takeWizardToken();
  }
  const principal = await context.principal();
  if (!principal) throw context.credentialPresented ? invalidCredential() : unauthenticated();
  if (allowed.length === 0 || grantsOf(principal).some((grant) => allowed.includes(grant))) return true;
  throw forbidden();
};

/** The wizard session of the caller; only reached behind @Authorized(...ACCESS.wizard). */
export async function wizardSessionId(context: Context): Promise<string> {
  const principal = await context.principal();
  if (principal?.kind !== 'WIZARD') throw forbidden();
  return principal.sessionId;
}

/**
 * The wizard caller as a step finds their session: by its id once the caller is authenticated, or, for a field marked
 * @AuthenticatesWizardToken() called before anything looked the token up, by the token itself. The step's statement
 * that locks the session then authenticates the token: it calls `authenticated` with what it found (null for a token
 * that names no session, which the step refuses as the authentication would have, before any write).
 */
export type WizardSessionKey =
  { sessionId: string } | { token: string; authenticated(session: { sessionId: string; orderId: string } | null): void };

/** The caller's wizard session key; only reached behind @Authorized(...ACCESS.wizard). */
export async function wizardSessionKey(context: Context): Promise<WizardSessionKey> {
  const token = context.takeWizardToken();
  if (token === null) return { sessionId: await wizardSessionId(context) };
  return {
    token,
    authenticated: (session) => context.settleWizardToken(session && { kind: 'WIZARD', ...session }),
  };
}

/** The refusal of a credential that stands for no caller (a wizard token naming no session among them). */
export function invalidCredential() {
  return unauthenticated('The credential is not valid or has expired.');
}

/** Root fields that anyone may call, declared with @Public() so that every root field states its audience. */
export const PUBLIC_FIELDS = new Set<string>();

export function Public(): MethodDecorator {
  return (_target, field) => {
    PUBLIC_FIELDS.add(String(field));
  };
}
