/**
 * Webhooks on the server as deployed (NODE_ENV=production): an ADMIN registers a receiver on the loopback (allowed by
 * WEBHOOK_ALLOW_PRIVATE=true), the commerce integration books an order, and the receiver gets its events signed; only
 * ADMIN reaches endpoints, deliveries and events, and no one reads a secret. A second server without the setting
 * refuses http and private, loopback or link-local addresses, with the refusal in English and Bulgarian.
 */
import { Deployed, startDeployed } from '../support/deployed';
import { waitFor } from '../process/support';
import { Receiver, startReceiver, verifyWebhook } from './receiver';

let d: Deployed;
let strict: Deployed;
let receiver: Receiver;

beforeAll(async () => {
  receiver = await startReceiver();
  [d, strict] = await Promise.all([startDeployed({ env: { WEBHOOK_ALLOW_PRIVATE: 'true' } }), startDeployed()]);
}, 120_000);
afterAll(async () => {
  await Promise.all([d?.close(), strict?.close()]);
  await receiver?.close();
});

const ERRORS = 'userErrors { field message code }';
const CREATE = `mutation ($input: WebhookEndpointCreateInput!) {
  webhookEndpointCreate(input: $input) { webhookEndpoint { id url events enabled } secret ${ERRORS} } }`;

test("an order's events reach the receiver, signed with the secret shown once; the event list and the delivery log show them", async () => {
  const admin = await d.login('ADMIN');
  const created = await d.gql(
    CREATE,
    { input: { url: `${receiver.url}/deployed`, events: ['order.submitted', 'order.setup_email_sent'], description: 'the ERP' } },
    { token: admin },
  );
  expect(created.status).toBe(200);
  const { webhookEndpoint, secret, userErrors } = created.body.data.webhookEndpointCreate;
  expect(userErrors).toEqual([]);
  expect(webhookEndpoint).toEqual({
    id: expect.any(String),
    url: `${receiver.url}/deployed`,
    events: ['order.submitted', 'order.setup_email_sent'],
    enabled: true,
  });

  const { orderId } = await d.bookOrder();
  await waitFor(
    () => receiver.received.filter((r) => r.event.data.orderId === orderId).length >= 2,
    20_000,
    () => `received: ${JSON.stringify(receiver.received.map((r) => r.event.type))}\n${JSON.stringify(d.logLines().slice(-5))}`,
  );
  const mine = receiver.received.filter((r) => r.event.data.orderId === orderId);
  expect(mine.map((r) => r.event.type)).toEqual(['order.submitted', 'order.setup_email_sent']);
  for (const request of mine) {
    const header = String(request.headers['webhook-signature']);
    const t = Number(/^t=(\d+),v1=[0-9a-f]{64}$/.exec(header)![1]);
    // The receiver checks the signature against its own clock: the same machine here.
    const now = Math.floor(Date.now() / 1000);
    expect(verifyWebhook(secret, header, request.body, now)).toBe(true);
    expect(verifyWebhook(secret, header, request.body, t + 301)).toBe(false); // too old: a replay
    expect(request.headers['webhook-id']).toBe(request.event.id);
  }

  const events = await d.gql(
    `query ($id: ID!) { webhookEvents(filter: { orderId: $id }) { totalCount nodes { id type apiVersion data } } }`,
    { id: orderId },
    { token: admin },
  );
  expect(events.body.data.webhookEvents.nodes.map((e: any) => e.id)).toEqual(mine.map((r) => r.event.id));
  const log = await d.gql(
    `query ($id: ID!) { webhookDeliveries(filter: { endpointId: $id }) { totalCount nodes { eventId outcome responseCode latencyMs responseExcerpt } } }`,
    { id: webhookEndpoint.id },
    { token: admin },
  );
  expect(log.body.data.webhookDeliveries.nodes).toEqual(
    expect.arrayContaining(
      mine.map((r) => ({
        eventId: r.event.id,
        outcome: 'SUCCEEDED',
        responseCode: 200,
        latencyMs: expect.any(Number),
        responseExcerpt: 'ok',
      })),
    ),
  );
});

