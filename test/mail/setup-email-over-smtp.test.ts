/** The Set up now email over real SMTP: one email per order, a link that opens the wizard, and a welcome email after mapping. */
import { Harness, PUBLIC_URL, startHarness } from '../support/harness';
import { setupLinkIn, SmtpPeer } from '../support/smtp-peer';
import { bookOrder, partnerReadyToConfirm, WizardClient } from '../support/wizard';

let h: Harness;
let peer: SmtpPeer;
beforeAll(async () => {
  peer = await SmtpPeer.start();
  h = await startHarness({ smtpUrl: peer.url });
});
afterAll(async () => {
  await h.close();
  await peer.close();
});

test('an order due today gets one Set up now email at the relay; its link opens the wizard; mapping sends a welcome email', async () => {
  const contact = 'dana@northwind-partners.example';
  const { order } = await bookOrder(h, { provisioningContactEmail: contact });
  expect(order.status).toBe('AWAITING_PROVISIONING_DETAILS');

  // Exactly one email reached the relay, to the provisioning contact.
  expect(peer.messages).toHaveLength(1);
  const [email] = peer.messages;
  expect(email.to).toEqual([contact]);
  expect(email.subject).toContain(order.subscriptionId);
  expect(email.messageId).toMatch(/^<[0-9a-f-]{36}@outbox\.wxcc-provisioning>$/);
  // A text part and an HTML part, both with the link to the wizard under PUBLIC_URL.
  expect(email.text).not.toBe('');
  expect(email.html).toMatch(/<html/i);
  const link = setupLinkIn(email.text)!;
  expect(link).toBeDefined();
  expect(link.url).toBe(`${PUBLIC_URL}/setup/${link.token}`);
  expect(email.html).toContain(`href="${link.url}"`);
  expect(email.text).toContain(order.subscriptionId);
  // Whoever gets it by mistake is told whom to contact.
  expect(email.text).toMatch(/not for you/i);
  expect(email.text).toMatch(/Cisco representative/);

  // The outbox row says the same, and the token no longer sits in the database.
  const [setupRow] = await h.db.query(`SELECT * FROM outbox_email WHERE order_id = $1`, [order.id]);
  expect(setupRow).toMatchObject({ kind: 'SETUP_LINK', recipient: contact, status: 'SENT', attempts: 1, last_error: null });
  expect(setupRow.sent_at).toEqual(h.clock.now());
  expect(email.messageId).toBe(`<${setupRow.id}@outbox.wxcc-provisioning>`);

  // A few minutes later the link opens the wizard, and the contact completes it.
  const emailedAt = h.clock.now();
  h.clock.advanceMinutes(5);
  const info = await h.gql(`query ($token: String!) { setupLink(token: $token) { status subscriptionId } }`, { token: link.token });
  expect(info.data.setupLink).toEqual({ status: 'VALID', subscriptionId: order.subscriptionId });
  const wizard = await WizardClient.open(h, link.token);
  const ready = await partnerReadyToConfirm(wizard, {
    partnerAdmin: 'admin@northwind-partners.example',
    customerAdmin: 'it@contoso.example',
  });
  expect(ready.userErrors).toEqual([]);
  const confirmed = await wizard.confirm();
  expect(confirmed.userErrors).toEqual([]);
  expect(confirmed.order.status).toBe('MAPPED');

  // The welcome email is queued with the mapping and arrives at the customer admin once delivered.
  expect(peer.messages).toHaveLength(1);
  await h.deliverMail();
  expect(peer.messages).toHaveLength(2);
  const welcome = peer.messages[1];
  expect(welcome.to).toEqual(['it@contoso.example']);
  expect(welcome.subject).toContain(order.subscriptionId);
  expect(welcome.subject).toContain('Contoso GmbH');
  expect(welcome.text).toContain('Contoso GmbH');
  expect(welcome.html).toMatch(/<html/i);
  expect(setupLinkIn(welcome.text)).toBeUndefined();

  // Delivering again sends nothing more.
  await h.deliverMail();
  expect(peer.messages).toHaveLength(2);

  const rows = await h.db.query(
    `SELECT id, kind, recipient, status, attempts, sent_at, text_body, html_body FROM outbox_email WHERE order_id = $1 ORDER BY created_at`,
    [order.id],
  );
  expect(rows.map((row: { kind: string; recipient: string; status: string }) => [row.kind, row.recipient, row.status])).toEqual([
    ['SETUP_LINK', contact, 'SENT'],
    ['WELCOME', 'it@contoso.example', 'SENT'],
  ]);
  expect(rows.map((row: { sent_at: Date }) => row.sent_at)).toEqual([emailedAt, h.clock.now()]);
  expect(welcome.messageId).toBe(`<${rows[1].id}@outbox.wxcc-provisioning>`);
  for (const row of rows) {
    expect(row.text_body).not.toContain(link.token);
    expect(row.html_body).not.toContain(link.token);
    expect(row.text_body).not.toMatch(/wxl_/);
    expect(row.html_body).not.toMatch(/wxl_/);
  }
  expect(rows[0].text_body).toContain(`${PUBLIC_URL}/setup/[delivered]`);
  expect(rows[0].html_body).toContain(`${PUBLIC_URL}/setup/[delivered]`);
});

test('a representative sees the delivered emails on the order, without their bodies', async () => {
  const { order } = await bookOrder(h, { provisioningContactEmail: 'kim@fabrikam-partners.example' });
  const rep = await h.staffToken('REP');
  const seen = await h.gql(
    `query ($id: ID!) { order(id: $id) { emails { id kind recipient subject status attempts lastError sentAt } } }`,
    { id: order.id },
    { token: rep },
  );
  expect(seen.errors).toBeUndefined();
  const delivered = peer.messagesTo('kim@fabrikam-partners.example');
  expect(delivered).toHaveLength(1);
  expect(seen.data.order.emails).toEqual([
    {
      id: delivered[0].messageId.slice(1, 37),
      kind: 'SETUP_LINK',
      recipient: 'kim@fabrikam-partners.example',
      subject: delivered[0].subject,
      status: 'SENT',
      attempts: 1,
      lastError: null,
      sentAt: h.clock.now().toISOString(),
    },
  ]);
});
