/**
 * Webhook delivery in-process, with the clock moved by the test and a real HTTP receiver on 127.0.0.1: the events of an
 * order's life, the signature, retries with backoff, order per order, a hanging receiver cut off while another order's
 * event goes out, three days of failures disabling an endpoint, and no event for a change that rolled back.
 */
import pino from 'pino';
import { recordEvent } from '../../server/events/events';
import { WebhookDelivery } from '../../server/webhooks/delivery';
import { Harness, startHarness } from '../support/harness';
import { bookOrder } from '../support/wizard';
import { Receiver, startReceiver, verifyWebhook } from './receiver';

let h: Harness;
let admin: string;
let receiver: Receiver;

beforeAll(async () => {
  h = await startHarness();
  admin = await h.staffToken('ADMIN');
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
  await h.close();
});
beforeEach(async () => {
  // A fresh token: tests move the clock past a staff token's life.
  admin = await h.staffToken('ADMIN');
  receiver.answer = () => ({ status: 200, body: 'ok' });
  receiver.received.length = 0;
  // Each test starts with no endpoint enabled, so that only its own receives.
  await h.db.query(`UPDATE webhook_endpoint SET enabled = false`);
});

const ERRORS = 'userErrors { field message code }';

async function createEndpoint(path: string, events: string[]): Promise<{ id: string; secret: string }> {
  const result = await h.gql(
    `mutation ($input: WebhookEndpointCreateInput!) { webhookEndpointCreate(input: $input) { webhookEndpoint { id url events enabled } secret ${ERRORS} } }`,
    { input: { url: `${receiver.url}${path}`, events, description: 'test receiver' } },
    { token: admin },
  );
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  const payload = result.data.webhookEndpointCreate;
  expect(payload.userErrors).toEqual([]);
  expect(payload.webhookEndpoint).toEqual(expect.objectContaining({ url: `${receiver.url}${path}`, events, enabled: true }));
  expect(payload.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
  return { id: payload.webhookEndpoint.id, secret: payload.secret };
}

const deliver = () => h.services.webhookDelivery.deliverDue();

async function cancel(orderId: string) {
  const result = await h.gql(
    `mutation ($id: ID!) { orderCancel(input: { orderId: $id }) { order { status } ${ERRORS} } }`,
    { id: orderId },
    { token: admin },
  );
  expect(result.data.orderCancel.userErrors).toEqual([]);
}

test("an order's events reach the endpoint signed, in order, each with its id as Webhook-Id", async () => {
  const endpoint = await createEndpoint('/all', ['order.submitted', 'order.setup_email_sent', 'order.cancelled']);
  const { order } = await bookOrder(h); // submits, then delivers the Set up now email
  await cancel(order.id);
  expect(await deliver()).toEqual({ delivered: 3, failed: 0 });

  expect(receiver.received.map((r) => r.event.type)).toEqual(['order.submitted', 'order.setup_email_sent', 'order.cancelled']);
  const nowSeconds = Math.floor(h.clock.now().getTime() / 1000);
  for (const request of receiver.received) {
    expect(request.path).toBe('/all');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['webhook-id']).toBe(request.event.id);
    expect(request.headers['webhook-signature']).toMatch(new RegExp(`^t=${nowSeconds},v1=[0-9a-f]{64}$`));
    expect(verifyWebhook(endpoint.secret, String(request.headers['webhook-signature']), request.body, nowSeconds)).toBe(true);
    // Another secret, or one changed byte of the body, does not verify.
    expect(verifyWebhook('whsec_other', String(request.headers['webhook-signature']), request.body, nowSeconds)).toBe(false);
    expect(
      verifyWebhook(endpoint.secret, String(request.headers['webhook-signature']), request.body.replace('order', 'Order'), nowSeconds),
    ).toBe(false);
    expect(request.event).toEqual({
      id: expect.any(String),
      type: request.event.type,
      createdAt: h.clock.now().toISOString(),
      apiVersion: '2026-12-01',
      data: expect.objectContaining({ orderId: order.id }),
    });
  }
  expect(receiver.received[0].event.data).toEqual({
    orderId: order.id,
    subscriptionId: order.subscriptionId,
    commerceOrderNumber: expect.stringMatching(/^CCW-/),
    status: 'AWAITING_PROVISIONING_DETAILS',
    provisioningContactEmail: order.provisioningContactEmail,
  });
  expect(receiver.received[2].event.data.status).toBe('CANCELLED');

  // The order's events as the API lists them, oldest first, the same ids.
  const listed = await h.gql(
    `query ($id: ID!) { webhookEvents(filter: { orderId: $id }) { totalCount nodes { id type createdAt apiVersion data } } }`,
    { id: order.id },
    { token: admin },
  );
  expect(listed.data.webhookEvents.nodes.map((e: any) => [e.id, e.type])).toEqual(receiver.received.map((r) => [r.event.id, r.event.type]));

  // Delivered once: nothing more goes out.
  expect(await deliver()).toEqual({ delivered: 0, failed: 0 });
  const log = await h.gql(
    `query ($id: ID!) { webhookDeliveries(filter: { endpointId: $id }) { totalCount nodes { outcome responseCode responseExcerpt latencyMs } } }`,
    { id: endpoint.id },
    { token: admin },
  );
  expect(log.data.webhookDeliveries.totalCount).toBe(3);
  expect(log.data.webhookDeliveries.nodes[0]).toEqual(
    expect.objectContaining({ outcome: 'SUCCEEDED', responseCode: 200, responseExcerpt: 'ok' }),
  );
});

