/**
 * What one request may ask for, on the server as deployed (built dist/, NODE_ENV=production): depth,
 * aliases, page sizes, body size, no batches, CSRF prevention on GET; introspection for staff only; no
 * "did you mean" suggestions in any configuration; and a per-address limit on the operations a stranger
 * calls with a guessed token. Each refusal has its code and the HTTP status of its class.
 */
import { Deployed, startDeployed } from '../support/deployed';

const LIMIT_CODES = ['GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT'];

async function post(d: Deployed, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(d.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  return { status: response.status, text, json: () => JSON.parse(text) };
}

/** A query exactly `depth` levels deep (the innermost scalar counts as a level), through PartnerOrg <-> CustomerOrg. */
function queryOfDepth(depth: number): string {
  let selection = 'id';
  for (let level = depth - 1; level >= 2; level -= 1) {
    selection = `${level % 2 === 0 ? 'customerOrgs' : 'partnerOrg'} { id ${selection} }`;
  }
  return `{ partnerOrg(id: "00000000-0000-4000-8000-000000000000") { ${selection} } }`;
}

function queryWithAliases(count: number): string {
  return `{ ${Array.from({ length: count }, (_, i) => `c${i + 1}: supportedCountries { code }`).join(' ')} }`;
}

/** Misspellings of each kind graphql-js would suggest a fix for: field, argument, enum value (literal and variable), type, input field. */
const MISSPELT: { what: string; query: string; variables?: Record<string, unknown>; token?: 'ANALYST'; right: string }[] = [
  { what: 'a field', query: '{ supportedCountrie { code } }', right: 'supportedCountries' },
  { what: 'an argument', query: '{ orders(pag: { limit: 1 }) { totalCount } }', token: 'ANALYST', right: '"page"' },
  { what: 'an enum value', query: '{ orders(filter: { status: [BOOKE] }) { totalCount } }', token: 'ANALYST', right: 'BOOKED' },
  {
    what: 'an enum value in variables',
    query: 'query ($s: [OrderStatus!]) { orders(filter: { status: $s }) { totalCount } }',
    variables: { s: ['BOOKE'] },
    token: 'ANALYST',
    right: 'BOOKED',
  },
  { what: 'a type', query: 'query ($s: OrderStatu) { __typename }', right: 'OrderStatus' },
  {
    what: 'an input field',
    query: 'mutation { login(input: { emai: "a@b.example", password: "x" }) { token } }',
    right: '"email"',
  },
];

/** Each misspelling is refused before it runs (HTTP 400) with no suggestion, on the server given. */
async function expectNoSuggestions(d: Deployed) {
  for (const { what, query, variables, token, right } of MISSPELT) {
    const { status, body } = await d.gql(query, variables, { token: token ? await d.login(token) : null });
    const messages = (body.errors ?? []).map((error) => error.message).join('\n');
    const codes = (body.errors ?? []).map((error) => String(error.extensions?.code));
    expect({
      what,
      status,
      refusedBeforeRunning: codes.length > 0 && codes.every((code) => LIMIT_CODES.includes(code)),
      data: body.data,
    }).toEqual({
      what,
      status: 400,
      refusedBeforeRunning: true,
      data: undefined,
    });
    expect({ what, messages }).toEqual({ what, messages: expect.not.stringMatching(/did you mean/i) });
    expect({ what, messages }).toEqual({ what, messages: expect.not.stringContaining(right) });
  }
}

describe('as served to everyone', () => {
  let d: Deployed;
  let analyst: string;
  beforeAll(async () => {
    d = await startDeployed();
    analyst = await d.login('ANALYST');
  }, 120_000);
  afterAll(() => d?.close(), 30_000);

  test('a query 10 levels deep is answered; 11 levels or more is refused with HTTP 400 before it runs', async () => {
    expect(queryOfDepth(3)).toBe('{ partnerOrg(id: "00000000-0000-4000-8000-000000000000") { customerOrgs { id id } } }');
    const ten = await d.gql(queryOfDepth(10), {}, { token: analyst });
    expect({ status: ten.status, body: ten.body }).toEqual({ status: 200, body: { data: { partnerOrg: null } } });

    for (const depth of [11, 12, 30]) {
      const refused = await d.gql(queryOfDepth(depth), {}, { token: analyst });
      expect(refused.status).toBe(400);
      expect(refused.body.data).toBeUndefined();
      // Deep queries may also exceed the cost limit; among the errors is the one about depth.
      for (const error of refused.body.errors!) expect(LIMIT_CODES).toContain(error.extensions?.code);
      expect(refused.body.errors!.map((error) => error.message).join('\n')).toContain(`depth limit of 10 exceeded, found ${depth}`);
    }
  });

  test('15 aliases are answered; 16 are refused with HTTP 400', async () => {
    const fifteen = await d.gql(queryWithAliases(15));
    expect(fifteen.status).toBe(200);
    expect(fifteen.body.errors).toBeUndefined();
    expect(Object.keys(fifteen.body.data)).toHaveLength(15);

    const sixteen = await d.gql(queryWithAliases(16));
    expect(sixteen.status).toBe(400);
    expect(sixteen.body.data).toBeUndefined();
    expect(LIMIT_CODES).toContain(sixteen.body.errors?.[0].extensions?.code);
    expect(sixteen.body.errors?.[0].message).toMatch(/alias/i);
  });

  test('a page of 200 is answered; a page of more is BAD_USER_INPUT with HTTP 400 (its one status, wherever raised), for every role', async () => {
    for (const role of ['ANALYST', 'REP', 'ADMIN'] as const) {
      const token = await d.login(role);
      const page = await d.gql('{ orders(page: { limit: 200 }) { totalCount } }', {}, { token });
      expect({ role, status: page.status, body: page.body }).toEqual({ role, status: 200, body: { data: { orders: { totalCount: 0 } } } });
      const refused = await d.gql('{ orders(page: { limit: 500 }) { totalCount } }', {}, { token });
      expect({ role, status: refused.status, codes: refused.body.errors?.map((error) => error.extensions?.code) }).toEqual({
        role,
        status: 400,
        codes: ['BAD_USER_INPUT'],
      });
    }
  });

  test('a 200kb body is refused with HTTP 413; a body just under the limit is read', async () => {
    const padding = 'x'.repeat(200 * 1024);
    const huge = await post(d, JSON.stringify({ query: '{ supportedCountries { code } }', variables: { padding } }));
    expect(huge.status).toBe(413);
    expect(huge.text).not.toContain('supportedCountries');

    const fits = await post(d, JSON.stringify({ query: '{ supportedCountries { code } }', variables: { padding: 'x'.repeat(90 * 1024) } }));
    expect(fits.status).toBe(200);
    expect(fits.json().data.supportedCountries.length).toBeGreaterThan(50);
  });

  test('a batch of operations in one JSON array is refused; none of them runs', async () => {
    const order = {
      subscriptionId: `Sub-batch-${process.pid}`,
      commerceOrderNumber: 'CCW-BATCH',
      offerCode: 'WXCC-STD',
      seats: 1,
      requestedStartDate: '2027-01-01',
      provisioningContactEmail: 'batch@limits.example',
    };
    const submit = {
      query: `mutation ($input: OrderSubmitInput!) { orderSubmit(input: $input) { order { id } userErrors { code } } }`,
      variables: { input: order },
    };
    const batch = await post(d, JSON.stringify([{ query: '{ supportedCountries { code } }' }, submit]), {
      authorization: `Bearer ${d.commerceKey}`,
    });
    expect(batch.status).toBe(400);
    expect(batch.text).toMatch(/batch/i);
    expect(await d.db.query(`SELECT id FROM orders WHERE subscription_id = $1`, [order.subscriptionId])).toEqual([]);
  });

  test('a GET without a preflight header is refused as possible CSRF; with a JSON content type or the Apollo header it is answered', async () => {
    const url = `${d.url}?query=${encodeURIComponent('{ supportedCountries { code } }')}`;
    const bare = await fetch(url);
    expect(bare.status).toBe(400);
    expect(await bare.text()).toMatch(/CSRF|Cross-Site Request Forgery/i);

    for (const headers of [{ 'content-type': 'application/json' }, { 'apollo-require-preflight': 'true' }] as Record<string, string>[]) {
      const answered = await fetch(url, { headers });
      expect(answered.status).toBe(200);
      const body = (await answered.json()) as { data: { supportedCountries: unknown[] } };
      expect(body.data.supportedCountries.length).toBeGreaterThan(50);
    }
  });

  test('a mutation cannot be sent as a GET', async () => {
    const mutation = `mutation { apiKeyCreate(input: { name: "via GET" }) { key } }`;
    const admin = await d.login('ADMIN');
    const response = await fetch(`${d.url}?query=${encodeURIComponent(mutation)}`, {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
    });
    expect(response.status).toBe(405);
    expect(await d.db.query(`SELECT id FROM api_key WHERE name = 'via GET'`)).toEqual([]);
  });
});

describe('introspection and suggestions', () => {
  let d: Deployed;
  const INTROSPECTION = '{ __schema { types { name } } }';
  beforeAll(async () => {
    d = await startDeployed();
  }, 120_000);
  afterAll(() => d?.close(), 30_000);

  test('introspection is FORBIDDEN, with HTTP 200 and no data, without a credential, for a wizard token and for the commerce key', async () => {
    const wizard = await d.openWizard();
    for (const [who, token] of [
      ['anonymous', null],
      ['wizard', wizard.sessionToken],
      ['commerce', d.commerceKey],
    ] as const) {
      for (const query of [INTROSPECTION, '{ __type(name: "Order") { fields { name } } }']) {
        const { status, body } = await d.gql(query, {}, { token });
        expect({ who, query, status, body }).toEqual({
          who,
          query,
          status: 200,
          body: { errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })] },
        });
      }
    }
    // The wizard itself still works for that token.
    const session = await d.gql('{ provisioningSession { status } }', {}, { token: wizard.sessionToken });
    expect(session.body).toEqual({ data: { provisioningSession: { status: 'ACTIVE' } } });
  });

  test('staff may introspect', async () => {
    for (const role of ['ANALYST', 'REP', 'ADMIN'] as const) {
      const allowed = await d.gql(INTROSPECTION, {}, { token: await d.login(role) });
      expect(allowed.status).toBe(200);
      expect(allowed.body.errors).toBeUndefined();
      expect(allowed.body.data.__schema.types.map((type: { name: string }) => type.name)).toEqual(
        expect.arrayContaining(['Query', 'Mutation', 'Order', 'ProvisioningSession']),
      );
    }
  });

  test('a misspelt field, argument, enum value, type or input field gets HTTP 400 and no "did you mean" suggestion', async () => {
    await expectNoSuggestions(d);
  });

  test('nor with NODE_ENV=development', async () => {
    const development = await startDeployed({ env: { NODE_ENV: 'development' } });
    try {
      await expectNoSuggestions(development);
    } finally {
      await development.close();
    }
  }, 60_000);
});

