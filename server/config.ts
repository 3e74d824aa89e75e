/** Configuration from the environment, as API.md lists it. */
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
  };
}
