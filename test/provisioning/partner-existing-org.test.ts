/** A partner's second customer order: the contact already belongs to a partner org, which the order lands on. */
import { Harness, startHarness } from '../support/harness';
import { bookOrder, mappedOrder, partnerReadyToConfirm, WizardClient } from '../support/wizard';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** The session as the partner org step shows it: the partner org the contact already belongs to, for review. */
async function review(wizard: WizardClient) {
  const result = await h.gql(
    `{ provisioningSession { currentStep answers { partnerOrgUseExisting partnerAdminEmail partnerCompanyName }
         partnerOrgForReview { id name countryCode } } }`,
    {},
    { token: wizard.sessionToken },
  );
  expect(result.errors).toBeUndefined();
  return result.data.provisioningSession;
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const [{ count }] = await h.db.query(`SELECT count(*)::int AS count FROM ${sql}`, params);
  return count;
}

test('a partner whose email already belongs to a partner org reviews it, keeps it, and the new customer org is managed by it', async () => {
  // The first order: Lee is named as the admin of the new partner org Fabrikam Partners.
  const first = await bookOrder(h, { provisioningContactEmail: 'jo@fabrikam-partners.example' });
  const firstWizard = await WizardClient.open(h, first.linkToken!);
  await firstWizard.step('ChooseRole', { role: 'PARTNER' });
  await firstWizard.step('ChooseSetupPerformer', { performer: 'SELF' });
  // Jo belongs to no org yet: nothing to review.
  expect((await review(firstWizard)).partnerOrgForReview).toBeNull();
  const firstReady = await partnerReadyToConfirm(firstWizard, {
    partnerAdmin: 'lee@fabrikam-partners.example',
    customerAdmin: 'it@tailspin.example',
  });
  expect(firstReady.userErrors).toEqual([]);
  const firstConfirmed = await firstWizard.confirm();
  expect(firstConfirmed.userErrors).toEqual([]);
  const partnerOrg = firstConfirmed.partnerOrg;
  expect(partnerOrg).toMatchObject({ name: 'Northwind Partners' });
  expect((await mappedOrder(h, first.order.id)).partnerOrg).toMatchObject({
    id: partnerOrg.id,
    adminEmail: 'lee@fabrikam-partners.example',
  });

  // The second order names Lee as its provisioning contact.
  const second = await bookOrder(h, { provisioningContactEmail: 'lee@fabrikam-partners.example' });
  const wizard = await WizardClient.open(h, second.linkToken!);
  await wizard.step('ChooseRole', { role: 'PARTNER' });
  await wizard.step('ChooseSetupPerformer', { performer: 'SELF' });

  const shown = await review(wizard);
  expect(shown.currentStep).toBe('PARTNER_ORG');
  expect(shown.partnerOrgForReview).toEqual({ id: partnerOrg.id, name: 'Northwind Partners', countryCode: partnerOrg.countryCode });

  // Someone already in a partner org cannot start another one.
  const another = await wizard.step('SetPartnerOrg', {
    useExisting: false,
    adminEmail: 'admin@fabrikam-two.example',
    companyName: 'Fabrikam Two',
  });
  expect(another.userErrors).toEqual([expect.objectContaining({ code: 'USER_IN_OTHER_ORG', field: ['input', 'useExisting'] })]);
  expect((await wizard.session()).currentStep).toBe('PARTNER_ORG');

  const kept = await wizard.step('SetPartnerOrg', { useExisting: true });
  expect(kept.userErrors).toEqual([]);
  expect(kept.session).toMatchObject({
    currentStep: 'CUSTOMER_ADMIN',
    answers: { partnerOrgUseExisting: true, partnerAdminEmail: null, partnerCompanyName: null },
  });

  expect((await wizard.step('SetCustomerAdmin', { adminEmail: 'it@wingtip.example' })).userErrors).toEqual([]);
  expect((await wizard.step('SetCustomerCompany', { companyName: 'Wingtip Toys Ltd', countryCode: 'GB' })).userErrors).toEqual([]);
  const ready = await wizard.step('ChooseCustomerOrg', { choice: 'NEW' });
  expect(ready.userErrors).toEqual([]);
  expect(ready.session.currentStep).toBe('CONFIRM');

  const confirmed = await wizard.confirm();
  expect(confirmed.userErrors).toEqual([]);
  expect(confirmed.message).toMatch(/has been mapped/);
  expect(confirmed.partnerOrg).toMatchObject({ id: partnerOrg.id, name: 'Northwind Partners' });
  expect(confirmed.customerOrg).toMatchObject({ name: 'Wingtip Toys Ltd', dataResidencyRegion: 'eu1' });
  expect(confirmed.order).toEqual({ id: second.order.id, status: 'MAPPED' });
  expect(await mappedOrder(h, second.order.id)).toMatchObject({
    status: 'MAPPED',
    partnerOrg: { id: partnerOrg.id, adminEmail: 'lee@fabrikam-partners.example' },
    customerOrg: { id: confirmed.customerOrg.id, adminEmail: 'it@wingtip.example', partnerOrg: { id: partnerOrg.id } },
  });

  // In the database: still one partner org, and the new customer org is managed by it.
  expect(await count(`partner_org`)).toBe(1);
  const [orderRow] = await h.db.query(`SELECT status, partner_org_id, customer_org_id FROM orders WHERE id = $1`, [second.order.id]);
  expect(orderRow).toEqual({ status: 'MAPPED', partner_org_id: partnerOrg.id, customer_org_id: confirmed.customerOrg.id });
  const [customerRow] = await h.db.query(`SELECT name, partner_org_id FROM customer_org WHERE id = $1`, [confirmed.customerOrg.id]);
  expect(customerRow).toEqual({ name: 'Wingtip Toys Ltd', partner_org_id: partnerOrg.id });
  // Lee is still one user of the partner org; only the new customer admin was added.
  const users = await h.db.query(
    `SELECT lower(email) AS email, partner_org_id, customer_org_id FROM webex_user
      WHERE lower(email) IN ('lee@fabrikam-partners.example', 'it@wingtip.example') ORDER BY 1`,
  );
  expect(users).toEqual([
    { email: 'it@wingtip.example', partner_org_id: null, customer_org_id: confirmed.customerOrg.id },
    { email: 'lee@fabrikam-partners.example', partner_org_id: partnerOrg.id, customer_org_id: null },
  ]);
  // The partner org now manages both customer orgs.
  const managed = await h.db.query(`SELECT name FROM customer_org WHERE partner_org_id = $1 ORDER BY name`, [partnerOrg.id]);
  expect(managed.map((row: { name: string }) => row.name)).toEqual(['Contoso GmbH', 'Wingtip Toys Ltd']);
});

