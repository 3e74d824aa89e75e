/** What every resolver receives: the caller (resolved lazily from the bearer credential), the language, the request's scope. */
import type { Request } from 'express';
import { Kind, parse } from 'graphql';
import type { RateLimiterMemory } from 'rate-limiter-flexible';
import { Actor, actorOf, Principal } from './actor';
import { RequestScope } from './batching';
import { unauthenticated } from './errors';
import { LANGUAGES, Language } from './messages';
import { TOKEN_PREFIX } from './tokens';

export type { Actor, Principal };

export interface Context {
  language: Language;
  /** What this request keeps for its own course: each feature's loaders. */
  scope: RequestScope;
  /** Per-address limit on setupLink and provisioningStart (rate-limit.ts). */
  entryLimiter: RateLimiterMemory;
  /**
   * The caller, or null when no credential (or a wrong one) was sent; null without a look-up while a wizard token is
   * pending (pendingWizardToken).
   */
  principal(): Promise<Principal | null>;
  /** The caller once principal() has answered; undefined before, and while a wizard token is pending. */
  knownPrincipal(): Principal | null | undefined;
  /**
   * The wizard token of an operation made of @AuthenticatesWizardToken() mutations alone, until a field takes
   * it; null for any other request.
   */
  pendingWizardToken(): string | null;
  /**
   * Takes the pending wizard token: principal() looks it up from now on, as any credential, unless the statement that
   * locks its session reports first what it found (settleWizardToken).
   */
  takeWizardToken(): string | null;
  /** What a step's lock found for the wizard token it took: the caller from now on. */
  settleWizardToken(principal: Principal | null): void;
  /** Whether a credential was presented at all, to tell "missing" from "wrong". */
  credentialPresented: boolean;
  /** The client's address (the proxy's view of it when TRUST_PROXY is set), for throttling. */
  address: string;
  /** This request's id: on its log lines, in the X-Request-Id header and in a fault's `extensions.requestId`. */
  requestId: string;
}

/** The audit actor of the caller of a field behind @Authorized, which has already refused a missing credential. */
export async function callerActor(context: Context): Promise<Actor> {
  const principal = await context.principal();
  if (!principal) throw unauthenticated();
  return actorOf(principal);
}

export function bearerOf(req: Request): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : '';
}

export interface ContextDeps {
  /** The caller a bearer credential stands for, or null. */
  authenticate(credential: string): Promise<Principal | null>;
  entryLimiter: RateLimiterMemory;
}

export function createContext(req: Request, deps: ContextDeps, requestId: string): Context {
  const credential = bearerOf(req);
  let resolved: Promise<Principal | null> | undefined;
  let known: Principal | null | undefined;
  // A wizard step's own lock statement authenticates its token: no statement of its own for that before the step.
  let pending = credential?.startsWith(TOKEN_PREFIX.wizardSession) && selfAuthenticatingAlone(req.body) ? credential : null;
  const authenticate = async () => (known = credential ? await deps.authenticate(credential) : null);
  return {
    language: (req.acceptsLanguages(...LANGUAGES) || 'en') as Language,
    scope: new RequestScope(),
    entryLimiter: deps.entryLimiter,
    credentialPresented: credential !== null,
    address: req.ip ?? req.socket.remoteAddress ?? 'unknown',
    requestId,
    principal: () => (pending !== null ? PENDING : (resolved ??= authenticate())),
    knownPrincipal: () => known,
    pendingWizardToken: () => pending,
    takeWizardToken() {
      const token = pending;
      pending = null;
      return token;
    },
    settleWizardToken(principal) {
      known = principal;
      resolved = Promise.resolve(principal);
    },
  };
}

const PENDING: Promise<null> = Promise.resolve(null);

/**
 * Wizard mutations whose statement that locks the session authenticates the caller's token (wizardSessionKey in
 * auth.ts): an operation of these alone leaves the token pending, and authChecker lets them through to that statement.
 */
export const SELF_AUTHENTICATING_FIELDS = new Set<string>();

export function AuthenticatesWizardToken(): MethodDecorator {
  return (_target, field) => {
    SELF_AUTHENTICATING_FIELDS.add(String(field));
  };
}

/** Documents at most this long are told apart as wizard steps alone; a longer one is not, and its caller is looked up. */
const STEPS_ALONE_MAX_LENGTH = 4096;
const STEPS_ALONE_KEPT = 100;
const stepsAlone = new Map<string, boolean>();

/** Whether a GraphQL request body asks only for mutations that authenticate a wizard token themselves. */
function selfAuthenticatingAlone(body: unknown): boolean {
  const query = (body as { query?: unknown } | undefined)?.query;
  if (typeof query !== 'string' || query.length > STEPS_ALONE_MAX_LENGTH) return false;
  let alone = stepsAlone.get(query);
  if (alone === undefined) {
    alone = documentOfStepsAlone(query);
    if (stepsAlone.size >= STEPS_ALONE_KEPT) stepsAlone.clear();
    stepsAlone.set(query, alone);
  }
  return alone;
}

function documentOfStepsAlone(query: string): boolean {
  try {
    const { definitions } = parse(query, { noLocation: true });
    return (
      definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION) &&
      definitions.every(
        (definition) =>
          definition.kind === Kind.FRAGMENT_DEFINITION ||
          (definition.kind === Kind.OPERATION_DEFINITION &&
            definition.operation === 'mutation' &&
            definition.selectionSet.selections.every(
              (selection) =>
                selection.kind === Kind.FIELD && !selection.directives?.length && SELF_AUTHENTICATING_FIELDS.has(selection.name.value),
            )),
      )
    );
  } catch {
    return false;
  }
}
