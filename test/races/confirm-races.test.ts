/**
 * Races the wizard must win cleanly: calls really run in parallel over HTTP (Promise.all), and the
 * database must show exactly one outcome. The loser of a race always gets a userError, never a
 * thrown error, and its transaction leaves nothing behind.
 */
import { Harness, startHarness } from '../support/harness';
import { bookOrder, partnerReadyToConfirm, USER_ERRORS, WizardClient } from '../support/wizard';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

let unique = 0;
const next = () => ++unique;

async function openWizard(contactEmail?: string) {
  const { order, linkToken } = await bookOrder(h, contactEmail ? { provisioningContactEmail: contactEmail } : {});
  const wizard = await WizardClient.open(h, linkToken!);
  return { order, linkToken: linkToken!, wizard };
}

/** provisioningStart over HTTP, returning the whole response so that thrown errors are visible. */
function start(token: string) {
  return h.gql(
    `mutation ($input: ProvisioningStartInput!) { provisioningStart(input: $input) { sessionToken session { id status } ${USER_ERRORS} } }`,
    { input: { token } },
  );
}

/** provisioningConfirm over HTTP, returning the whole response so that thrown errors are visible. */
function confirm(wizard: WizardClient) {
  return h.gql(
    `mutation { provisioningConfirm(input: {}) { session { id status } order { id status } partnerOrg { id } customerOrg { id } ${USER_ERRORS} } }`,
    {},
    { token: wizard.sessionToken },
  );
}

async function orderRow(orderId: string) {
  const [row] = await h.db.query(`SELECT status, partner_org_id, customer_org_id FROM orders WHERE id = $1`, [orderId]);
  return row as { status: string; partner_org_id: string | null; customer_org_id: string | null };
}

async function sessionStatus(sessionId: string): Promise<string> {
  const [row] = await h.db.query(`SELECT status FROM provisioning_session WHERE id = $1`, [sessionId]);
  return row.status;
}

async function count(sql: string, params: unknown[]): Promise<number> {
  const [row] = await h.db.query(`SELECT count(*)::int AS n FROM (${sql}) AS rows`, params);
  return row.n;
}

test('the same session confirmed five times at once maps the order once, and every answer is the same', async () => {
  const n = next();
  const { order, wizard } = await openWizard();
  const customerAdmin = `it@fivefold-${n}.example`;
  await partnerReadyToConfirm(wizard, { partnerAdmin: `admin@fivefold-partner-${n}.example`, customerAdmin });

  const answers = await Promise.all(Array.from({ length: 5 }, () => confirm(wizard)));

  for (const answer of answers) {
    expect(answer.errors).toBeUndefined();
    expect(answer.data.provisioningConfirm.userErrors).toEqual([]);
  }
  const customerOrgIds = new Set(answers.map((answer) => answer.data.provisioningConfirm.customerOrg.id));
  expect(customerOrgIds.size).toBe(1);
  const [customerOrgId] = customerOrgIds;

  expect(await count(`SELECT id FROM customer_org WHERE lower(admin_email) = lower($1)`, [customerAdmin])).toBe(1);
  expect(await orderRow(order.id)).toMatchObject({ status: 'MAPPED', customer_org_id: customerOrgId });
  expect(await count(`SELECT id FROM provisioning_event WHERE order_id = $1 AND kind = 'COMPLETED'`, [order.id])).toBe(1);
  expect(await count(`SELECT id FROM audit_event WHERE entity_id = $1::text AND action = 'order.map'`, [order.id])).toBe(1);
  expect(await sessionStatus(wizard.sessionId)).toBe('COMPLETED');
});

