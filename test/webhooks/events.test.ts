/**
 * Each event type is recorded where its change happens, with the data docs/webhooks.md describes, and reaches an
 * endpoint that asked for every type: the order's life (submitted, Set up now email sent, reminder sent, contact
 * changed, closed, reopened, mapped with its orgs, cancelled), cases opened and resolved, and a trial expiring.
 */
import { EVENT_TYPES } from '../../server/events/event-types';
import { Harness, startHarness } from '../support/harness';
import { bookOrder, partnerReadyToConfirm, WizardClient } from '../support/wizard';
import { Receiver, startReceiver } from './receiver';

let h: Harness;
let receiver: Receiver;

beforeAll(async () => {
  h = await startHarness();
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
  await h.close();
});

const ERRORS = 'userErrors { field message code }';

/** A staff token of the clock's moment (the clock moves days, past a token's life). */
const rep = () => h.staffToken('REP');

async function mutate(name: string, inputType: string, input: Record<string, unknown>, token: string) {
  const result = await h.gql(`mutation ($input: ${inputType}!) { ${name}(input: $input) { ${ERRORS} } }`, { input }, { token });
  expect({ name, errors: result.errors, userErrors: result.data?.[name]?.userErrors }).toEqual({ name, errors: undefined, userErrors: [] });
}

async function eventsOf(orderId: string): Promise<{ type: string; data: Record<string, any> }[]> {
  return h.db.query(`SELECT type, data FROM integration_event WHERE order_id = $1 ORDER BY seq`, [orderId]);
}

