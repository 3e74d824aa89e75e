/**
 * An endpoint failing for three days is disabled and its ADMINs are emailed: one email per enabled ADMIN account
 * (not a REP, not an ANALYST, not a disabled ADMIN), queued in the transaction that disables the endpoint and
 * delivered through a real SMTP peer, with the endpoint's URL, its last answer and a link to its console page. The
 * clock is the test's; the receiver is a real HTTP server on 127.0.0.1.
 */
import pino from 'pino';
import { WebhookDisabledEmail1765600000000 } from '../../server/db/migrations/1765600000000-WebhookDisabledEmail';
import type { StaffRole } from '../../server/staff/staff.entity';
import { WebhookDelivery } from '../../server/webhooks/delivery';
import { emailAdminsOfDisabledEndpoint } from '../../server/webhooks/disabled-email';
import { Harness, PUBLIC_URL, startHarness } from '../support/harness';
import { SmtpPeer } from '../support/smtp-peer';
import { bookOrder } from '../support/wizard';
import { Receiver, startReceiver } from './receiver';

let h: Harness;
let peer: SmtpPeer;
let receiver: Receiver;
let admin: string;
const staff: Record<'admin' | 'otherAdmin' | 'disabledAdmin' | 'rep' | 'analyst', string> = {
  admin: 'ops-admin@cisco.test',
  otherAdmin: 'second-admin@cisco.test',
  disabledAdmin: 'former-admin@cisco.test',
  rep: 'rep@cisco.test',
  analyst: 'analyst@cisco.test',
};

beforeAll(async () => {
  peer = await SmtpPeer.start();
  h = await startHarness({ smtpUrl: peer.url });
  receiver = await startReceiver();
  const password = 'correct horse battery staple';
  const roles: Record<keyof typeof staff, StaffRole> = {
    admin: 'ADMIN' as StaffRole,
    otherAdmin: 'ADMIN' as StaffRole,
    disabledAdmin: 'ADMIN' as StaffRole,
    rep: 'REP' as StaffRole,
    analyst: 'ANALYST' as StaffRole,
  };
  for (const [who, email] of Object.entries(staff)) await h.services.staff.createStaff(email, password, roles[who as keyof typeof staff]);
  await h.db.query(`UPDATE staff SET disabled_at = $2 WHERE email = $1`, [staff.disabledAdmin, h.clock.now()]);
});
afterAll(async () => {
  await receiver.close();
  await h.close();
  await peer.close();
});
beforeEach(async () => {
  admin = await h.staffToken('ADMIN');
  await h.db.query(`UPDATE webhook_endpoint SET enabled = false`);
  peer.messages.length = 0;
});

async function createEndpoint(path: string, description: string): Promise<string> {
  const result = await h.gql(
    `mutation ($input: WebhookEndpointCreateInput!) { webhookEndpointCreate(input: $input) { webhookEndpoint { id } userErrors { code } } }`,
    { input: { url: `${receiver.url}${path}`, events: ['order.submitted'], description } },
    { token: admin },
  );
  expect(result.data.webhookEndpointCreate.userErrors).toEqual([]);
  return result.data.webhookEndpointCreate.webhookEndpoint.id;
}

/** Fails deliveries every four hours with `delivery` until the endpoint is disabled (or `delivery` throws). */
async function failUntilDisabled(endpointId: string, delivery: WebhookDelivery): Promise<void> {
  for (let round = 0; round < 25; round += 1) {
    const [state] = await h.db.query(`SELECT enabled FROM webhook_endpoint WHERE id = $1`, [endpointId]);
    if (!state.enabled) return;
    await delivery.deliverDue();
    h.clock.advanceMinutes(4 * 60);
  }
  throw new Error('the endpoint was never disabled');
}

const disabledEmails = () =>
  h.db.query(`SELECT recipient, order_id, status FROM outbox_email WHERE kind = 'WEBHOOK_ENDPOINT_DISABLED' ORDER BY recipient`);