test('a receiver that answers 500 twice gets the event on the third try, after the backoff, and never again after its 2xx', async () => {
  await createEndpoint('/flaky', ['order.submitted']);
  let calls = 0;
  receiver.answer = () => (++calls <= 2 ? { status: 500, body: 'down for maintenance' } : { status: 204 });
  const { order } = await bookOrder(h);

  expect(await deliver()).toEqual({ delivered: 0, failed: 1 });
  expect(await deliver()).toEqual({ delivered: 0, failed: 0 }); // not due before its backoff (30 s)
  h.clock.advanceMinutes(0.5);
  expect(await deliver()).toEqual({ delivered: 0, failed: 1 });
  h.clock.advanceMinutes(0.5);
  expect(await deliver()).toEqual({ delivered: 0, failed: 0 }); // the second backoff is a minute
  h.clock.advanceMinutes(0.5);
  expect(await deliver()).toEqual({ delivered: 1, failed: 0 });
  h.clock.advanceDays(1);
  expect(await deliver()).toEqual({ delivered: 0, failed: 0 });

  expect(receiver.received.map((r) => r.event.data.orderId)).toEqual([order.id, order.id, order.id]);
  expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
  const [attempts] = await Promise.all([
    h.db.query(`SELECT outcome, response_code, response_excerpt FROM webhook_attempt WHERE event_id = $1 ORDER BY attempted_at`, [
      receiver.received[0].event.id,
    ]),
  ]);
  expect(attempts).toEqual([
    { outcome: 'FAILED', response_code: 500, response_excerpt: 'down for maintenance' },
    { outcome: 'FAILED', response_code: 500, response_excerpt: 'down for maintenance' },
    { outcome: 'SUCCEEDED', response_code: 204, response_excerpt: '' },
  ]);
});

test("a later event of an order waits for an earlier one still undelivered; another order's event does not", async () => {
  await createEndpoint('/ordered', ['order.submitted', 'order.cancelled']);
  const { order: first } = await bookOrder(h);
  const { order: second } = await bookOrder(h);
  await cancel(first.id);
  // The first order's order.submitted fails once; its order.cancelled must not overtake it.
  let failedOnce = false;
  receiver.answer = (r) => {
    if (r.event.data.orderId === first.id && r.event.type === 'order.submitted' && !failedOnce) {
      failedOnce = true;
      return { status: 503 };
    }
    return { status: 200 };
  };
  expect(await deliver()).toEqual({ delivered: 1, failed: 1 });
  expect(receiver.received.filter((r) => r.event.data.orderId === first.id).map((r) => r.event.type)).toEqual(['order.submitted']);
  expect(receiver.received.filter((r) => r.event.data.orderId === second.id).map((r) => r.event.type)).toEqual(['order.submitted']);

  h.clock.advanceMinutes(1);
  expect(await deliver()).toEqual({ delivered: 2, failed: 0 });
  expect(receiver.received.filter((r) => r.event.data.orderId === first.id).map((r) => r.event.type)).toEqual([
    'order.submitted',
    'order.submitted',
    'order.cancelled',
  ]);
});

