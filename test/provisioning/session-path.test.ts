/** The session tells the page its path: ROLE alone before a role is chosen, then that role's steps, so no page copies the rule. */
import { Harness, startHarness } from '../support/harness';
import { bookOrder, WizardClient } from '../support/wizard';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const PATH = 'session { currentStep path }';

test("a partner's path holds every step; a customer's skips who sets up and the partner org; changing role changes it", async () => {
  const { linkToken } = await bookOrder(h, { provisioningContactEmail: 'ana@contoso.example' });
  const wizard = await WizardClient.open(h, linkToken!);

  const fresh = await h.gql(`{ provisioningSession { currentStep path } }`, {}, { token: wizard.sessionToken });
  expect(fresh.data.provisioningSession).toEqual({ currentStep: 'ROLE', path: ['ROLE', 'CONFIRM', 'DONE'] });

  const partner = await wizard.step('ChooseRole', { role: 'PARTNER' }, PATH);
  expect(partner.session).toEqual({
    currentStep: 'SETUP_PERFORMER',
    path: ['ROLE', 'SETUP_PERFORMER', 'PARTNER_ORG', 'CUSTOMER_ADMIN', 'CUSTOMER_COMPANY', 'CUSTOMER_ORG', 'CONFIRM', 'DONE'],
  });

  const customer = await wizard.step('ChooseRole', { role: 'CUSTOMER' }, PATH);
  expect(customer.session.path).toEqual(['ROLE', 'CUSTOMER_ADMIN', 'CUSTOMER_COMPANY', 'CUSTOMER_ORG', 'CONFIRM', 'DONE']);
});