describe('two orders racing for the same new admin email: one wins, the other is refused and rolled back', () => {
  /** Two partners (each with a new partner org of their own) ready to confirm; `shared` says which admin email they share. */
  async function twoRivals(shared: 'customer' | 'partner') {
    const n = next();
    const sharedEmail = shared === 'customer' ? `it@contested-${n}.example` : `admin@contested-partner-${n}.example`;
    const rivals = [];
    for (const side of ['a', 'b']) {
      const { order, wizard } = await openWizard(`contact@partner-${side}-${n}.example`);
      const emails = {
        partnerAdmin: shared === 'partner' ? sharedEmail : `admin@partner-${side}-${n}.example`,
        customerAdmin: shared === 'customer' ? sharedEmail : `it@customer-${side}-${n}.example`,
      };
      const ready = await partnerReadyToConfirm(wizard, emails);
      expect(ready.userErrors).toEqual([]);
      rivals.push({ order, wizard, ...emails });
    }
    return { sharedEmail, rivals };
  }

  async function race(shared: 'customer' | 'partner') {
    const { sharedEmail, rivals } = await twoRivals(shared);

    const answers = await Promise.all(rivals.map(({ wizard }) => confirm(wizard)));

    for (const answer of answers) expect(answer.errors).toBeUndefined();
    const payloads = answers.map((answer) => answer.data.provisioningConfirm);
    const winners = payloads.filter((payload) => payload.userErrors.length === 0);
    expect(winners).toHaveLength(1);
    const loserIndex = payloads.findIndex((payload) => payload.userErrors.length > 0);
    const loser = rivals[loserIndex];
    const winner = rivals[1 - loserIndex];
    expect(payloads[loserIndex].userErrors.map((error: { code: string }) => error.code)).toEqual(['ADMIN_EMAIL_IN_USE']);
    expect(payloads[loserIndex].order).toBeNull();

    // One user per email: the database holds the shared email once, in the winner's org.
    expect(await count(`SELECT id FROM webex_user WHERE lower(email) = lower($1)`, [sharedEmail])).toBe(1);
    expect(await orderRow(winner.order.id)).toMatchObject({ status: 'MAPPED' });

    // The loser's whole transaction rolled back: order untouched, session still open, no org of theirs.
    expect(await orderRow(loser.order.id)).toEqual({
      status: 'AWAITING_PROVISIONING_DETAILS',
      partner_org_id: null,
      customer_org_id: null,
    });
    expect(await sessionStatus(loser.wizard.sessionId)).toBe('ACTIVE');
    expect(await count(`SELECT id FROM partner_org WHERE lower(admin_email) = lower($1)`, [loser.partnerAdmin])).toBe(
      shared === 'partner' ? 1 : 0, // when shared, the one partner org with that email is the winner's
    );
    expect(await count(`SELECT id FROM webex_user WHERE lower(email) = lower($1)`, [loser.partnerAdmin])).toBe(
      shared === 'partner' ? 1 : 0,
    );
    expect(await count(`SELECT id FROM webex_user WHERE lower(email) = lower($1)`, [loser.customerAdmin])).toBe(
      shared === 'customer' ? 1 : 0,
    );
    expect(await count(`SELECT id FROM customer_org WHERE lower(admin_email) = lower($1)`, [loser.customerAdmin])).toBe(
      shared === 'customer' ? 1 : 0,
    );
    expect(await count(`SELECT id FROM provisioning_event WHERE order_id = $1 AND kind = 'COMPLETED'`, [loser.order.id])).toBe(0);
    expect(await count(`SELECT id FROM audit_event WHERE entity_id = $1::text AND action = 'order.map'`, [loser.order.id])).toBe(0);
    // When the shared email is the partner admin, the winner's partner org is the only one with it.
    if (shared === 'partner') {
      const [{ partner_org_id }] = await h.db.query(`SELECT partner_org_id FROM webex_user WHERE lower(email) = lower($1)`, [sharedEmail]);
      expect(partner_org_id).toBe((await orderRow(winner.order.id)).partner_org_id);
    } else {
      const [{ customer_org_id }] = await h.db.query(`SELECT customer_org_id FROM webex_user WHERE lower(email) = lower($1)`, [
        sharedEmail,
      ]);
      expect(customer_org_id).toBe((await orderRow(winner.order.id)).customer_org_id);
      // The loser's new partner org was rolled back with the rest.
      expect(await count(`SELECT id FROM partner_org WHERE lower(admin_email) = lower($1)`, [loser.partnerAdmin])).toBe(0);
    }
  }

  test('the same new CUSTOMER admin email (three rounds)', async () => {
    for (let round = 0; round < 3; round++) await race('customer');
  });

  test('the same new PARTNER admin email (three rounds)', async () => {
    for (let round = 0; round < 3; round++) await race('partner');
  });
});

