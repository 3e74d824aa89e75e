/**
 * A real server for one test file: its own PostgreSQL schema, migrated; the app listening on a
 * free port; a clock the test moves; and the emails it delivers, captured through nodemailer.
 */
import { randomBytes } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createTransport } from 'nodemailer';
import pino, { Logger } from 'pino';
import { createApp } from '../../server/app';
import { createDataSource, migrate } from '../../server/db/data-source';
import { ManualClock } from '../../server/platform/clock';
import { newToken, TOKEN_PREFIX } from '../../server/platform/tokens';
import { createServices, Services } from '../../server/services';
import { StaffRole } from '../../server/staff/staff.entity';

export const PUBLIC_URL = 'http://setup.test';

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: { code?: string } }[];
}

export interface RequestOptions {
  token?: string | null;
  language?: string;
}

export interface SentEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface SentSetupEmail {
  subscriptionId: string;
  to: string;
  url: string;
  token: string;
}

export interface Harness {
  url: string;
  db: DataSource;
  clock: ManualClock;
  services: Services;
  schema: string;
  /** Every email the outbox delivered (through nodemailer, to an in-memory transport), oldest first. */
  emails: SentEmail[];
  /** The delivered emails that carry a Set up now link, oldest first. */
  setupEmails: SentSetupEmail[];
  /** Delivers what the outbox holds, as the server's delivery job would. */
  deliverMail(): Promise<void>;
  /** A COMMERCE API key. */
  commerceKey: string;
  gql<T = any>(query: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<GraphQLResponse<T>>;
  staffToken(role: StaffRole | `${StaffRole}`): Promise<string>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Deliver email over SMTP to this peer (smtp://host:port) instead of capturing it in memory. */
  smtpUrl?: string;
  /** The per-address limit on setupLink and provisioningStart; practically none unless a test sets one. */
  entryRequestsPerMinute?: number;
  /** Where the server logs (faults, mail): silent unless a test reads the lines. */
  logger?: Logger;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is unset: run the tests with jest, whose global setup starts PostgreSQL');
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();

  const db = createDataSource({ url: databaseUrl, schema, poolSize: 20 });
  await db.initialize();
  await migrate(db);

  const clock = new ManualClock('2026-11-24T09:00:00Z');
  const logger = options.logger ?? pino({ level: 'silent' });
  const emails: SentEmail[] = [];
  const setupEmails: SentSetupEmail[] = [];
  const capture = {
    name: 'capture',
    version: '1',
    send(mail: { data: Record<string, unknown> }, done: (error: Error | null, info: unknown) => void) {
      const email = {
        to: String(mail.data.to),
        subject: String(mail.data.subject),
        text: String(mail.data.text),
        html: String(mail.data.html),
      };
      emails.push(email);
      const link = /(\S+\/setup\/(wxl_[A-Za-z0-9_-]+))/.exec(email.text);
      const subscriptionId = /\b(Sub[A-Za-z0-9-]+)/.exec(email.subject)?.[1];
      if (link && subscriptionId) setupEmails.push({ subscriptionId, to: email.to, url: link[1], token: link[2] });
      done(null, { messageId: `<${emails.length}@capture>` });
    },
  };
  const services = createServices({
    db,
    clock,
    logger,
    publicUrl: PUBLIC_URL,
    mailTransport: options.smtpUrl ? createTransport(options.smtpUrl) : createTransport(capture),
    mailFrom: 'Webex Contact Center <no-reply@setup.test>',
    logEmailText: false,
    mailQueued: () => undefined,
    entryRequestsPerMinute: options.entryRequestsPerMinute ?? 1_000_000,
  });
  const commerceKey = newToken(TOKEN_PREFIX.apiKey);
  await services.staff.ensureApiKey('test commerce key', commerceKey);

  const app = await createApp({ db, services, logger, exposeInternals: false });
  await new Promise<void>((listening) => app.httpServer.listen(0, '127.0.0.1', listening));
  const url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}/graphql`;

  let staffCount = 0;
  return {
    url,
    db,
    clock,
    services,
    schema,
    emails,
    setupEmails,
    deliverMail: async () => {
      await services.mail.deliverDue();
    },
    commerceKey,
    async gql(query, variables = {}, options = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      if (options.language) headers['accept-language'] = options.language;
      const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      return (await response.json()) as GraphQLResponse;
    },
    async staffToken(role) {
      const email = `${role.toLowerCase()}${++staffCount}@cisco.test`;
      const password = 'correct horse battery staple';
      await services.staff.createStaff(email, password, role as StaffRole);
      const { token } = await services.staff.login(email, password, '127.0.0.1');
      return token;
    },
    async close() {
      await app.stop();
      await db.destroy();
    },
  };
}