test("a receiver that hangs is cut off and retried, while another order's event is delivered", async () => {
  await createEndpoint('/hang-or-not', ['order.submitted']);
  const { order: stuck } = await bookOrder(h);
  const { order: other } = await bookOrder(h);
  receiver.answer = (r) => (r.event.data.orderId === stuck.id ? 'hang' : { status: 200 });
  // A short cut-off for the test; the server's is WEBHOOK_TIMEOUT_MS, 10 s by default.
  const delivery = new WebhookDelivery(h.db, h.clock, { allowPrivate: true, timeoutMs: 300 }, pino({ level: 'silent' }));
  expect(await delivery.deliverDue()).toEqual({ delivered: 1, failed: 1 });
  const attempts = await h.db.query(
    `SELECT e.data->>'orderId' AS order_id, a.outcome, a.response_code, a.error FROM webhook_attempt a JOIN integration_event e ON e.id = a.event_id
      WHERE e.data->>'orderId' = ANY ($1) ORDER BY a.outcome`,
    [[stuck.id, other.id]],
  );
  expect(attempts).toEqual([
    { order_id: other.id, outcome: 'SUCCEEDED', response_code: 200, error: null },
    { order_id: stuck.id, outcome: 'TIMED_OUT', response_code: null, error: 'no answer within 300 ms' },
  ]);
  receiver.answer = () => ({ status: 200 });
  h.clock.advanceMinutes(0.5);
  expect(await delivery.deliverDue()).toEqual({ delivered: 1, failed: 0 });
});

test('an endpoint failing for three days is disabled, and its pending deliveries stop', async () => {
  const endpoint = await createEndpoint('/gone', ['order.submitted']);
  receiver.answer = () => ({ status: 410, body: 'gone' });
  await bookOrder(h);
  expect(await deliver()).toEqual({ delivered: 0, failed: 1 });
  let rounds = 0;
  for (;;) {
    h.clock.advanceMinutes(4 * 60);
    const result = await deliver();
    rounds += 1;
    const [state] = await h.db.query(`SELECT enabled FROM webhook_endpoint WHERE id = $1`, [endpoint.id]);
    if (!state.enabled) break;
    expect(result.failed).toBe(1);
    expect(rounds).toBeLessThan(20);
  }
  const [read] = await h.db.query(`SELECT enabled, disabled_at, failing_since FROM webhook_endpoint WHERE id = $1`, [endpoint.id]);
  expect(read).toEqual({ enabled: false, disabled_at: h.clock.now(), failing_since: expect.any(Date) });
  expect(h.clock.now().getTime() - read.failing_since.getTime()).toBeGreaterThanOrEqual(3 * 86_400_000);
  const [delivery] = await h.db.query(`SELECT status FROM event_delivery WHERE endpoint_id = $1`, [endpoint.id]);
  expect(delivery.status).toBe('FAILED');
  h.clock.advanceDays(1);
  const before = receiver.received.length;
  await deliver();
  expect(receiver.received.length).toBe(before);
});

