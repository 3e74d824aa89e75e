/** Configuration from the environment, as docs/operations.md lists it. */
import { DEFAULT_STATEMENT_TIMEOUT_MS } from './db/data-source';
import { DEFAULT_REMINDERS, parseReminderSchedule, ReminderSchedule } from './orders/setup-reminders';
import { DEFAULT_REQUEST_DEADLINE_MS } from './platform/deadline';
import type { WebhookSettings } from './webhooks/webhook.service';

export interface Config {
  databaseUrl?: string;
  port: number;
  publicUrl: string;
  smtpUrl?: string;
  /** The From of every email. */
  mailFrom: string;
  adminEmail?: string;
  adminPassword?: string;
  commerceApiKey?: string;
  logLevel: string;
  /** Stack traces and SQL in errors: only when NODE_ENV=development. */
  exposeInternals: boolean;
  dataDir: string;
  /** setupLink and provisioningStart calls allowed per client address and minute. */
  entryRequestsPerMinute: number;
  /** Express's `trust proxy`: set when behind a load balancer, so client addresses are real. */
  trustProxy?: string;
  /** PostgreSQL's statement_timeout on every connection of the server's pool and of pg-boss. */
  statementTimeoutMs: number;
  /** How long a GraphQL request may run before it is answered TIMEOUT (server/platform/deadline.ts). */
  requestDeadlineMs: number;
  /** A bearer token /metrics asks for; without one, /metrics answers this machine only (server/platform/telemetry.ts). */
  metricsToken?: string;
  /** Serve /metrics on this port instead of the public one. */
  metricsPort?: number;
  /** When the provisioning contact is reminded before the setup window closes (SETUP_REMINDERS). */
  setupReminders: ReminderSchedule;
  /** Where webhooks may go (WEBHOOK_ALLOW_PRIVATE) and how long a receiver may take (WEBHOOK_TIMEOUT_MS). */
  webhooks: WebhookSettings;
}

/** Long enough that guessing it is hopeless. */
const MIN_METRICS_TOKEN_LENGTH = 16;

/** A duration in milliseconds from the environment: a whole number above 0, or the default when unset. */
export function milliseconds(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms <= 0) throw new Error(`${name} must be a whole number of milliseconds above 0, not ${value}`);
  return ms;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not ${env.PORT}`);
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    port,
    publicUrl: (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, ''),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'Webex Contact Center <no-reply@webex-provisioning.invalid>',
    adminEmail: env.ADMIN_EMAIL || undefined,
    adminPassword: env.ADMIN_PASSWORD || undefined,
    commerceApiKey: env.COMMERCE_API_KEY || undefined,
    logLevel: env.LOG_LEVEL || 'info',
    exposeInternals: env.NODE_ENV === 'development',
    dataDir: env.DATA_DIR || '.data',
    entryRequestsPerMinute: Number(env.ENTRY_RATE_LIMIT || 60),
    trustProxy: env.TRUST_PROXY || undefined,
    statementTimeoutMs: milliseconds(env, 'STATEMENT_TIMEOUT_MS', DEFAULT_STATEMENT_TIMEOUT_MS),
    requestDeadlineMs: milliseconds(env, 'REQUEST_DEADLINE_MS', DEFAULT_REQUEST_DEADLINE_MS),
    metricsToken: metricsToken(env.METRICS_TOKEN),
    metricsPort: metricsPort(env.METRICS_PORT, port),
    setupReminders: setupReminders(env),
    webhooks: webhookSettings(env),
  };
}

/** The time a webhook receiver has to answer unless WEBHOOK_TIMEOUT_MS says otherwise. */
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * WEBHOOK_ALLOW_PRIVATE=true lets webhook endpoints use http and private, loopback or link-local addresses; unset, only
 * https and public addresses in production (anything outside it). WEBHOOK_TIMEOUT_MS: the receiver's time to answer.
 */
export function webhookSettings(env: NodeJS.ProcessEnv): WebhookSettings {
  const flag = env.WEBHOOK_ALLOW_PRIVATE?.trim() || undefined;
  if (flag !== undefined && flag !== 'true' && flag !== 'false')
    throw new Error(`WEBHOOK_ALLOW_PRIVATE must be true or false, not ${flag}`);
  return {
    allowPrivate: flag === 'true' || (flag === undefined && env.NODE_ENV !== 'production'),
    timeoutMs: milliseconds(env, 'WEBHOOK_TIMEOUT_MS', DEFAULT_WEBHOOK_TIMEOUT_MS),
  };
}

/** SETUP_REMINDERS, or the default schedule when unset; a readable error when it cannot be read. */
export function setupReminders(env: NodeJS.ProcessEnv): ReminderSchedule {
  const value = env.SETUP_REMINDERS?.trim() || DEFAULT_REMINDERS;
  try {
    return parseReminderSchedule(value);
  } catch (error) {
    throw new Error(`SETUP_REMINDERS=${value}: ${(error as Error).message}`);
  }
}

function metricsToken(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (value.length < MIN_METRICS_TOKEN_LENGTH)
    throw new Error(`METRICS_TOKEN must be at least ${MIN_METRICS_TOKEN_LENGTH} characters long`);
  return value;
}

function metricsPort(value: string | undefined, publicPort: number): number | undefined {
  if (!value) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`METRICS_PORT must be a port number, not ${value}`);
  if (port === publicPort) throw new Error('METRICS_PORT must differ from PORT: leave it unset to serve /metrics on the public port');
  return port;
}
