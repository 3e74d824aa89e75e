/** The one logger: pino, with secrets redacted wherever they might appear in a logged object, and the request's id (and trace id, when traced) on every line a request causes. */
import { AsyncLocalStorage } from 'node:async_hooks';
import { trace } from '@opentelemetry/api';
import pino, { Logger } from 'pino';

export interface RequestScope {
  /** Sent back in the X-Request-Id header and in a fault's `extensions.requestId`. */
  requestId: string;
}

/** The request being served, wherever its work goes on (services, SQL, mail): pino adds its id to each line. */
export const requestScope = new AsyncLocalStorage<RequestScope>();

export function createLogger(level: string): Logger {
  return pino({
    level,
    mixin: () => {
      const scope = requestScope.getStore();
      // The trace of the line's request, when tracing is on (platform/tracing.ts); without it there is no span.
      const traceId = trace.getActiveSpan()?.spanContext().traceId;
      return { ...(scope ? { requestId: scope.requestId } : {}), ...(traceId ? { traceId } : {}) };
    },
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