test('a confirmation racing a re-opening of the same link: exactly one of the two wins, ten times over', async () => {
  const outcomes = { confirmWon: 0, startWon: 0 };
  for (let round = 0; round < 10; round++) {
    const n = next();
    const { order, linkToken, wizard } = await openWizard();
    await partnerReadyToConfirm(wizard, { partnerAdmin: `admin@reopen-partner-${n}.example`, customerAdmin: `it@reopen-${n}.example` });

    const [confirmed, started] = await Promise.all([confirm(wizard), start(linkToken)]);

    expect(confirmed.errors).toBeUndefined();
    expect(started.errors).toBeUndefined();
    const confirmErrors = confirmed.data.provisioningConfirm.userErrors.map((error: { code: string }) => error.code);
    const startErrors = started.data.provisioningStart.userErrors.map((error: { code: string }) => error.code);
    const row = await orderRow(order.id);
    if (confirmErrors.length === 0) {
      outcomes.confirmWon += 1;
      expect(startErrors).toEqual(['ORDER_ALREADY_MAPPED']);
      expect(started.data.provisioningStart.sessionToken).toBeNull();
      expect(row.status).toBe('MAPPED');
      expect(await sessionStatus(wizard.sessionId)).toBe('COMPLETED');
      expect(await count(`SELECT id FROM provisioning_session WHERE order_id = $1`, [order.id])).toBe(1);
    } else {
      outcomes.startWon += 1;
      expect(confirmErrors).toEqual(['SESSION_ENDED']);
      expect(startErrors).toEqual([]);
      expect(started.data.provisioningStart.session.status).toBe('ACTIVE');
      expect(row).toEqual({ status: 'AWAITING_PROVISIONING_DETAILS', partner_org_id: null, customer_org_id: null });
      expect(await sessionStatus(wizard.sessionId)).toBe('SUPERSEDED');
      expect(await sessionStatus(started.data.provisioningStart.session.id)).toBe('ACTIVE');
      expect(await count(`SELECT id FROM customer_org WHERE lower(admin_email) = lower($1)`, [`it@reopen-${n}.example`])).toBe(0);
    }
    expect(await count(`SELECT id FROM provisioning_session WHERE order_id = $1 AND status = 'ACTIVE'`, [order.id])).toBeLessThanOrEqual(1);
  }
  expect(outcomes.confirmWon + outcomes.startWon).toBe(10);
});

test('a superseded session cannot map an order its successor already mapped: SESSION_ENDED', async () => {
  const n = next();
  const { order, linkToken, wizard: first } = await openWizard();
  const emails = { partnerAdmin: `admin@twice-partner-${n}.example`, customerAdmin: `it@twice-${n}.example` };
  await partnerReadyToConfirm(first, emails);

  // The contact opens the link again (in another tab), walks the wizard and confirms there.
  const second = await WizardClient.open(h, linkToken);
  expect(await sessionStatus(first.sessionId)).toBe('SUPERSEDED');
  await partnerReadyToConfirm(second, emails);
  const mapped = await second.confirm();
  expect(mapped.userErrors).toEqual([]);

  const stale = await confirm(first);
  expect(stale.errors).toBeUndefined();
  // Its token ended when the link was opened again.
  expect(stale.data.provisioningConfirm.userErrors.map((error: { code: string }) => error.code)).toEqual(['SESSION_ENDED']);
  expect(stale.data.provisioningConfirm.customerOrg).toBeNull();

  expect(await orderRow(order.id)).toMatchObject({ status: 'MAPPED', customer_org_id: mapped.customerOrg.id });
  expect(await sessionStatus(first.sessionId)).toBe('SUPERSEDED');
  expect(await count(`SELECT id FROM customer_org WHERE lower(admin_email) = lower($1)`, [emails.customerAdmin])).toBe(1);
  expect(await count(`SELECT id FROM provisioning_event WHERE order_id = $1 AND kind = 'COMPLETED'`, [order.id])).toBe(1);
});

test('twenty parallel openings of one link leave at most one active session, and nothing is thrown', async () => {
  const { order, linkToken, wizard: first } = await openWizard();

  const answers = await Promise.all(Array.from({ length: 20 }, () => start(linkToken)));

  for (const answer of answers) {
    expect(answer.errors).toBeUndefined();
    expect(answer.data.provisioningStart.userErrors).toEqual([]);
    expect(answer.data.provisioningStart.sessionToken).toEqual(expect.any(String));
  }
  const active = await h.db.query(`SELECT id FROM provisioning_session WHERE order_id = $1 AND status = 'ACTIVE'`, [order.id]);
  expect(active.length).toBeLessThanOrEqual(1);
  // Every opening started a session and each superseded the one before it: the last one stands.
  expect(active).toHaveLength(1);
  expect(await count(`SELECT id FROM provisioning_session WHERE order_id = $1 AND status = 'SUPERSEDED'`, [order.id])).toBe(20);
  expect(await sessionStatus(first.sessionId)).toBe('SUPERSEDED');
  const [{ open_count }] = await h.db.query(`SELECT open_count FROM setup_link WHERE order_id = $1`, [order.id]);
  expect(open_count).toBe(21);

  // The standing session is the one whose token works; the others are told their session ended.
  const standing = answers.find((answer) => answer.data.provisioningStart.session.id === active[0].id)!;
  const ok = await new WizardClient(h, standing.data.provisioningStart.sessionToken, active[0].id).step('ChooseRole', { role: 'PARTNER' });
  expect(ok.userErrors).toEqual([]);
  const other = answers.find((answer) => answer !== standing)!;
  const ended = await new WizardClient(h, other.data.provisioningStart.sessionToken, other.data.provisioningStart.session.id).step(
    'ChooseRole',
    { role: 'PARTNER' },
  );
  expect(ended.userErrors.map((error: { code: string }) => error.code)).toEqual(['SESSION_ENDED']);
});
