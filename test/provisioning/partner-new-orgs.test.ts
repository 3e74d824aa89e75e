/** A partner's first customer order: a new partner org and a new customer org, created on confirmation. */
import { Harness, startHarness } from '../support/harness';
import { bookOrder, mappedOrder, partnerReadyToConfirm, WizardClient } from '../support/wizard';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

test('a partner sets up a new partner org and a new customer org, and the order is mapped', async () => {
  const { order, linkToken } = await bookOrder(h, { provisioningContactEmail: 'dana@northwind.example' });
  expect(order.status).toBe('AWAITING_PROVISIONING_DETAILS');
  const wizard = await WizardClient.open(h, linkToken!);

  const ready = await partnerReadyToConfirm(wizard, { partnerAdmin: 'admin@northwind.example', customerAdmin: 'it@contoso.example' });
  expect(ready.userErrors).toEqual([]);
  expect(ready.session).toMatchObject({
    currentStep: 'CONFIRM',
    dataResidencyRegion: 'eu2',
    contactCenterDataLocation: 'eu2',
    answers: { role: 'PARTNER', customerAdminEmail: 'it@contoso.example', companyName: 'Contoso GmbH', countryCode: 'DE' },
  });
  // Nothing exists before confirmation.
  const [{ count: usersBefore }] = await h.db.query(`SELECT count(*)::int AS count FROM webex_user`);
  expect(usersBefore).toBe(0);

  const confirmed = await wizard.confirm();
  expect(confirmed.userErrors).toEqual([]);
  expect(confirmed.message).toMatch(/has been mapped/);
  expect(confirmed.session).toMatchObject({ status: 'COMPLETED', currentStep: 'DONE', furthestStep: 'DONE' });
  expect(confirmed.partnerOrg).toMatchObject({ name: 'Northwind Partners', countryCode: 'DE' });
  expect(confirmed.customerOrg).toMatchObject({
    name: 'Contoso GmbH',
    dataResidencyRegion: 'eu2',
    contactCenterDataLocation: 'eu2',
    trialStatus: 'NONE',
  });
  expect(confirmed.order).toEqual({ id: order.id, status: 'MAPPED' });
  expect(await mappedOrder(h, order.id)).toMatchObject({
    status: 'MAPPED',
    partnerOrg: { id: confirmed.partnerOrg.id, name: 'Northwind Partners', adminEmail: 'admin@northwind.example' },
    customerOrg: { id: confirmed.customerOrg.id, name: 'Contoso GmbH', adminEmail: 'it@contoso.example' },
  });

  const users = await h.db.query(`SELECT email, partner_org_id, customer_org_id FROM webex_user ORDER BY email`);
  expect(users).toEqual([
    { email: 'admin@northwind.example', partner_org_id: confirmed.partnerOrg.id, customer_org_id: null },
    { email: 'it@contoso.example', partner_org_id: null, customer_org_id: confirmed.customerOrg.id },
  ]);
  const links = await h.db.query(`SELECT revoked_at FROM setup_link WHERE order_id = $1`, [order.id]);
  expect(links.every((link: { revoked_at: Date | null }) => link.revoked_at !== null)).toBe(true);

  // Confirming again in the same session returns the same result and changes nothing.
  const again = await wizard.confirm();
  expect(again.userErrors).toEqual([]);
  expect(again.customerOrg.id).toBe(confirmed.customerOrg.id);
  const [{ count: orgs }] = await h.db.query(`SELECT count(*)::int AS count FROM customer_org`);
  expect(orgs).toBe(1);

  // The link now says the order is mapped.
  const info = await h.gql(`query ($token: String!) { setupLink(token: $token) { status subscriptionId } }`, { token: linkToken });
  expect(info.data.setupLink).toEqual({ status: 'ALREADY_MAPPED', subscriptionId: null });
});