test('resending one event and a time range delivers them again with the same Webhook-Id; a disabled endpoint is refused', async () => {
  const endpoint = await createEndpoint('/replay', ['order.submitted']);
  const { order } = await bookOrder(h);
  await deliver();
  const [first] = receiver.received;
  const resend = await h.gql(
    `mutation ($input: WebhookEventResendInput!) { webhookEventResend(input: $input) { event { id type } ${ERRORS} } }`,
    { input: { eventId: first.event.id, endpointId: endpoint.id } },
    { token: admin },
  );
  expect(resend.data.webhookEventResend).toEqual({ event: { id: first.event.id, type: 'order.submitted' }, userErrors: [] });
  const range = await h.gql(
    `mutation ($input: WebhookEventsResendInput!) { webhookEventsResend(input: $input) { queued ${ERRORS} } }`,
    {
      input: {
        endpointId: endpoint.id,
        from: new Date(h.clock.now().getTime() - 60_000).toISOString(),
        to: new Date(h.clock.now().getTime() + 1).toISOString(),
      },
    },
    { token: admin },
  );
  expect(range.data.webhookEventsResend.userErrors).toEqual([]);
  expect(range.data.webhookEventsResend.queued).toBeGreaterThanOrEqual(1);
  await deliver();
  const again = receiver.received.filter((r) => r.event.id === first.event.id);
  expect(again.length).toBe(3);
  expect(again.every((r) => r.body === first.body)).toBe(true);
  expect(order.id).toBe(first.event.data.orderId);

  const disabled = await h.gql(
    `mutation ($id: ID!) { webhookEndpointDisable(input: { id: $id }) { webhookEndpoint { enabled disabledAt } ${ERRORS} } }`,
    { id: endpoint.id },
    { token: admin },
  );
  expect(disabled.data.webhookEndpointDisable.webhookEndpoint.enabled).toBe(false);
  for (const language of ['en', 'bg']) {
    const refused = await h.gql(
      `mutation ($input: WebhookEventResendInput!) { webhookEventResend(input: $input) { event { id } ${ERRORS} } }`,
      { input: { eventId: first.event.id, endpointId: endpoint.id } },
      { token: admin, language },
    );
    expect(refused.errors).toBeUndefined();
    expect(refused.data.webhookEventResend).toEqual({
      event: null,
      userErrors: [
        {
          field: ['input', 'endpointId'],
          code: 'WEBHOOK_ENDPOINT_DISABLED',
          message:
            language === 'en'
              ? 'This webhook endpoint is disabled; enable it first.'
              : 'Този адрес за webhook е изключен; първо го включете.',
        },
      ],
    });
  }
  const badRange = await h.gql(
    `mutation ($input: WebhookEventsResendInput!) { webhookEventsResend(input: $input) { queued ${ERRORS} } }`,
    { input: { endpointId: endpoint.id, from: '2026-11-02T00:00:00Z', to: '2026-11-01T00:00:00Z' } },
    { token: admin },
  );
  expect(badRange.data.webhookEventsResend.userErrors.map((e: any) => e.code)).toEqual(['WEBHOOK_RANGE_INVALID']);

  // A range over 31 days, and one holding more than 10,000 events, refused with the figure in the message.
  await h.gql(
    `mutation ($id: ID!) { webhookEndpointUpdate(input: { id: $id, enabled: true }) { ${ERRORS} } }`,
    { id: endpoint.id },
    { token: admin },
  );
  const resendRange = async (from: string, to: string) =>
    (
      await h.gql(
        `mutation ($input: WebhookEventsResendInput!) { webhookEventsResend(input: $input) { queued ${ERRORS} } }`,
        { input: { endpointId: endpoint.id, from, to } },
        { token: admin },
      )
    ).data.webhookEventsResend;
  expect(await resendRange('2026-01-01T00:00:00Z', '2026-02-01T00:00:01Z')).toEqual({
    queued: null,
    userErrors: [
      {
        field: ['input', 'to'],
        code: 'WEBHOOK_RANGE_INVALID',
        message: 'The time range must start before it ends and span at most 31 days.',
      },
    ],
  });
  await h.db.query(
    `INSERT INTO integration_event (type, order_id, created_at, api_version, data)
     SELECT 'order.submitted', NULL, '2026-03-01T00:00:00Z'::timestamptz + n * interval '1 second', '2026-12-01', '{}'::jsonb
       FROM generate_series(1, 10001) n`,
  );
  expect(await resendRange('2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z')).toEqual({
    queued: null,
    userErrors: [
      {
        field: ['input', 'from'],
        code: 'WEBHOOK_TOO_MANY_EVENTS',
        message: 'The range holds more than 10000 events; resend a shorter range.',
      },
    ],
  });
  const [{ queued }] = await h.db.query(
    `SELECT count(*)::int AS queued FROM event_delivery WHERE endpoint_id = $1 AND status = 'PENDING'`,
    [endpoint.id],
  );
  expect(queued).toBe(0);
});