test('every event type is recorded with its change, and delivered to an endpoint that asked for all of them', async () => {
  const created = await h.gql(
    `mutation ($input: WebhookEndpointCreateInput!) { webhookEndpointCreate(input: $input) { webhookEndpoint { id events } ${ERRORS} } }`,
    { input: { url: `${receiver.url}/all`, events: [...EVENT_TYPES].reverse() } },
    { token: await h.staffToken('ADMIN') },
  );
  // Stored in the list's own order, whatever order they were asked in.
  expect(created.data.webhookEndpointCreate.webhookEndpoint.events).toEqual([...EVENT_TYPES]);

  // An order's life before mapping: submitted (its email sent), the contact changed, a reminder, closed, reopened.
  const { order } = await bookOrder(h);
  await mutate(
    'orderChangeProvisioningContact',
    'OrderChangeProvisioningContactInput',
    { orderId: order.id, email: 'new@partner.example' },
    await rep(),
  );
  await h.deliverMail();
  h.clock.advanceDays(7);
  expect(await h.services.orders.sendDueReminders()).toBeGreaterThanOrEqual(1);
  await h.deliverMail();
  h.clock.advanceDays(24);
  expect(await h.services.orders.closeExpiredOrders()).toBeGreaterThanOrEqual(1);
  await mutate('orderReopen', 'OrderActionInput', { orderId: order.id }, await rep());
  await h.deliverMail();
  expect((await eventsOf(order.id)).map((e) => e.type)).toEqual([
    'order.submitted',
    'order.setup_email_sent',
    'order.provisioning_contact_changed',
    'order.setup_email_sent',
    'order.reminder_sent',
    'order.closed',
    'order.reopened',
    'order.setup_email_sent',
  ]);
  const [submitted, firstEmail, changed, , reminder, closed] = await eventsOf(order.id);
  expect(submitted.data).toEqual({
    orderId: order.id,
    subscriptionId: order.subscriptionId,
    commerceOrderNumber: expect.any(String),
    status: 'AWAITING_PROVISIONING_DETAILS',
    provisioningContactEmail: order.provisioningContactEmail,
  });
  expect(firstEmail.data).toEqual({ orderId: order.id, emailId: expect.any(String), kind: 'SETUP_LINK' });
  expect(changed.data).toEqual(expect.objectContaining({ orderId: order.id, provisioningContactEmail: 'new@partner.example' }));
  expect(reminder.data).toEqual({ orderId: order.id, emailId: expect.any(String), kind: 'SETUP_REMINDER' });
  expect(closed.data).toEqual(expect.objectContaining({ orderId: order.id, status: 'CLOSED' }));

  // The wizard: a problem reported (a case opened), then the order mapped; the case resolved.
  const token = h.setupEmails.filter((e) => e.subscriptionId === order.subscriptionId).pop()!.token;
  const wizard = await WizardClient.open(h, token);
  const reported = await h.gql(
    `mutation ($input: ProvisioningReportProblemInput!) { provisioningReportProblem(input: $input) { case { id } ${ERRORS} } }`,
    { input: { kind: 'OTHER', message: 'Which region should we pick?' } },
    { token: wizard.sessionToken },
  );
  const caseId = reported.data.provisioningReportProblem.case.id;
  await partnerReadyToConfirm(wizard, { partnerAdmin: 'admin@events-partner.example', customerAdmin: 'it@events-customer.example' });
  const confirmed = await wizard.confirm();
  expect(confirmed.userErrors).toEqual([]);
  await mutate('caseResolve', 'CaseResolveInput', { id: caseId, resolution: 'eu2, as the wizard proposed.' }, await rep());
  const all = await eventsOf(order.id);
  expect(all.slice(8).map((e) => e.type)).toEqual(['case.opened', 'order.mapped', 'case.resolved']);
  const [opened, mapped, resolved] = all.slice(8);
  expect(opened.data).toEqual({ caseId, orderId: order.id, kind: 'OTHER', status: 'OPEN', partnerOrgId: null, customerOrgId: null });
  expect(mapped.data).toEqual({
    orderId: order.id,
    subscriptionId: order.subscriptionId,
    commerceOrderNumber: expect.any(String),
    status: 'MAPPED',
    provisioningContactEmail: 'new@partner.example',
    partnerOrgId: confirmed.partnerOrg.id,
    customerOrgId: confirmed.customerOrg.id,
    region: confirmed.customerOrg.dataResidencyRegion,
    dataLocation: confirmed.customerOrg.contactCenterDataLocation,
  });
  expect(resolved.data).toEqual(expect.objectContaining({ caseId, orderId: order.id, status: 'RESOLVED' }));

  // Another order cancelled; a trial expiring (no order).
  const { order: other } = await bookOrder(h);
  await mutate('orderCancel', 'OrderActionInput', { orderId: other.id }, await rep());
  expect((await eventsOf(other.id)).map((e) => e.type)).toEqual(['order.submitted', 'order.setup_email_sent', 'order.cancelled']);
  const trial = await h.gql(
    `mutation ($input: CustomerOrgStartTrialInput!) { customerOrgStartTrial(input: $input) { customerOrg { id } ${ERRORS} } }`,
    { input: { companyName: 'Fabrikam', countryCode: 'DE', adminEmail: 'it@fabrikam.example', days: 14 } },
    { token: await rep() },
  );
  const trialOrgId = trial.data.customerOrgStartTrial.customerOrg.id;
  h.clock.advanceDays(15);
  expect(await h.services.orgs.expireTrials()).toBeGreaterThanOrEqual(1);
  const expired = await h.db.query(`SELECT order_id, data FROM integration_event WHERE type = 'customer_org.trial_expired'`);
  expect(expired).toEqual([{ order_id: null, data: { customerOrgId: trialOrgId, trialExpiredAt: expect.any(String) } }]);

  // Every type recorded, each delivered once to the endpoint.
  const recorded: { type: string }[] = await h.db.query(`SELECT DISTINCT type FROM integration_event`);
  expect(recorded.map((r) => r.type).sort()).toEqual([...EVENT_TYPES].sort());
  await h.services.webhookDelivery.deliverDue();
  const [{ count }] = await h.db.query(`SELECT count(*)::int AS count FROM integration_event`);
  expect(receiver.received).toHaveLength(count);
  expect(new Set(receiver.received.map((r) => r.event.type))).toEqual(new Set(EVENT_TYPES));
});
