/**
 * What one request may ask for: depth, aliases, body size, no batches, CSRF prevention on GET; in production,
 * introspection for staff only; and a per-address limit on the operations a stranger calls with a guessed token.
 */
import { StaffRole } from '../../server/staff/staff.entity';
import { Harness, startHarness } from '../support/harness';
import { bookOrder, WizardClient } from '../support/wizard';

const LIMIT_CODES = ['GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT'];

async function post(h: Harness, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(h.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
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

describe('as served to everyone', () => {
  let h: Harness;
  let analyst: string;
  beforeAll(async () => {
    h = await startHarness();
    analyst = await h.staffToken(StaffRole.ANALYST);
  });
  afterAll(() => h.close());

  test('a query 10 levels deep is answered; 11 levels or more is refused before it runs', async () => {
    expect(queryOfDepth(3)).toBe('{ partnerOrg(id: "00000000-0000-4000-8000-000000000000") { customerOrgs { id id } } }');
    const ten = await h.gql(queryOfDepth(10), {}, { token: analyst });
    expect(ten).toEqual({ data: { partnerOrg: null } });

    for (const depth of [11, 12, 30]) {
      const refused = await h.gql(queryOfDepth(depth), {}, { token: analyst });
      expect(refused.data).toBeUndefined();
      // Deep queries may also exceed the cost limit; among the errors is the one about depth.
      for (const error of refused.errors!) expect(LIMIT_CODES).toContain(error.extensions?.code);
      expect(refused.errors!.map((error) => error.message).join('\n')).toContain(`depth limit of 10 exceeded, found ${depth}`);
    }
  });

  test('15 aliases are answered; 16 are refused', async () => {
    const fifteen = await h.gql(queryWithAliases(15));
    expect(fifteen.errors).toBeUndefined();
    expect(Object.keys(fifteen.data)).toHaveLength(15);

    const sixteen = await h.gql(queryWithAliases(16));
    expect(sixteen.data).toBeUndefined();
    expect(LIMIT_CODES).toContain(sixteen.errors?.[0].extensions?.code);
    expect(sixteen.errors?.[0].message).toMatch(/alias/i);
  });

  test('a 200kb body is refused with HTTP 413; a body just under the limit is read', async () => {
    const padding = 'x'.repeat(200 * 1024);
    const huge = await post(h, JSON.stringify({ query: '{ supportedCountries { code } }', variables: { padding } }));
    expect(huge.status).toBe(413);
    expect(huge.text).not.toContain('supportedCountries');

    const fits = await post(h, JSON.stringify({ query: '{ supportedCountries { code } }', variables: { padding: 'x'.repeat(90 * 1024) } }));
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
    const batch = await post(h, JSON.stringify([{ query: '{ supportedCountries { code } }' }, submit]), {
      authorization: `Bearer ${h.commerceKey}`,
    });
    expect(batch.status).toBe(400);
    expect(batch.text).toMatch(/batch/i);
    expect(await h.db.query(`SELECT id FROM orders WHERE subscription_id = $1`, [order.subscriptionId])).toEqual([]);
  });

  test('a GET without a preflight header is refused as possible CSRF; with a JSON content type or the Apollo header it is answered', async () => {
    const url = `${h.url}?query=${encodeURIComponent('{ supportedCountries { code } }')}`;
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
    const admin = await h.staffToken(StaffRole.ADMIN);
    const response = await fetch(`${h.url}?query=${encodeURIComponent(mutation)}`, {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
    });
    expect(response.status).toBe(405);
    expect(await h.db.query(`SELECT id FROM api_key WHERE name = 'via GET'`)).toEqual([]);
  });
});

describe('as served in production', () => {
  let h: Harness;
  const INTROSPECTION = '{ __schema { types { name } } }';
  beforeAll(async () => {
    h = await startHarness({ production: true });
  });
  afterAll(() => h.close());

  test('introspection is FORBIDDEN without a credential, for a wizard token and for the commerce key', async () => {
    const { linkToken } = await bookOrder(h);
    const wizard = await WizardClient.open(h, linkToken!);
    for (const token of [null, wizard.sessionToken, h.commerceKey]) {
      for (const query of [INTROSPECTION, '{ __type(name: "Order") { fields { name } } }']) {
        const refused = await h.gql(query, {}, { token });
        expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
        expect(refused.data).toBeUndefined();
      }
    }
    // The wizard itself still works for that token.
    expect((await wizard.session()).status).toBe('ACTIVE');
  });

  test('staff may introspect', async () => {
    for (const role of [StaffRole.ANALYST, StaffRole.REP, StaffRole.ADMIN]) {
      const allowed = await h.gql(INTROSPECTION, {}, { token: await h.staffToken(role) });
      expect(allowed.errors).toBeUndefined();
      expect(allowed.data.__schema.types.map((type: { name: string }) => type.name)).toEqual(
        expect.arrayContaining(['Query', 'Mutation', 'Order', 'ProvisioningSession']),
      );
    }
  });

  test('a misspelt field gets no "did you mean" suggestion', async () => {
    const misspelt = await h.gql('{ supportedCountrie { code } }');
    expect(misspelt.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(misspelt.errors?.[0].message).not.toMatch(/did you mean/i);
    expect(misspelt.errors?.[0].message).not.toContain('supportedCountries');
  });
});

describe('with a limit of 5 entry requests per minute and address', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ entryRequestsPerMinute: 5 });
  });
  afterAll(() => h.close());

  test('the 6th setupLink call in a minute from one address is RATE_LIMITED with HTTP 429; other operations still work', async () => {
    const SETUP_LINK = JSON.stringify({ query: '{ setupLink(token: "wxl_guessed") { status } }' });
    for (let i = 1; i <= 5; i += 1) {
      const allowed = await post(h, SETUP_LINK);
      expect(allowed.status).toBe(200);
      expect(allowed.json()).toEqual({ data: { setupLink: { status: 'INVALID' } } });
    }
    const refused = await post(h, SETUP_LINK);
    expect(refused.status).toBe(429);
    const body = refused.json();
    expect(body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(body.errors[0].message).toMatch(/Try again in \d+ seconds/);

    // A forged X-Forwarded-For does not buy a fresh allowance (no proxy is trusted here).
    const forged = await post(h, SETUP_LINK, { 'x-forwarded-for': '192.0.2.77' });
    expect(forged.status).toBe(429);

    // provisioningStart shares the allowance.
    const start = await h.gql(`mutation { provisioningStart(input: { token: "wxl_guessed" }) { sessionToken userErrors { code } } }`);
    expect(start.errors?.[0].extensions?.code).toBe('RATE_LIMITED');

    // Operations that take no guessed token are not limited.
    const countries = await h.gql('{ supportedCountries { code } }');
    expect(countries.errors).toBeUndefined();
  });
});
