/**
 * The outbox says why an email waits, on the server as deployed: no relay configured, the relay refusing (with its
 * last error and the next attempt), or sent; and an order's Set up now email reads as sent (setupEmailDeliveredAt)
 * only once the relay accepted it. These fields are staff-only.
 */
import { Deployed, startDeployed } from '../support/deployed';
import { todayUtc, waitFor } from '../process/support';

const EMAILS = `outboxEmails(filter: { kind: SETUP_LINK }) { nodes { id status attempts waitReason lastError nextAttemptAt createdAt sentAt order { id } } }`;
const ORDER = `query ($id: ID!) { order(id: $id) { setupEmailSentAt setupEmailDeliveredAt emails { kind status waitReason } } }`;

async function submit(d: Deployed, n: number): Promise<string> {
  const { body } = await d.gql(
    `mutation ($input: OrderSubmitInput!) { orderSubmit(input: $input) { order { id status } userErrors { code } } }`,
    {
      input: {
        subscriptionId: `Sub-wait-${n}`,
        commerceOrderNumber: `CO-wait-${n}`,
        offerCode: 'A-WXCC-STD',
        seats: 10,
        requestedStartDate: todayUtc(),
        provisioningContactEmail: `wait${n}@customer.example`,
      },
    },
    { token: d.commerceKey },
  );
  expect(body.data.orderSubmit.order.status).toBe('AWAITING_PROVISIONING_DETAILS');
  return body.data.orderSubmit.order.id;
}

describe('without a mail relay', () => {
  let d: Deployed;
  beforeAll(async () => {
    d = await startDeployed({ env: { SMTP_URL: '' } });
  }, 120_000);
  afterAll(() => d?.close());

  test('an email waits because no relay is configured, and the order does not say its email was sent', async () => {
    const orderId = await submit(d, 1);
    const rep = await d.login('REP');
    const { body } = await d.gql(`{ ${EMAILS} }`, {}, { token: rep });
    expect(body.errors).toBeUndefined();
    expect(body.data.outboxEmails.nodes).toEqual([
      expect.objectContaining({
        status: 'PENDING',
        attempts: 0,
        waitReason: 'NO_RELAY',
        lastError: null,
        sentAt: null,
        order: { id: orderId },
      }),
    ]);
    const order = (await d.gql(ORDER, { id: orderId }, { token: rep })).body.data.order;
    expect(order.setupEmailSentAt).not.toBeNull();
    expect(order.setupEmailDeliveredAt).toBeNull();
    expect(order.emails).toEqual([{ kind: 'SETUP_LINK', status: 'PENDING', waitReason: 'NO_RELAY' }]);
    // Nothing reached the peer the test started, which the server was not told of.
    expect(d.peer.messages).toEqual([]);
  }, 60_000);
});

describe('with a relay that refuses, then accepts', () => {
  let d: Deployed;
  beforeAll(async () => {
    d = await startDeployed();
  }, 120_000);
  afterAll(() => d?.close());

  test('the email waits with the relay refusing and its error; once the relay takes it, it and the order read as sent', async () => {
    d.peer.refuse(451, 'DATA', 'Try again later');
    const orderId = await submit(d, 2);
    const rep = await d.login('REP');
    await waitFor(
      () => d.peer.refused.length > 0,
      10_000,
      () => 'the relay was never tried',
    );
    const waiting = (await d.gql(`{ ${EMAILS} }`, {}, { token: rep })).body.data.outboxEmails.nodes[0];
    expect(waiting).toMatchObject({ status: 'PENDING', attempts: 1, waitReason: 'RELAY_REFUSED', sentAt: null });
    expect(waiting.lastError).toMatch(/451/);
    // The next attempt is the first retry's, 30 s after the failed one (which was at or after the email was written).
    expect(Date.parse(waiting.nextAttemptAt) - Date.parse(waiting.createdAt)).toBeGreaterThanOrEqual(30_000);
    let order = (await d.gql(ORDER, { id: orderId }, { token: rep })).body.data.order;
    expect(order.setupEmailSentAt).not.toBeNull();
    expect(order.setupEmailDeliveredAt).toBeNull();

    d.peer.accept();
    const retried = await d.gql(
      `mutation ($input: OutboxEmailRetryInput!) { outboxEmailRetry(input: $input) { email { status waitReason sentAt } userErrors { code } } }`,
      { input: { id: waiting.id } },
      { token: rep },
    );
    expect(retried.body.data.outboxEmailRetry.email).toMatchObject({ status: 'SENT', waitReason: null });
    order = (await d.gql(ORDER, { id: orderId }, { token: rep })).body.data.order;
    expect(order.setupEmailDeliveredAt).toBe(retried.body.data.outboxEmailRetry.email.sentAt);
    expect(d.peer.messagesTo('wait2@customer.example')).toHaveLength(1);
  }, 60_000);

  test('the commerce key reads neither why an email waits nor whether the setup email was delivered', async () => {
    const orderId = await submit(d, 3);
    const { body } = await d.gql(
      `query ($id: ID!) { order(id: $id) { id setupEmailDeliveredAt } }`,
      { id: orderId },
      { token: d.commerceKey },
    );
    expect(body.errors?.[0]).toMatchObject({
      message: 'This field is not open to this credential.',
      path: ['order', 'setupEmailDeliveredAt'],
    });
    const emails = await d.gql(`{ outboxEmails { nodes { waitReason } } }`, {}, { token: d.commerceKey });
    expect(emails.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  }, 60_000);
});
