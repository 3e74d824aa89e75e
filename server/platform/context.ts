/** What every resolver receives: the caller (resolved lazily from the bearer credential), the language, the request's scope. */
import type { Request } from 'express';
import type { RateLimiterMemory } from 'rate-limiter-flexible';
import { Actor, actorOf, Principal } from './actor';
import { RequestScope } from './batching';
import { unauthenticated } from './errors';
import { LANGUAGES, Language } from './messages';

export type { Actor, Principal };

export interface Context {
  language: Language;
  /** What this request keeps for its own course: each feature's loaders. */
  scope: RequestScope;
  /** Per-address limit on setupLink and provisioningStart (rate-limit.ts). */
  entryLimiter: RateLimiterMemory;
  /** The caller, or null when no credential (or a wrong one) was sent. */
  principal(): Promise<Principal | null>;
  /** The caller once principal() has answered; undefined before. */
  knownPrincipal(): Principal | null | undefined;
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
  const authenticate = async () => (known = credential ? await deps.authenticate(credential) : null);
  return {
    language: (req.acceptsLanguages(...LANGUAGES) || 'en') as Language,
    scope: new RequestScope(),
    entryLimiter: deps.entryLimiter,
    credentialPresented: credential !== null,
    address: req.ip ?? req.socket.remoteAddress ?? 'unknown',
    requestId,
    principal: () => (resolved ??= authenticate()),
    knownPrincipal: () => known,
  };
}