test('a contact who belongs to no partner org cannot keep an existing one', async () => {
  const { linkToken } = await bookOrder(h, { provisioningContactEmail: 'new@adatum-partners.example' });
  const wizard = await WizardClient.open(h, linkToken!);
  await wizard.step('ChooseRole', { role: 'PARTNER' });
  await wizard.step('ChooseSetupPerformer', { performer: 'SELF' });
  expect((await review(wizard)).partnerOrgForReview).toBeNull();

  const refused = await wizard.step('SetPartnerOrg', { useExisting: true });
  expect(refused.userErrors).toEqual([expect.objectContaining({ code: 'NO_EXISTING_ORG', field: ['input', 'useExisting'] })]);
  const [row] = await h.db.query(`SELECT current_step, draft FROM provisioning_session WHERE id = $1`, [wizard.sessionId]);
  expect(row).toEqual({ current_step: 'PARTNER_ORG', draft: { role: 'PARTNER', performer: 'SELF' } });
});

test('the review recognises the contact whatever the case of the email on the order', async () => {
  const first = await bookOrder(h, { provisioningContactEmail: 'ops@litware-partners.example' });
  const firstWizard = await WizardClient.open(h, first.linkToken!);
  await firstWizard.step('ChooseRole', { role: 'PARTNER' });
  await firstWizard.step('ChooseSetupPerformer', { performer: 'SELF' });
  await firstWizard.step('SetPartnerOrg', {
    useExisting: false,
    adminEmail: 'robin@litware-partners.example',
    companyName: 'Litware Partners',
    countryCode: 'US',
  });
  await firstWizard.step('SetCustomerAdmin', { adminEmail: 'admin@coho-winery.example' });
  await firstWizard.step('SetCustomerCompany', { companyName: 'Coho Winery', countryCode: 'US' });
  await firstWizard.step('ChooseCustomerOrg', { choice: 'NEW' });
  const firstConfirmed = await firstWizard.confirm();
  expect(firstConfirmed.userErrors).toEqual([]);
  const partnerOrgsBefore = await count(`partner_org`);

  const second = await bookOrder(h, { provisioningContactEmail: 'Robin@Litware-Partners.example' });
  const wizard = await WizardClient.open(h, second.linkToken!);
  await wizard.step('ChooseRole', { role: 'PARTNER' });
  await wizard.step('ChooseSetupPerformer', { performer: 'SELF' });
  expect((await review(wizard)).partnerOrgForReview).toMatchObject({ id: firstConfirmed.partnerOrg.id, name: 'Litware Partners' });
  expect((await wizard.step('SetPartnerOrg', { useExisting: true })).userErrors).toEqual([]);
  await wizard.step('SetCustomerAdmin', { adminEmail: 'admin@fourth-coffee.example' });
  await wizard.step('SetCustomerCompany', { companyName: 'Fourth Coffee', countryCode: 'US' });
  await wizard.step('ChooseCustomerOrg', { choice: 'NEW' });
  const confirmed = await wizard.confirm();
  expect(confirmed.userErrors).toEqual([]);
  expect(confirmed.partnerOrg.id).toBe(firstConfirmed.partnerOrg.id);
  expect(await count(`partner_org`)).toBe(partnerOrgsBefore);
  const [customerRow] = await h.db.query(`SELECT partner_org_id FROM customer_org WHERE id = $1`, [confirmed.customerOrg.id]);
  expect(customerRow.partner_org_id).toBe(firstConfirmed.partnerOrg.id);
});
