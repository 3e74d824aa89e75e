/** What every resolver receives: the caller (resolved lazily from the bearer credential), the language, the services, the request's loaders. */
import type { Request } from 'express';
import type { ActorKind } from '../audit/audit-event.entity';
import type { StaffRole } from '../staff/staff.entity';
import type { Services } from '../services';
import { unauthenticated } from './errors';
import { Loaders } from './loaders';
import { LANGUAGES, Language } from './messages';

export type Principal =
  { kind: 'STAFF'; staffId: string; role: StaffRole } | { kind: 'API_KEY'; apiKeyId: string } | { kind: 'WIZARD'; sessionId: string };

/** Who a change is attributed to in the audit trail. */
export interface Actor {
  kind: ActorKind;
  id: string | null;
}

export interface Context {
  language: Language;
  services: Services;
  /** This request's batching of the relations its lists select. */
  loaders: Loaders;
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

export function actorOf(principal: Principal): Actor {
  switch (principal.kind) {
    case 'STAFF':
      return { kind: 'STAFF', id: principal.staffId };
    case 'API_KEY':
      return { kind: 'API_KEY', id: principal.apiKeyId };
    case 'WIZARD':
      return { kind: 'WIZARD', id: principal.sessionId };
  }
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

export function createContext(req: Request, services: Services, requestId: string): Context {
  const credential = bearerOf(req);
  let resolved: Promise<Principal | null> | undefined;
  let known: Principal | null | undefined;
  const authenticate = async () => (known = credential ? await services.staff.authenticate(credential) : null);
  return {
    language: (req.acceptsLanguages(...LANGUAGES) || 'en') as Language,
    services,
    loaders: new Loaders(services),
    credentialPresented: credential !== null,
    address: req.ip ?? req.socket.remoteAddress ?? 'unknown',
    requestId,
    principal: () => (resolved ??= authenticate()),
    knownPrincipal: () => known,
  };
}
