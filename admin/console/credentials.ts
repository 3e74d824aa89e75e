/**
 * The signed-in staff member: the token from `login` and who it belongs to, kept in localStorage so that a
 * reload or a second tab stays signed in until the token expires (8 hours) or the user logs out.
 */
import type { StaffRole } from './access';

export interface StaffCredentials {
  token: string;
  staff: { id: string; email: string; role: StaffRole };
}

const STORAGE_KEY = 'wxcc-console:credentials';

export function readCredentials(): StaffCredentials | null {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (!stored) return null;
  try {
    return JSON.parse(stored) as StaffCredentials;
  } catch {
    localStorage.removeItem(STORAGE_KEY);
    return null;
  }
}

export function saveCredentials(credentials: StaffCredentials): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(credentials));
}

export function forgetCredentials(): void {
  localStorage.removeItem(STORAGE_KEY);
}

/** Whether the token's `exp` claim is past; the server checks the signature, the console only avoids sending a dead token. */
export function hasExpired(token: string, now = Date.now()): boolean {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
    return typeof payload.exp === 'number' && payload.exp * 1000 <= now;
  } catch {
    return true;
  }
}
