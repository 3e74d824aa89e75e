/** Bearer secrets: random, prefixed by kind, stored only as a SHA-256 hash. */
import { createHash, randomBytes } from 'node:crypto';

export const TOKEN_PREFIX = {
  setupLink: 'wxl_',
  wizardSession: 'wxs_',
  apiKey: 'wxk_',
} as const;

/** 256 random bits, URL-safe, with a prefix that tells which kind of secret it is. */
export function newToken(prefix: string): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
