/**
 * One complete wizard pass through the public GraphQL API, as a frontend would make it: open the
 * link, then seven mutations with the session token (a partner who sets up themselves, with a new
 * partner org and a new customer org in Germany). Each request asks for the fields a wizard page
 * shows next; none of them needs a field resolver that goes to the database.
 */
import type { GraphQLClient, GraphQLResponse, SeededOrder } from './env';

export const STEPS = [
  'Start',
  'ChooseRole',
  'ChooseSetupPerformer',
  'SetPartnerOrg',
  'SetCustomerAdmin',
  'SetCustomerCompany',
  'ChooseCustomerOrg',
  'Confirm',
] as const;
export type StepName = (typeof STEPS)[number];

const USER_ERRORS = 'userErrors { field message code }';
const SESSION = 'session { id status currentStep furthestStep }';

const DOCUMENTS: Record<StepName, string> = {
  Start: `mutation ($input: ProvisioningStartInput!) { provisioningStart(input: $input) { sessionToken ${SESSION} ${USER_ERRORS} } }`,
  ChooseRole: step('ChooseRole'),
  ChooseSetupPerformer: step('ChooseSetupPerformer'),
  SetPartnerOrg: step('SetPartnerOrg'),
  SetCustomerAdmin: step('SetCustomerAdmin'),
  SetCustomerCompany: step('SetCustomerCompany'),
  ChooseCustomerOrg: step('ChooseCustomerOrg'),
  Confirm: `mutation ($input: ProvisioningConfirmInput!) { provisioningConfirm(input: $input) {
    ${SESSION} order { id status } partnerOrg { id name } customerOrg { id name dataResidencyRegion } message ${USER_ERRORS} } }`,
};

function step(name: string): string {
  return `mutation ($input: Provisioning${name}Input!) { provisioning${name}(input: $input) { ${SESSION} ${USER_ERRORS} } }`;
}

function inputOf(name: StepName, order: SeededOrder): Record<string, unknown> {
  switch (name) {
    case 'Start':
      return { token: order.linkToken };
    case 'ChooseRole':
      return { role: 'PARTNER' };
    case 'ChooseSetupPerformer':
      return { performer: 'SELF' };
    case 'SetPartnerOrg':
      return { useExisting: false, adminEmail: order.partnerAdminEmail, companyName: 'Northwind Partners', countryCode: 'DE' };
    case 'SetCustomerAdmin':
      return { adminEmail: order.customerAdminEmail };
    case 'SetCustomerCompany':
      return { companyName: 'Contoso GmbH', countryCode: 'DE' };
    case 'ChooseCustomerOrg':
      return { choice: 'NEW' };
    case 'Confirm':
      return {};
  }
}

/** Hooks around each step: `before` to mark a statement capture, `timed` with the step's latency. */
export interface PassHooks {
  before?: (step: StepName) => Promise<void>;
  timed?: (step: StepName, ms: number) => void;
}

/** The body of a step's request: its document and input for this order. */
export function stepBody(name: StepName, order: SeededOrder): string {
  return JSON.stringify({ query: DOCUMENTS[name], variables: { input: inputOf(name, order) } });
}

/** Runs the eight requests of one pass; throws on a GraphQL error or on any userErrors. */
export async function apiPass(client: GraphQLClient, order: SeededOrder, hooks: PassHooks = {}): Promise<void> {
  let token: string | undefined;
  for (const name of STEPS) {
    await hooks.before?.(name);
    const body = stepBody(name, order);
    const started = performance.now();
    const response = await client.post(body, token);
    hooks.timed?.(name, performance.now() - started);
    const payload = payloadOf(name, response);
    if (name === 'Start') token = payload.sessionToken;
    if (name === 'Confirm' && (payload.session?.status !== 'COMPLETED' || payload.order?.status !== 'MAPPED')) {
      throw new Error(`Confirm did not map the order: ${JSON.stringify(payload)}`);
    }
  }
}

/** The step's payload; throws on a GraphQL error or on any userErrors. */
export function payloadOf(name: StepName, response: GraphQLResponse): Record<string, any> {
  const field = name === 'Start' ? 'provisioningStart' : `provisioning${name}`;
  const payload = response.data?.[field];
  if (response.errors || !payload) throw new Error(`${field}: ${JSON.stringify(response.errors ?? response)}`);
  if (payload.userErrors.length > 0) throw new Error(`${field} refused: ${JSON.stringify(payload.userErrors)}`);
  return payload;
}
