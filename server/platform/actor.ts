/** Who calls and who changes: the staff roles, the caller's principal and the actor a change is attributed to. */
import { registerEnumType } from 'type-graphql';

export enum StaffRole {
  REP = 'REP',
  ANALYST = 'ANALYST',
  ADMIN = 'ADMIN',
}
registerEnumType(StaffRole, {
  name: 'StaffRole',
  description: 'What a staff account may do; docs/access.md lists what each role reaches.',
  valuesConfig: {
    REP: { description: 'A Cisco representative: orders, orgs, trials, sessions and cases.' },
    ANALYST: { description: 'Read-only: lists and onboarding metrics.' },
    ADMIN: { description: 'What REP may, plus staff accounts, API keys and the supported-country table.' },
  },
});

/** The caller, from its bearer credential. */
export type Principal =
  | { kind: 'STAFF'; staffId: string; role: StaffRole }
  | { kind: 'API_KEY'; apiKeyId: string }
  | { kind: 'WIZARD'; sessionId: string; orderId: string };

export type ActorKind = 'STAFF' | 'API_KEY' | 'WIZARD' | 'SYSTEM';

/** Who a change is attributed to in the audit trail. */
export interface Actor {
  kind: ActorKind;
  id: string | null;
}

/** The scheduled jobs, acting on their own. */
export const SYSTEM: Actor = { kind: 'SYSTEM', id: null };

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
