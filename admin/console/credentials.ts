/**
 * The signed-in staff member: the token from `login` and who it belongs to, kept in localStorage so that a
 * reload or a second tab stays signed in until the user logs out or the server stops accepting the token
 * (it expires after 8 hours; the server's clock decides, so the console does not judge it by its own).
 */
import type { LoginMutation } from '../generated/console';

export interface StaffCredentials {
  token: string;
  staff: NonNullable<LoginMutation['login']['staff']>;
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
