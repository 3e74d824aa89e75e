/**
 * The audit trail as a person reads it, on the server as deployed: who (the staff member's email, the wizard's contact
 * and role, the system), a field-by-field diff, and the wizard's creations (partner org, customer org, their
 * administrators) recorded in the mapping's transaction. Also the org form's question to the server: where an org's
 * data would be with another country, which is what saving then stores. The actors' emails are staff-only.
 */
import type { Harness } from '../support/harness';
import { Deployed, startDeployed } from '../support/deployed';
import { partnerReadyToConfirm, WizardClient } from '../support/wizard';

let d: Deployed;
beforeAll(async () => {
  d = await startDeployed();
}, 120_000);
afterAll(() => d?.close());

function wizardClient(): Harness {
  return {
    gql: async (query: string, variables?: Record<string, unknown>, options?: object) => (await d.gql(query, variables, options)).body,
  } as unknown as Harness;
}

const EVENTS = `query ($filter: AuditEventFilter) { auditEvents(filter: $filter) { nodes {
  action entityType entityId occurredAt actor { kind email name role } changes { field before after } } } }`;

async function events(filter: Record<string, unknown>, token: string) {
  const { body } = await d.gql(EVENTS, { filter }, { token });
  expect(body.errors).toBeUndefined();
  return body.data.auditEvents.nodes as {
    action: string;
    occurredAt: string;
    actor: { kind: string; email: string | null; name: string | null; role: string | null };
    changes: { field: string; before: string | null; after: string | null }[];
  }[];
}

let mapped: { orderId: string; customerOrgId: string; partnerOrgId: string };

test("the wizard's creations are audited, by the wizard's partner contact, in the mapping's transaction", async () => {
  const booked = await d.bookOrder({ provisioningContactEmail: 'dana@northwind.example' });
  const wizard = await WizardClient.open(wizardClient(), booked.linkToken);
  await partnerReadyToConfirm(wizard, { partnerAdmin: 'admin@northwind.example', customerAdmin: 'it@contoso.example' });
  const confirmed = await wizard.confirm();
  expect(confirmed.userErrors).toEqual([]);
  mapped = { orderId: booked.orderId, customerOrgId: confirmed.customerOrg.id, partnerOrgId: confirmed.partnerOrg.id };

  const rep = await d.login('REP');
  const customer = await events({ entityType: 'CustomerOrg', entityId: mapped.customerOrgId }, rep);
  const partner = await events({ entityType: 'PartnerOrg', entityId: mapped.partnerOrgId }, rep);
  const order = await events({ entityType: 'Order', entityId: mapped.orderId, action: 'order.map' }, rep);
  const wizardActor = { kind: 'WIZARD', email: 'dana@northwind.example', name: null, role: 'PARTNER' };
  expect(customer.map((e) => [e.action, e.actor])).toEqual([
    ['customerOrg.addAdmin', wizardActor],
    ['customerOrg.create', wizardActor],
  ]);
  expect(partner.map((e) => [e.action, e.actor])).toEqual([
    ['partnerOrg.addAdmin', wizardActor],
    ['partnerOrg.create', wizardActor],
  ]);
  // A creation lists every field it set, from nothing.
  const created = customer.find((e) => e.action === 'customerOrg.create')!;
  expect(created.changes).toEqual(
    expect.arrayContaining([
      { field: 'name', before: null, after: 'Contoso GmbH' },
      { field: 'countryCode', before: null, after: 'DE' },
      { field: 'dataResidencyRegion', before: null, after: 'eu2' },
      { field: 'partnerOrgId', before: null, after: mapped.partnerOrgId },
    ]),
  );
  expect(customer.find((e) => e.action === 'customerOrg.addAdmin')!.changes).toEqual([
    { field: 'adminEmail', before: null, after: 'it@contoso.example' },
  ]);
  // One transaction: the creations carry the mapping's instant.
  expect(new Set([...customer, ...partner, ...order].map((e) => e.occurredAt)).size).toBe(1);
}, 60_000);

