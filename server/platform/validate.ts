/** Field checks shared by every input: each returns the problem it finds, or nothing. */
import { isEmail, isUUID } from 'class-validator';
import { Problem, problem } from './errors';

export function checkEmail(field: string, value: string | null | undefined): Problem | undefined {
  if (value === undefined || value === null || value.trim() === '') return problem('REQUIRED', field);
  const email = value.trim();
  if (email.length > 254 || !isEmail(email, { allow_utf8_local_part: false })) return problem('INVALID_EMAIL', field);
  return undefined;
}

export function checkText(field: string, value: string | null | undefined, max = 200): Problem | undefined {
  if (value === undefined || value === null || value.trim() === '') return problem('REQUIRED', field);
  if (value.trim().length > max) return problem('TOO_LONG', field, { max });
  return undefined;
}

export function checkOptionalText(field: string, value: string | null | undefined, max = 200): Problem | undefined {
  if (value === undefined || value === null || value.trim() === '') return undefined;
  return checkText(field, value, max);
}

export function checkWholeNumber(field: string, value: number | null | undefined, min: number, max: number): Problem | undefined {
  if (value === undefined || value === null) return problem('REQUIRED', field);
  if (!Number.isInteger(value) || value < min || value > max) return problem('OUT_OF_RANGE', field, { min, max });
  return undefined;
}

/** A real calendar date written YYYY-MM-DD (no 2026-02-30). */
export function checkCalendarDate(field: string, value: string | null | undefined): Problem | undefined {
  if (value === undefined || value === null || value === '') return problem('REQUIRED', field);
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return problem('INVALID_DATE', field);
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return problem('INVALID_DATE', field);
  return undefined;
}

/** Collects the problems of several checks, skipping the ones that passed. */
export function problems(...found: (Problem | undefined)[]): Problem[] {
  return found.filter((p): p is Problem => p !== undefined);
}

export function sameEmail(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();
}

export function emailDomain(email: string): string {
  return email.trim().toLowerCase().split('@').pop() ?? '';
}

/** Record ids are UUIDs; anything else names no record (and must not reach a uuid column). */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && isUUID(value);
}