test('after three days of failures the endpoint is disabled and each enabled ADMIN gets one email with its URL, last answer and console link', async () => {
  receiver.answer = () => ({ status: 503, body: 'maintenance <b>window</b>' });
  const endpointId = await createEndpoint('/erp-down', 'ERP order feed');
  await bookOrder(h);
  const failingFrom = h.clock.now();
  await failUntilDisabled(endpointId, h.services.webhookDelivery);
  const [endpoint] = await h.db.query(`SELECT enabled, disabled_at FROM webhook_endpoint WHERE id = $1`, [endpointId]);
  expect(endpoint.enabled).toBe(false);
  expect(endpoint.disabled_at.getTime() - failingFrom.getTime()).toBeGreaterThanOrEqual(3 * 86_400_000);

  // Queued with the disabling, for no order, to the enabled ADMINs only (the harness's own token ADMINs among them).
  const enabledAdmins: { email: string }[] = await h.db.query(
    `SELECT email FROM staff WHERE role = 'ADMIN' AND disabled_at IS NULL ORDER BY email`,
  );
  const queued = await disabledEmails();
  expect(queued.map((e: { recipient: string }) => e.recipient)).toEqual(enabledAdmins.map((a) => a.email));
  expect(queued.every((e: { order_id: string | null }) => e.order_id === null)).toBe(true);
  expect(queued.map((e: { recipient: string }) => e.recipient)).toEqual(expect.arrayContaining([staff.admin, staff.otherAdmin]));

  await h.deliverMail();
  const sent = peer.messages.filter((m) => m.subject.startsWith('Webhook endpoint disabled'));
  const recipients = sent.flatMap((m) => m.to).sort();
  expect(recipients).toEqual(enabledAdmins.map((a) => a.email));
  for (const nobody of [staff.disabledAdmin, staff.rep, staff.analyst]) expect(peer.messagesTo(nobody)).toEqual([]);
  const link = `${PUBLIC_URL}/admin/webhooks/${endpointId}/show`;
  for (const message of sent) {
    expect(message.subject).toBe(`Webhook endpoint disabled after three days of failures: ${receiver.url}/erp-down`);
    expect(message.text).toContain(`${receiver.url}/erp-down`);
    expect(message.text).toContain('ERP order feed');
    expect(message.text).toContain('HTTP 503, maintenance <b>window</b>');
    expect(message.text).toContain(link);
    expect(message.html).toContain(`href="${link}"`);
    expect(message.html).not.toContain('<b>window</b>');
    expect(message.text).toMatch(/fix the receiver/);
  }
  expect((await disabledEmails()).every((e: { status: string }) => e.status === 'SENT')).toBe(true);

  // The outbox lists it for staff with no order (a fresh token: the clock moved past the first one's life).
  admin = await h.staffToken('ADMIN');
  const listed = await h.gql(
    `{ outboxEmails(filter: { kind: WEBHOOK_ENDPOINT_DISABLED }) { nodes { kind recipient order { id } } } }`,
    {},
    { token: admin },
  );
  expect(listed.errors).toBeUndefined();
  expect(listed.data.outboxEmails.nodes).toHaveLength(enabledAdmins.length);
  expect(listed.data.outboxEmails.nodes.every((n: { order: unknown }) => n.order === null)).toBe(true);

  // Failing on and disabled already: no second email.
  h.clock.advanceDays(1);
  await h.services.webhookDelivery.deliverDue();
  await h.deliverMail();
  expect(await disabledEmails()).toHaveLength(enabledAdmins.length);
});

test('a disabling that rolls back queues no email; the disabling that commits queues them', async () => {
  await h.db.query(`DELETE FROM outbox_email WHERE kind = 'WEBHOOK_ENDPOINT_DISABLED'`);
  receiver.answer = () => ({ status: 500, body: 'boom' });
  const endpointId = await createEndpoint('/rolls-back', 'rolls back once');
  await bookOrder(h);
  const settings = { allowPrivate: true, timeoutMs: 5_000 };
  const email = emailAdminsOfDisabledEndpoint(PUBLIC_URL);
  const failing = new WebhookDelivery(h.db, h.clock, settings, pino({ level: 'silent' }), async (m, endpoint, now) => {
    await email(m, endpoint, now);
    expect((await m.query(`SELECT count(*)::int AS n FROM outbox_email WHERE kind = 'WEBHOOK_ENDPOINT_DISABLED'`))[0].n).toBeGreaterThan(0);
    throw new Error('the disabling transaction fails after the emails were queued');
  });
  await expect(failUntilDisabled(endpointId, failing)).rejects.toThrow('the disabling transaction fails');
  const [state] = await h.db.query(`SELECT enabled, disabled_at FROM webhook_endpoint WHERE id = $1`, [endpointId]);
  expect(state).toEqual({ enabled: true, disabled_at: null });
  expect(await disabledEmails()).toEqual([]);

  // The next run, whose transaction commits, disables it and queues one email per enabled ADMIN.
  await h.services.webhookDelivery.deliverDue();
  const [after] = await h.db.query(`SELECT enabled FROM webhook_endpoint WHERE id = $1`, [endpointId]);
  expect(after.enabled).toBe(false);
  const [{ admins }] = await h.db.query(`SELECT count(*)::int AS admins FROM staff WHERE role = 'ADMIN' AND disabled_at IS NULL`);
  expect(await disabledEmails()).toHaveLength(admins);
});

test('only the email to staff may belong to no order; the migration goes down (dropping those emails) and up again', async () => {
  const insert = (kind: string) =>
    h.db.query(
      `INSERT INTO outbox_email (kind, order_id, recipient, subject, text_body, html_body, status, next_attempt_at, created_at)
       VALUES ($1, NULL, 'x@cisco.test', 's', 't', 'h', 'PENDING', now(), now())`,
      [kind],
    );
  await expect(insert('SETUP_LINK')).rejects.toThrow(/outbox_email_order_check/);
  await insert('WEBHOOK_ENDPOINT_DISABLED');
  const migration = new WebhookDisabledEmail1765600000000();
  const runner = h.db.createQueryRunner();
  try {
    await migration.down(runner);
    expect(await disabledEmails()).toEqual([]);
    await expect(insert('WEBHOOK_ENDPOINT_DISABLED')).rejects.toThrow(/outbox_email_kind_check|order_id/);
    await migration.up(runner);
  } finally {
    await runner.release();
  }
  await insert('WEBHOOK_ENDPOINT_DISABLED');
  await expect(insert('CASE_RESOLVED')).rejects.toThrow(/outbox_email_order_check/);
});
