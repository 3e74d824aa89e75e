/** A staff member's name: how an account reads with it, and how long it may be. */
import type { RaRecord } from 'react-admin';

/** The server's limit (MAX_STAFF_NAME_LENGTH), checked before sending. */
export const MAX_NAME_LENGTH = 100;

/** "Name (email)" when the account has a name, the email alone otherwise. */
export function staffRepresentation(staff: RaRecord): string {
  return staff.name ? `${staff.name} (${staff.email})` : staff.email;
}
