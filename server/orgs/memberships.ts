/** Which org an email belongs to, and the refusal of a second one: the one-org-per-user rule's two sides. */
import { EntityManager } from 'typeorm';
import { violatesUnique } from '../platform/errors';

/** The org an email already belongs to, as the rules need it. */
export interface Membership {
  kind: 'PARTNER' | 'CUSTOMER';
  orgId: string;
  orgName: string;
}

export async function membershipOf(manager: EntityManager, email: string | null | undefined): Promise<Membership | null> {
  if (!email) return null;
  const [row] = await manager.query(
    `SELECT u.partner_org_id, u.customer_org_id, coalesce(p.name, c.name) AS org_name
       FROM webex_user u
       LEFT JOIN partner_org p ON p.id = u.partner_org_id
       LEFT JOIN customer_org c ON c.id = u.customer_org_id
      WHERE lower(u.email) = lower($1)`,
    [email.trim()],
  );
  if (!row) return null;
  return row.partner_org_id
    ? { kind: 'PARTNER', orgId: row.partner_org_id, orgName: row.org_name }
    : { kind: 'CUSTOMER', orgId: row.customer_org_id, orgName: row.org_name };
}

/**
 * The org each of these emails belongs to, for the emails that belong to one, keyed by the email as
 * given (trimmed): one statement, matched as membershipOf matches (PostgreSQL's lower() on both sides).
 */
export async function membershipsOf(manager: EntityManager, emails: readonly string[]): Promise<Map<string, Membership>> {
  const given = [...new Set(emails.map((email) => email.trim()))];
  const rows: { email: string; partner_org_id: string | null; customer_org_id: string | null; org_name: string }[] = given.length
    ? await manager.query(
        `SELECT k.email, u.partner_org_id, u.customer_org_id, coalesce(p.name, c.name) AS org_name
           FROM unnest($1::text[]) AS k(email)
           JOIN webex_user u ON lower(u.email) = lower(k.email)
           LEFT JOIN partner_org p ON p.id = u.partner_org_id
           LEFT JOIN customer_org c ON c.id = u.customer_org_id`,
        [given],
      )
    : [];
  return new Map(
    rows.map((row) => [
      row.email,
      row.partner_org_id
        ? { kind: 'PARTNER', orgId: row.partner_org_id, orgName: row.org_name }
        : { kind: 'CUSTOMER', orgId: row.customer_org_id!, orgName: row.org_name },
    ]),
  );
}

/** The one-org-per-user index refused a second org for an email. */
export function isEmailTaken(error: unknown): boolean {
  return violatesUnique(error, 'webex_user_email_key');
}