test('a representative moving an org to Japan: the form is told jp1 for both, saving stores that, and the diff names each field', async () => {
  const rep = await d.login('REP');
  const read = await d.gql(
    `query ($id: ID!) { customerOrg(id: $id) { version japan: locationIfCountry(countryCode: "JP") { dataResidencyRegion contactCenterDataLocation }
      nowhere: locationIfCountry(countryCode: "ZZ") { dataResidencyRegion } } }`,
    { id: mapped.customerOrgId },
    { token: rep },
  );
  expect(read.body.data.customerOrg.japan).toEqual({ dataResidencyRegion: 'jp1', contactCenterDataLocation: 'jp1' });
  expect(read.body.data.customerOrg.nowhere).toBeNull();

  const saved = await d.gql(
    `mutation ($input: CustomerOrgUpdateInput!) { customerOrgUpdate(input: $input) {
      customerOrg { countryCode dataResidencyRegion contactCenterDataLocation version } userErrors { code } } }`,
    { input: { id: mapped.customerOrgId, version: read.body.data.customerOrg.version, countryCode: 'JP' } },
    { token: rep },
  );
  expect(saved.body.data.customerOrgUpdate.customerOrg).toMatchObject({
    countryCode: 'JP',
    dataResidencyRegion: 'jp1',
    contactCenterDataLocation: 'jp1',
  });

  const [update] = await events({ entityType: 'CustomerOrg', entityId: mapped.customerOrgId, action: 'customerOrg.update' }, rep);
  expect(update.actor).toEqual({ kind: 'STAFF', email: 'rep@deployed.test', name: null, role: null });
  expect(update.changes).toEqual([
    { field: 'countryCode', before: 'DE', after: 'JP' },
    { field: 'dataResidencyRegion', before: 'eu2', after: 'jp1' },
    { field: 'contactCenterDataLocation', before: 'eu2', after: 'jp1' },
  ]);

  // A data location chosen on purpose stays where it is: the server says so before, and does so on saving.
  const chosen = await d.gql(
    `mutation ($input: CustomerOrgUpdateInput!) { customerOrgUpdate(input: $input) { customerOrg { version } userErrors { code } } }`,
    {
      input: { id: mapped.customerOrgId, version: saved.body.data.customerOrgUpdate.customerOrg.version, contactCenterDataLocation: 'sg1' },
    },
    { token: rep },
  );
  const asked = await d.gql(
    `query ($id: ID!) { customerOrg(id: $id) { locationIfCountry(countryCode: "DE") { dataResidencyRegion contactCenterDataLocation } } }`,
    { id: mapped.customerOrgId },
    { token: rep },
  );
  expect(asked.body.data.customerOrg.locationIfCountry).toEqual({ dataResidencyRegion: 'eu2', contactCenterDataLocation: 'sg1' });
  const back = await d.gql(
    `mutation ($input: CustomerOrgUpdateInput!) { customerOrgUpdate(input: $input) { customerOrg { dataResidencyRegion contactCenterDataLocation } } }`,
    { input: { id: mapped.customerOrgId, version: chosen.body.data.customerOrgUpdate.customerOrg.version, countryCode: 'DE' } },
    { token: rep },
  );
  expect(back.body.data.customerOrgUpdate.customerOrg).toEqual(asked.body.data.customerOrg.locationIfCountry);
}, 60_000);

test("the commerce integration's changes name its API key", async () => {
  const booked = await d.bookOrder();
  const [sent] = await events({ entityType: 'Order', entityId: booked.orderId, action: 'order.submit' }, await d.login('ADMIN'));
  expect(sent.actor).toEqual({ kind: 'API_KEY', email: null, name: expect.any(String), role: null });
}, 60_000);

test('the audit trail, its actors and the org form question are closed to those who may not read them', async () => {
  const analyst = await d.login('ANALYST');
  const forbidden = await d.gql(EVENTS, { filter: {} }, { token: analyst });
  expect(forbidden.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const commerce = await d.gql(EVENTS, { filter: {} }, { token: d.commerceKey });
  expect(commerce.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const question = await d.gql(
    `query ($id: ID!) { customerOrg(id: $id) { id locationIfCountry(countryCode: "JP") { dataResidencyRegion } } }`,
    { id: mapped.customerOrgId },
    { token: d.commerceKey },
  );
  expect(question.body.errors?.[0]).toMatchObject({
    message: 'This field is not open to this credential.',
    path: ['customerOrg', 'locationIfCountry'],
  });
}, 60_000);