describe('who reaches webhooks through the graph', () => {
  const READS = [
    '{ webhookEndpoints { totalCount } }',
    '{ webhookDeliveries { totalCount } }',
    '{ webhookEvents { totalCount } }',
    `mutation { webhookEndpointCreate(input: { url: "https://example.com/hook", events: ["order.mapped"] }) { secret ${ERRORS} } }`,
  ];

  test.each(['ANALYST', 'REP'] as const)('%s is refused FORBIDDEN on every webhook field', async (role) => {
    const token = await d.login(role);
    for (const query of READS) {
      const { body } = await d.gql(query, {}, { token });
      expect({ query, code: body.errors?.[0]?.extensions?.code, data: body.data }).toEqual({ query, code: 'FORBIDDEN', data: null });
    }
  });

  test('the COMMERCE key is refused FORBIDDEN, and no credential UNAUTHENTICATED', async () => {
    for (const query of READS) {
      const commerce = await d.gql(query, {}, { token: d.commerceKey });
      expect({ query, code: commerce.body.errors?.[0]?.extensions?.code }).toEqual({ query, code: 'FORBIDDEN' });
      const anonymous = await d.gql(query, {});
      expect({ query, code: anonymous.body.errors?.[0]?.extensions?.code }).toEqual({ query, code: 'UNAUTHENTICATED' });
    }
  });

  test('a wizard session token is refused', async () => {
    const { sessionToken } = await d.openWizard();
    const { body } = await d.gql('{ webhookEndpoints { totalCount } }', {}, { token: sessionToken });
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  test('no one reads a secret: the endpoint type has no such field, even for ADMIN', async () => {
    const admin = await d.login('ADMIN');
    const { status, body } = await d.gql('{ webhookEndpoints { nodes { id secret } } }', {}, { token: admin });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const { body: rows } = await d.gql('{ webhookEndpoints { nodes { id url events description enabled } } }', {}, { token: admin });
    expect(JSON.stringify(rows)).not.toContain('whsec_');
  });
});

describe('refusals, each a userError with a code, in English and Bulgarian', () => {
  const create = async (server: Deployed, input: Record<string, unknown>, language = 'en') =>
    (await server.gql(CREATE, { input }, { token: await server.login('ADMIN'), language })).body.data.webhookEndpointCreate;

  test('a malformed URL, a URL with a password, an unknown event type, no event type', async () => {
    expect(await create(d, { url: 'not a url', events: ['order.mapped'] })).toEqual({
      webhookEndpoint: null,
      secret: null,
      userErrors: [
        {
          field: ['input', 'url'],
          code: 'WEBHOOK_URL_INVALID',
          message: 'Enter an absolute http or https URL without a user name or password.',
        },
      ],
    });
    expect((await create(d, { url: 'ftp://example.com/x', events: ['order.mapped'] })).userErrors[0].code).toBe('WEBHOOK_URL_INVALID');
    expect(
      (await create(d, { url: `${receiver.url.replace('http://', 'http://me:pw@')}/x`, events: ['order.mapped'] })).userErrors[0].code,
    ).toBe('WEBHOOK_URL_INVALID');
    expect(await create(d, { url: `${receiver.url}/x`, events: ['order.mapped', 'order.shipped'] }, 'bg')).toEqual({
      webhookEndpoint: null,
      secret: null,
      userErrors: [{ field: ['input', 'events'], code: 'WEBHOOK_UNKNOWN_EVENT_TYPE', message: 'Непознат вид събитие: order.shipped.' }],
    });
    expect((await create(d, { url: `${receiver.url}/x`, events: [] })).userErrors).toEqual([
      { field: ['input', 'events'], code: 'WEBHOOK_EVENTS_REQUIRED', message: 'Choose at least one event type.' },
    ]);
  });

  test('in production without WEBHOOK_ALLOW_PRIVATE: http, and hosts on private, loopback or link-local addresses', async () => {
    expect((await create(strict, { url: `${receiver.url}/x`, events: ['order.mapped'] })).userErrors).toEqual([
      { field: ['input', 'url'], code: 'WEBHOOK_URL_NOT_HTTPS', message: 'Webhook endpoints must use https.' },
    ]);
    for (const [host, address] of [
      ['127.0.0.1', '127.0.0.1'],
      ['localhost', '127.0.0.1'],
      ['10.1.2.3', '10.1.2.3'],
      ['192.168.0.10', '192.168.0.10'],
      ['169.254.169.254', '169.254.169.254'],
      ['[::1]', '::1'],
      ['[fd00::1]', 'fd00::1'],
      ['[::ffff:127.0.0.1]', '::ffff:7f00:1'],
    ]) {
      const refused = await create(strict, { url: `https://${host}/hook`, events: ['order.mapped'] });
      expect({ host, errors: refused.userErrors }).toEqual({
        host,
        errors: [
          {
            field: ['input', 'url'],
            code: 'WEBHOOK_URL_PRIVATE_ADDRESS',
            message: expect.stringContaining(`(${address}); webhooks go to public addresses only.`),
          },
        ],
      });
    }
    const bg = await create(strict, { url: 'https://10.0.0.1/hook', events: ['order.mapped'] }, 'bg');
    expect(bg.userErrors[0].message).toBe(
      'Хостът 10.0.0.1 е частен, локален или link-local адрес (10.0.0.1); webhook се изпращат само към публични адреси.',
    );
    const unresolvable = await create(strict, { url: 'https://no-such-host.invalid/hook', events: ['order.mapped'] });
    expect(unresolvable.userErrors).toEqual([
      { field: ['input', 'url'], code: 'WEBHOOK_URL_UNRESOLVABLE', message: 'The host no-such-host.invalid cannot be resolved.' },
    ]);
  });

  test('an update is checked as a create is; an unknown endpoint is NOT_FOUND', async () => {
    const admin = await d.login('ADMIN');
    const { webhookEndpoint } = await create(d, { url: `${receiver.url}/update`, events: ['order.mapped'] });
    const update = (input: Record<string, unknown>) =>
      d.gql(
        `mutation ($input: WebhookEndpointUpdateInput!) { webhookEndpointUpdate(input: $input) { webhookEndpoint { url events enabled } ${ERRORS} } }`,
        { input },
        { token: admin },
      );
    expect(
      (await update({ id: webhookEndpoint.id, events: ['case.opened', 'nope'] })).body.data.webhookEndpointUpdate.userErrors[0].code,
    ).toBe('WEBHOOK_UNKNOWN_EVENT_TYPE');
    expect((await update({ id: webhookEndpoint.id, events: ['case.resolved', 'case.opened'] })).body.data.webhookEndpointUpdate).toEqual({
      webhookEndpoint: { url: `${receiver.url}/update`, events: ['case.opened', 'case.resolved'], enabled: true },
      userErrors: [],
    });
    expect(
      (await update({ id: '00000000-0000-4000-8000-000000000000', description: 'x' })).body.data.webhookEndpointUpdate.userErrors,
    ).toEqual([{ field: ['input', 'id'], code: 'NOT_FOUND', message: expect.any(String) }]);
  });
});