test('rotating the secret shows a new one once; deliveries are signed with it from then on', async () => {
  const endpoint = await createEndpoint('/rotate', ['order.submitted']);
  const rotated = await h.gql(
    `mutation ($id: ID!) { webhookEndpointRotateSecret(input: { id: $id }) { secret ${ERRORS} } }`,
    { id: endpoint.id },
    { token: admin },
  );
  const secret = rotated.data.webhookEndpointRotateSecret.secret;
  expect(secret).not.toBe(endpoint.secret);
  await bookOrder(h);
  await deliver();
  const [request] = receiver.received;
  const now = Math.floor(h.clock.now().getTime() / 1000);
  expect(verifyWebhook(secret, String(request.headers['webhook-signature']), request.body, now)).toBe(true);
  expect(verifyWebhook(endpoint.secret, String(request.headers['webhook-signature']), request.body, now)).toBe(false);
  // The audit trail shows the change, never a secret.
  const audit = await h.db.query(`SELECT before, after FROM audit_event WHERE entity_id = $1`, [endpoint.id]);
  expect(JSON.stringify(audit)).not.toContain('whsec_');
});

test('an event of a change that rolled back is never recorded, nor delivered', async () => {
  await createEndpoint('/rollback', ['order.submitted']);
  const [{ count: before }] = await h.db.query(`SELECT count(*)::int AS count FROM integration_event`);
  await expect(
    h.db.transaction(async (m) => {
      await recordEvent(m, { type: 'order.submitted', orderId: null, data: { orderId: 'never' } }, h.clock.now());
      throw new Error('the change fails after its event was written');
    }),
  ).rejects.toThrow('the change fails');
  // A refused orderSubmit (its subscription id is taken) records nothing either.
  const { order } = await bookOrder(h);
  const [{ count: afterOne }] = await h.db.query(`SELECT count(*)::int AS count FROM integration_event WHERE type = 'order.submitted'`);
  const duplicate = await h.gql(
    `mutation ($input: OrderSubmitInput!) { orderSubmit(input: $input) { ${ERRORS} } }`,
    {
      input: {
        subscriptionId: order.subscriptionId,
        commerceOrderNumber: 'CCW-1',
        offerCode: 'WXCC-STD',
        seats: 5,
        requestedStartDate: '2026-11-24',
        provisioningContactEmail: 'someone@partner.example',
      },
    },
    { token: h.commerceKey },
  );
  expect(duplicate.data.orderSubmit.userErrors.map((e: any) => e.code)).toEqual(['DUPLICATE_SUBSCRIPTION_ID']);
  const [{ count: afterAll }] = await h.db.query(`SELECT count(*)::int AS count FROM integration_event WHERE type = 'order.submitted'`);
  expect(afterAll).toBe(afterOne);
  const [{ count: never }] = await h.db.query(`SELECT count(*)::int AS count FROM integration_event WHERE data->>'orderId' = 'never'`);
  expect(never).toBe(0);
  expect(before).toBeGreaterThanOrEqual(0);
  await deliver();
  expect(receiver.received.map((r) => r.event.data.orderId)).toEqual([order.id]);
});

test('where private addresses are not allowed, a delivery is checked again as it connects: a name or address that is not public is REFUSED, nothing sent', async () => {
  const port = new URL(receiver.url).port;
  // Saved while allowed (as if the name resolved elsewhere then: DNS rebinding), delivered by a server that refuses.
  await createEndpoint('/rebinding', ['order.submitted']);
  await h.db.query(`UPDATE webhook_endpoint SET url = $1 WHERE enabled AND url LIKE '%/rebinding'`, [`http://localhost:${port}/rebinding`]);
  const literal = await createEndpoint('/literal', ['order.submitted']);
  await bookOrder(h);
  const strict = new WebhookDelivery(h.db, h.clock, { allowPrivate: false, timeoutMs: 1000 }, pino({ level: 'silent' }));
  expect(await strict.deliverDue()).toEqual({ delivered: 0, failed: 2 });
  expect(receiver.received).toEqual([]);
  const attempts = await h.db.query(
    `SELECT w.url, a.outcome, a.response_code, a.error FROM webhook_attempt a JOIN webhook_endpoint w ON w.id = a.endpoint_id
      WHERE w.enabled ORDER BY w.url`,
  );
  expect(attempts).toEqual([
    { url: `${receiver.url}/literal`, outcome: 'REFUSED', response_code: null, error: '127.0.0.1 is not a public address' },
    {
      url: `http://localhost:${port}/rebinding`,
      outcome: 'REFUSED',
      response_code: null,
      error: expect.stringMatching(/^localhost resolves to (127\.0\.0\.1|::1), not a public address$/),
    },
  ]);
  expect(literal.id).toEqual(expect.any(String));
});
