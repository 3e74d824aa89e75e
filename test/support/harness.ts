/**
 * A real server for one test file: its own PostgreSQL schema, migrated; the app listening on a
 * free port; a clock the test moves; and the Set up now emails it would have sent.
 */
import { randomBytes } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '../../server/app';
import { createDataSource, migrate } from '../../server/db/data-source';
import type { Order } from '../../server/orders/order.entity';
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
  /** Every Set up now email, oldest first. */
  setupEmails: SentSetupEmail[];
  /** A COMMERCE API key. */
  commerceKey: string;
  gql<T = any>(query: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<GraphQLResponse<T>>;
  staffToken(role: StaffRole | `${StaffRole}`): Promise<string>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
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
  const setupEmails: SentSetupEmail[] = [];
  const services = createServices({
    db,
    clock,
    publicUrl: PUBLIC_URL,
    mailer: {
      setupLinkIssued: ({ order, url }: { order: Order; url: string }) => {
        setupEmails.push({ subscriptionId: order.subscriptionId, to: order.provisioningContactEmail, url, token: url.split('/').pop()! });
      },
    },
  });
  const commerceKey = newToken(TOKEN_PREFIX.apiKey);
  await services.staff.ensureApiKey('test commerce key', commerceKey);

  const app = await createApp({ db, services, exposeInternals: false });
  await new Promise<void>((listening) => app.httpServer.listen(0, '127.0.0.1', listening));
  const url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}/graphql`;

  let staffCount = 0;
  return {
    url,
    db,
    clock,
    services,
    schema,
    setupEmails,
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
      const { token } = await services.staff.login(email, password);
      return token;
    },
    async close() {
      await app.stop();
      await db.destroy();
    },
  };
}
