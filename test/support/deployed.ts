/**
 * The server as deployed, for the HTTP-level suites: the built `node dist/server/main.js` with
 * NODE_ENV=production (as the Docker image runs it), on a fresh database of the run's cluster, sending
 * its email to a real SMTP peer, its pino log captured.
 *
 *   const d = await startDeployed();            // in beforeAll (allow ~60 s: the first one in a file builds dist/)
 *   const { status, body } = await d.gql('{ orders { totalCount } }', {}, { token: await d.login('ANALYST') });
 *   const { sessionToken } = await d.openWizard(); // orderSubmit due today, the Set up now email, provisioningStart
 *   d.logLines().filter((line) => line.level >= 50) // what the server logged, as pino JSON objects
 *   await d.close();                              // in afterAll: stops the server, drops the database
 *
 * Unlike test/support/harness.ts there is no clock to move: tests that need the ManualClock stay in-process.
 */
import { SmtpPeer, setupLinkIn } from './smtp-peer';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  buildServer,
  COMMERCE_API_KEY,
  createTestDatabase,
  migrateWithServer,
  ServerProcess,
  TestDatabase,
  todayUtc,
  waitFor,
} from '../process/support';

export type StaffRoleName = 'ANALYST' | 'REP' | 'ADMIN';

export interface DeployedResponse<T = any> {
  status: number;
  /** The parsed JSON body; the raw text when it is not JSON. */
  body: { data?: T; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[] } & Record<string, any>;
  headers: Headers;
}

export interface DeployedRequestOptions {
  token?: string | null;
  /** Accept-Language. */
  language?: string;
  headers?: Record<string, string>;
}

/** One line of the server's pino log. */
export interface LogLine {
  level: number;
  msg?: string;
  [key: string]: any;
}

export interface DeployedOptions {
  /** ENTRY_RATE_LIMIT: setupLink and provisioningStart calls per address and minute; practically none unless given. */
  entryRateLimit?: number;
  /** More environment for the server. */
  env?: NodeJS.ProcessEnv;
  /**
   * Data to load before the server starts, on a migrated database: what is due in it is then done by the
   * server's start-up sweep, not a minute later by the next one.
   */
  beforeStart?: (db: TestDatabase) => Promise<void>;
}

export interface Deployed {
  /** The GraphQL endpoint, http://127.0.0.1:<port>/graphql. */
  url: string;
  /** http://127.0.0.1:<port>, for /healthz, /admin/, /setup/... */
  origin: string;
  /** The COMMERCE API key the server was started with. */
  commerceKey: string;
  db: TestDatabase;
  peer: SmtpPeer;
  server: ServerProcess;
  /** POSTs { query, variables } as JSON; the status matters: it is returned, never thrown on. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, options?: DeployedRequestOptions): Promise<DeployedResponse<T>>;
  /**
   * A staff token for the role: the first admin's, or that of a staff member the admin created through staffCreate.
   * The same token on every call, unless `fresh` asks for a new login (for a test that ends its token).
   */
  login(role: StaffRoleName, fresh?: boolean): Promise<string>;
  /** The email and password the role's staff member signs in with (through the console's login page, say). */
  credentials(role: StaffRoleName): { email: string; password: string };
  /** Books an order due today with the COMMERCE key and waits for its Set up now email; returns the link's token. */
  bookOrder(input?: Partial<OrderInput>): Promise<{ orderId: string; subscriptionId: string; contactEmail: string; linkToken: string }>;
  /** bookOrder, then provisioningStart with the link: a wizard session token. */
  openWizard(
    input?: Partial<OrderInput>,
  ): Promise<{ orderId: string; subscriptionId: string; linkToken: string; sessionToken: string; sessionId: string }>;
  /** The server's log lines so far that are pino JSON (the start-up banner is not). */
  logLines(): LogLine[];
  close(): Promise<void>;
}

export interface OrderInput {
  subscriptionId: string;
  commerceOrderNumber: string;
  offerCode: string;
  seats: number;
  requestedStartDate: string;
  provisioningContactEmail: string;
}

const STAFF_PASSWORD = 'Deployed-staff-password-1!';

let built = false;

