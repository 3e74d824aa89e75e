/** Scenario helpers: book orders, open their links and walk the wizard through the public API, as a frontend would. */
import type { Harness, RequestOptions } from './harness';

export const USER_ERRORS = 'userErrors { field message code }';
export const SESSION_FIELDS = `id status currentStep furthestStep dataResidencyRegion contactCenterDataLocation
  answers { role performer partnerOrgUseExisting partnerAdminEmail partnerCompanyName customerAdminEmail companyName countryCode customerOrgChoice }`;

let sequence = 0;

export interface OrderOverrides {
  subscriptionId?: string;
  offerCode?: string;
  seats?: number;
  requestedStartDate?: string;
  provisioningContactEmail?: string;
  trialCustomerOrgId?: string;
}

/** Submits an order due today through the API; returns it with the token of its Set up now link. */
export async function bookOrder(h: Harness, overrides: OrderOverrides = {}) {
  sequence += 1;
  const input = {
    subscriptionId: `Sub-${process.pid}-${sequence}`,
    commerceOrderNumber: `CCW-${1000 + sequence}`,
    offerCode: 'WXCC-STD',
    seats: 25,
    requestedStartDate: h.clock.now().toISOString().slice(0, 10),
    provisioningContactEmail: `contact${sequence}@partner${sequence}.example`,
    ...overrides,
  };
  const result = await h.gql(
    `mutation ($input: OrderSubmitInput!) { orderSubmit(input: $input) { order { id subscriptionId status provisioningContactEmail } ${USER_ERRORS} } }`,
    { input },
    { token: h.commerceKey },
  );
  const payload = result.data?.orderSubmit;
  if (!payload?.order) throw new Error(`orderSubmit failed: ${JSON.stringify(result)}`);
  await h.deliverMail();
  const email = h.setupEmails.filter((mail) => mail.subscriptionId === input.subscriptionId).pop();
  return {
    order: payload.order as { id: string; subscriptionId: string; status: string; provisioningContactEmail: string },
    linkToken: email?.token,
  };
}

/** A wizard session opened from a link: each method is one wizard mutation with the session token. */
export class WizardClient {
  constructor(
    private readonly h: Harness,
    readonly sessionToken: string,
    readonly sessionId: string,
    private readonly options: RequestOptions = {},
  ) {}

  static async open(h: Harness, linkToken: string, options: RequestOptions = {}): Promise<WizardClient> {
    const result = await h.gql(
      `mutation ($token: String!) { provisioningStart(input: { token: $token }) { sessionToken session { id } ${USER_ERRORS} } }`,
      { token: linkToken },
      options,
    );
    const payload = result.data?.provisioningStart;
    if (!payload?.sessionToken) throw new Error(`provisioningStart failed: ${JSON.stringify(result)}`);
    return new WizardClient(h, payload.sessionToken, payload.session.id, options);
  }

  /** Calls provisioning<Name>(input) and returns its payload (session and userErrors). */
  async step(name: string, input: Record<string, unknown> = {}, selection = `session { ${SESSION_FIELDS} }`) {
    const inputType = `Provisioning${name}Input`;
    const result = await this.h.gql(
      `mutation ($input: ${inputType}!) { provisioning${name}(input: $input) { ${selection} ${USER_ERRORS} } }`,
      { input },
      { token: this.sessionToken, ...this.options },
    );
    if (result.errors) throw new Error(`provisioning${name} failed: ${JSON.stringify(result.errors)}`);
    return result.data[`provisioning${name}`];
  }

  async session() {
    const result = await this.h.gql(`{ provisioningSession { ${SESSION_FIELDS} } }`, {}, { token: this.sessionToken, ...this.options });
    return result.data?.provisioningSession;
  }

  confirm() {
    return this.step(
      'Confirm',
      {},
      `session { ${SESSION_FIELDS} } order { id status }
       partnerOrg { id name countryCode } customerOrg { id name countryCode dataResidencyRegion contactCenterDataLocation trialStatus } message`,
    );
  }
}

/**
 * The order and the orgs it was mapped to, as a representative reads them: the wizard reads neither an order's orgs
 * nor an org's admin email.
 */
export async function mappedOrder(h: Harness, orderId: string) {
  const result = await h.gql(
    `query ($id: ID!) { order(id: $id) { id status
       partnerOrg { id name adminEmail countryCode }
       customerOrg { id name adminEmail countryCode dataResidencyRegion contactCenterDataLocation trialStatus partnerOrg { id } } } }`,
    { id: orderId },
    { token: await h.staffToken('REP') },
  );
  if (result.errors || !result.data?.order) throw new Error(`order ${orderId} failed: ${JSON.stringify(result)}`);
  return result.data.order;
}

/** Walks a partner through every step with a new partner org and a new customer org, stopping before confirmation. */
export async function partnerReadyToConfirm(wizard: WizardClient, names: { partnerAdmin: string; customerAdmin: string }) {
  await wizard.step('ChooseRole', { role: 'PARTNER' });
  await wizard.step('ChooseSetupPerformer', { performer: 'SELF' });
  await wizard.step('SetPartnerOrg', {
    useExisting: false,
    adminEmail: names.partnerAdmin,
    companyName: 'Northwind Partners',
    countryCode: 'DE',
  });
  await wizard.step('SetCustomerAdmin', { adminEmail: names.customerAdmin });
  await wizard.step('SetCustomerCompany', { companyName: 'Contoso GmbH', countryCode: 'DE' });
  return wizard.step('ChooseCustomerOrg', { choice: 'NEW' });
}

/** What `setupLink` says of a token: VALID, REVOKED, EXPIRED, ... */
export async function linkStatus(h: Harness, token: string): Promise<string> {
  const result = await h.gql(`query ($token: String!) { setupLink(token: $token) { status } }`, { token });
  return result.data.setupLink.status;
}

/** Opens a link as the wizard page would: the provisioningStart payload, refusals included. */
export async function openLink(h: Harness, token: string) {
  const result = await h.gql(
    `mutation ($token: String!) { provisioningStart(input: { token: $token }) { sessionToken session { id } ${USER_ERRORS} } }`,
    { token },
  );
  if (result.errors) throw new Error(`provisioningStart failed: ${JSON.stringify(result.errors)}`);
  return result.data.provisioningStart;
}
