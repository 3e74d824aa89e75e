/**
 * A wizard step authenticates its token with the statement that locks the session: a token that names no session is
 * refused as before, UNAUTHENTICATED with the same message, before anything is written, whatever else the operation asks.
 */
import { Harness, startHarness } from '../support/harness';
import { bookOrder, USER_ERRORS, WizardClient } from '../support/wizard';
import { newToken, TOKEN_PREFIX } from '../../server/platform/tokens';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const REFUSED = { code: 'UNAUTHENTICATED', message: 'The credential is not valid or has expired.' };

/** Every wizard mutation the token may call, with an input an active session at the right step would take. */
const ACTIONS: Record<string, Record<string, unknown>> = {
  ChooseRole: { role: 'CUSTOMER' },
  ChooseSetupPerformer: { performer: 'OTHER', delegateEmail: 'someone@else-partners.example' },
  SetPartnerOrg: { useExisting: false, adminEmail: 'admin@nobody-partners.example', companyName: 'Nobody Partners', countryCode: 'DE' },
  SetCustomerAdmin: { adminEmail: 'it@nobody-customer.example' },
  SetCustomerCompany: { companyName: 'Nobody Customer', countryCode: 'DE' },
  ChooseCustomerOrg: { choice: 'NEW' },
  Confirm: {},
  Abandon: {},
  ReportProblem: { kind: 'OTHER', message: 'Nobody is here.' },
};

function mutation(name: string, alias = '') {
  const selection = name === 'ReportProblem' ? 'case { id }' : 'session { id }';
  return `${alias}provisioning${name}(input: $${name}) { ${selection} ${USER_ERRORS} }`;
}

/** Everything a wizard action could write: sessions and their events, orgs, users, cases, audit, emails, events. */
async function writes() {
  const [row] = await h.db.query(
    `SELECT (SELECT count(*)::int FROM provisioning_session) AS sessions, (SELECT count(*)::int FROM provisioning_event) AS events,
            (SELECT count(*)::int FROM partner_org) AS partner_orgs, (SELECT count(*)::int FROM customer_org) AS customer_orgs,
            (SELECT count(*)::int FROM webex_user) AS users, (SELECT count(*)::int FROM support_case) AS cases,
            (SELECT count(*)::int FROM audit_event) AS audit, (SELECT count(*)::int FROM outbox_email) AS emails,
            (SELECT count(*)::int FROM integration_event) AS integration_events, (SELECT count(*)::int FROM setup_link) AS links`,
  );
  return row;
}

test('each wizard action with a token that names no session is refused UNAUTHENTICATED, and nothing is written', async () => {
  const token = newToken(TOKEN_PREFIX.wizardSession);
  const before = await writes();
  for (const name of Object.keys(ACTIONS)) {
    const result = await h.gql(
      `mutation ($${name}: Provisioning${name}Input!) { ${mutation(name)} }`,
      { [name]: ACTIONS[name] },
      { token },
    );
    expect({ name, errors: result.errors?.map(({ message, extensions }) => ({ code: extensions?.code, message })) }).toEqual({
      name,
      errors: [REFUSED],
    });
    expect(result.data).toBeNull();
  }
  expect(await writes()).toEqual(before);
});

test('two steps in one operation with an unknown token: the first is refused, and the operation with it', async () => {
  const token = newToken(TOKEN_PREFIX.wizardSession);
  const result = await h.gql(
    `mutation ($ChooseRole: ProvisioningChooseRoleInput!, $Abandon: ProvisioningAbandonInput!) {
       ${mutation('ChooseRole', 'first: ')} ${mutation('Abandon', 'second: ')} }`,
    { ChooseRole: ACTIONS.ChooseRole, Abandon: ACTIONS.Abandon },
    { token },
  );
  expect(result.errors?.map(({ message, extensions, path }) => ({ code: extensions?.code, message, path }))).toEqual([
    { ...REFUSED, path: ['first'] },
  ]);
  expect(result.data).toBeNull();
});

test('a step beside a field that does not authenticate the token itself: the token is looked up first, as before', async () => {
  const unknown = newToken(TOKEN_PREFIX.wizardSession);
  const mixed = `mutation ($ChooseRole: ProvisioningChooseRoleInput!) {
    ${mutation('ChooseRole')} staffLogout(input: {}) { clientMutationId } }`;
  const refused = await h.gql(mixed, { ChooseRole: ACTIONS.ChooseRole }, { token: unknown });
  expect(refused.errors?.map(({ message, extensions }) => ({ code: extensions?.code, message }))).toEqual([REFUSED]);

  const { linkToken } = await bookOrder(h, { provisioningContactEmail: 'eve@mixed-partners.example' });
  const wizard = await WizardClient.open(h, linkToken!);
  const answered = await h.gql(mixed, { ChooseRole: { role: 'PARTNER' } }, { token: wizard.sessionToken });
  expect(answered.errors?.map(({ extensions, path }) => ({ code: extensions?.code, path }))).toEqual([
    { code: 'FORBIDDEN', path: ['staffLogout'] },
  ]);
  const [session] = await h.db.query('SELECT current_step FROM provisioning_session WHERE id = $1', [wizard.sessionId]);
  expect(session.current_step).toBe('SETUP_PERFORMER');
});

test('a step whose lock authenticated the token reads through the session as the wizard does', async () => {
  const { order, linkToken } = await bookOrder(h, { provisioningContactEmail: 'fay@reading-partners.example' });
  const wizard = await WizardClient.open(h, linkToken!);
  const result = await h.gql(
    `mutation { provisioningChooseRole(input: { role: PARTNER }) { session { id currentStep order { id subscriptionId } } ${USER_ERRORS} } }`,
    {},
    { token: wizard.sessionToken },
  );
  expect(result.errors).toBeUndefined();
  expect(result.data.provisioningChooseRole).toEqual({
    session: { id: wizard.sessionId, currentStep: 'SETUP_PERFORMER', order: { id: order.id, subscriptionId: order.subscriptionId } },
    userErrors: [],
  });
});