export async function startDeployed(options: DeployedOptions = {}): Promise<Deployed> {
  // Once per test file (jest gives each file its own module registry), however many servers it starts.
  if (!built) buildServer();
  built = true;
  const peer = await SmtpPeer.start();
  const db = await createTestDatabase();
  let server: ServerProcess;
  try {
    if (options.beforeStart) {
      await migrateWithServer(db.url, peer.url);
      await options.beforeStart(db);
    }
    server = await ServerProcess.spawn({
      name: 'deployed',
      databaseUrl: db.url,
      smtpUrl: peer.url,
      logLevel: 'info',
      env: {
        NODE_ENV: 'production',
        ENTRY_RATE_LIMIT: String(options.entryRateLimit ?? 1_000_000),
        ...options.env,
      },
    });
    await server.ready(45_000);
  } catch (error) {
    await db.drop();
    await peer.close();
    throw error;
  }
  const origin = `http://127.0.0.1:${server.port}`;
  const url = `${origin}/graphql`;

  async function gql(query: string, variables: Record<string, unknown> = {}, request: DeployedRequestOptions = {}) {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...request.headers };
    if (request.token) headers.authorization = `Bearer ${request.token}`;
    if (request.language) headers['accept-language'] = request.language;
    const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const text = await response.text();
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: the test sees the text.
    }
    return { status: response.status, body, headers: response.headers };
  }

  async function loginAs(email: string, password: string): Promise<string> {
    const { body } = await gql(`mutation ($input: LoginInput!) { login(input: $input) { token userErrors { code } } }`, {
      input: { email, password },
    });
    const token = body?.data?.login?.token;
    if (!token) throw new Error(`login as ${email} failed: ${JSON.stringify(body)}`);
    return token;
  }

  const emailOf = (role: StaffRoleName) => (role === 'ADMIN' ? ADMIN_EMAIL : `${role.toLowerCase()}@deployed.test`);
  const passwordOf = (role: StaffRoleName) => (role === 'ADMIN' ? ADMIN_PASSWORD : STAFF_PASSWORD);
  const tokens = new Map<StaffRoleName, Promise<string>>();
  async function login(role: StaffRoleName, fresh = false): Promise<string> {
    if (fresh) {
      await firstLogin(role);
      return loginAs(emailOf(role), passwordOf(role));
    }
    return firstLogin(role);
  }
  function firstLogin(role: StaffRoleName): Promise<string> {
    let token = tokens.get(role);
    if (!token) {
      token = (async () => {
        const admin = await loginAs(ADMIN_EMAIL, ADMIN_PASSWORD);
        if (role === 'ADMIN') return admin;
        const { body } = await gql(
          `mutation ($input: StaffCreateInput!) { staffCreate(input: $input) { staff { id } userErrors { code } } }`,
          { input: { email: emailOf(role), role, password: STAFF_PASSWORD } },
          { token: admin },
        );
        if (!body?.data?.staffCreate?.staff) throw new Error(`staffCreate ${role} failed: ${JSON.stringify(body)}`);
        return loginAs(emailOf(role), STAFF_PASSWORD);
      })();
      tokens.set(role, token);
    }
    return token;
  }

  let sequence = 0;
  async function bookOrder(overrides: Partial<OrderInput> = {}) {
    sequence += 1;
    const input: OrderInput = {
      subscriptionId: `Sub-deployed-${sequence}`,
      commerceOrderNumber: `CO-deployed-${sequence}`,
      offerCode: 'A-WXCC-STD',
      seats: 25,
      requestedStartDate: todayUtc(),
      provisioningContactEmail: `contact${sequence}@deployed${sequence}.example`,
      ...overrides,
    };
    const { body } = await gql(
      `mutation ($input: OrderSubmitInput!) { orderSubmit(input: $input) { order { id status } userErrors { code field } } }`,
      { input },
      { token: COMMERCE_API_KEY },
    );
    const order = body?.data?.orderSubmit?.order;
    if (!order) throw new Error(`orderSubmit failed: ${JSON.stringify(body)}`);
    // An order due today gets its email in the same transaction; the server delivers queued mail at once.
    const contact = input.provisioningContactEmail;
    await waitFor(
      () => peer.messagesTo(contact).length > 0,
      15_000,
      () => `no Set up now email to ${contact} (order ${order.id} is ${order.status})\n${server.log}`,
    );
    const link = setupLinkIn(peer.messagesTo(contact).at(-1)!.text);
    if (!link) throw new Error(`no setup link in the email to ${contact}: ${peer.messagesTo(contact).at(-1)!.text}`);
    return { orderId: order.id as string, subscriptionId: input.subscriptionId, contactEmail: contact, linkToken: link.token };
  }

  async function openWizard(overrides: Partial<OrderInput> = {}) {
    const booked = await bookOrder(overrides);
    const { body } = await gql(
      `mutation ($token: String!) { provisioningStart(input: { token: $token }) { sessionToken session { id } userErrors { code } } }`,
      { token: booked.linkToken },
    );
    const started = body?.data?.provisioningStart;
    if (!started?.sessionToken) throw new Error(`provisioningStart failed: ${JSON.stringify(body)}`);
    return {
      orderId: booked.orderId,
      subscriptionId: booked.subscriptionId,
      linkToken: booked.linkToken,
      sessionToken: started.sessionToken,
      sessionId: started.session.id,
    };
  }

  function logLines(): LogLine[] {
    const lines: LogLine[] = [];
    for (const line of server.log.split('\n')) {
      if (!line.startsWith('{')) continue;
      try {
        lines.push(JSON.parse(line));
      } catch {
        // A line cut off mid-write: the rest of it comes with the next chunk.
      }
    }
    return lines;
  }

  return {
    url,
    origin,
    commerceKey: COMMERCE_API_KEY,
    db,
    peer,
    server,
    gql,
    login,
    credentials: (role: StaffRoleName) => ({ email: emailOf(role), password: passwordOf(role) }),
    bookOrder,
    openWizard,
    logLines,
    async close() {
      await server.stop();
      await db.drop();
      await peer.close();
    },
  };
}
