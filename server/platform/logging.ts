/** The one logger: pino, with secrets redacted wherever they might appear in a logged object. */
import pino, { Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: ['*.password', '*.token', '*.sessionToken', '*.key', '*.authorization', 'req.headers.authorization', 'req.headers.cookie'],
      censor: '[redacted]',
    },
  });
}

/** d***@contoso.example: enough to tell mailboxes apart in a log, not enough to write to one. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** What of an error may be logged: its kind, message and code; never the SQL parameters a driver error carries. */
export function errorSummary(error: unknown): { type: string; message: string; code?: string } {
  const { name, message, code } = error as { name?: string; message?: string; code?: string };
  return { type: name ?? typeof error, message: message ?? String(error), ...(code ? { code } : {}) };
}