describe('with a limit of 5 entry requests per minute and address', () => {
  let d: Deployed;
  beforeAll(async () => {
    d = await startDeployed({ entryRateLimit: 5 });
  }, 120_000);
  afterAll(() => d?.close(), 30_000);

  test('the 6th setupLink call in a minute from one address is RATE_LIMITED with HTTP 429; other operations still work', async () => {
    const SETUP_LINK = JSON.stringify({ query: '{ setupLink(token: "wxl_guessed") { status } }' });
    for (let i = 1; i <= 5; i += 1) {
      const allowed = await post(d, SETUP_LINK);
      expect(allowed.status).toBe(200);
      expect(allowed.json()).toEqual({ data: { setupLink: { status: 'INVALID' } } });
    }
    const refused = await post(d, SETUP_LINK);
    expect(refused.status).toBe(429);
    const body = refused.json();
    expect(body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(body.errors[0].message).toMatch(/Try again in \d+ seconds/);

    // A forged X-Forwarded-For does not buy a fresh allowance (no proxy is trusted here).
    const forged = await post(d, SETUP_LINK, { 'x-forwarded-for': '192.0.2.77' });
    expect(forged.status).toBe(429);

    // provisioningStart shares the allowance.
    const start = await d.gql(`mutation { provisioningStart(input: { token: "wxl_guessed" }) { sessionToken userErrors { code } } }`);
    expect({ status: start.status, code: start.body.errors?.[0].extensions?.code }).toEqual({ status: 429, code: 'RATE_LIMITED' });

    // Operations that take no guessed token are not limited.
    const countries = await d.gql('{ supportedCountries { code } }');
    expect(countries.status).toBe(200);
    expect(countries.body.errors).toBeUndefined();
  });
});
