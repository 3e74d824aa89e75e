/**
 * A tiny GraphQL client for the Set up now page: POST /graphql with fetch, the page's language in
 * Accept-Language (so the server's refusals read in it), and the wizard session token as a bearer.
 * Only the public API is used; each operation below is typed after schema/schema.graphql.
 */

export type Language = 'en' | 'bg';

export type LinkStatus = 'VALID' | 'INVALID' | 'REVOKED' | 'EXPIRED' | 'ALREADY_MAPPED' | 'CLOSED';
export type WizardStep =
  'ROLE' | 'SETUP_PERFORMER' | 'PARTNER_ORG' | 'CUSTOMER_ADMIN' | 'CUSTOMER_COMPANY' | 'CUSTOMER_ORG' | 'CONFIRM' | 'DONE';
export type SessionStatus = 'ACTIVE' | 'COMPLETED' | 'ABANDONED' | 'EXPIRED' | 'DELEGATED' | 'SUPERSEDED';
export type SetupRole = 'PARTNER' | 'CUSTOMER';
export type SetupPerformer = 'SELF' | 'OTHER';
export type CustomerOrgChoice = 'NEW' | 'EXISTING';
export type CaseKind = 'PARTNER_ORG_INCORRECT' | 'CUSTOMER_ORG_INCORRECT' | 'TRIAL_EXPIRED' | 'OTHER';
export type TrialStatus = 'NONE' | 'ACTIVE' | 'EXPIRED' | 'CONVERTED';

export interface UserError {
  field: string[] | null;
  message: string;
  code: string;
}

export interface SetupLinkInfo {
  status: LinkStatus;
  subscriptionId: string | null;
  offerCode: string | null;
}

/** An org as the wizard may see it: for review, never its administrators or users. */
export interface PartnerOrg {
  name: string;
  countryCode: string | null;
}

export interface CustomerOrg {
  name: string;
  countryCode: string | null;
  dataResidencyRegion: string | null;
  contactCenterDataLocation: string | null;
  trialStatus: TrialStatus;
  trialExpiresAt: string | null;
}

export interface Answers {
  role: SetupRole | null;
  performer: SetupPerformer | null;
  partnerOrgUseExisting: boolean | null;
  partnerAdminEmail: string | null;
  partnerCompanyName: string | null;
  customerAdminEmail: string | null;
  companyName: string | null;
  countryCode: string | null;
  customerOrgChoice: CustomerOrgChoice | null;
}

/** What the token of a session that has ended still reads: the session's own fields, never its order or orgs. */
export interface SessionEnd {
  id: string;
  status: SessionStatus;
  currentStep: WizardStep;
}

export interface Session extends SessionEnd {
  contactEmail: string;
  dataResidencyRegion: string | null;
  contactCenterDataLocation: string | null;
  answers: Answers;
  order: { subscriptionId: string; offerCode: string; seats: number; provisioningContactEmail: string };
  partnerOrgForReview: PartnerOrg | null;
  existingCustomerOrg: CustomerOrg | null;
}

export interface SupportedCountry {
  code: string;
  name: string;
  region: string;
  contactCenterSold: boolean;
}

export interface StepPayload {
  session: Session | SessionEnd | null;
  userErrors: UserError[];
  /** The colleague the setup was handed to, as sent, when the step handed it over. */
  handedTo?: string;
}

export interface Confirmation {
  userErrors: UserError[];
  /** The emails the contact gave: the only administrator emails the Done page may show. */
  session: { contactEmail: string; answers: Pick<Answers, 'partnerAdminEmail' | 'customerAdminEmail'> } | null;
  message: string | null;
  partnerOrg: PartnerOrg | null;
  customerOrg: CustomerOrg | null;
}

export interface ReportPayload {
  case: { id: string; kind: CaseKind; status: string } | null;
  userErrors: UserError[];
}

/** A transport failure or a GraphQL error (not a refusal: those come back as userErrors). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
  }
}

const USER_ERRORS = 'userErrors { field message code }';
const ORG_FIELDS = 'name countryCode';
const SESSION_END_FIELDS = 'id status currentStep';
const SESSION_FIELDS = `
  ${SESSION_END_FIELDS} contactEmail dataResidencyRegion contactCenterDataLocation
  answers { role performer partnerOrgUseExisting partnerAdminEmail partnerCompanyName customerAdminEmail companyName countryCode customerOrgChoice }
  order { subscriptionId offerCode seats provisioningContactEmail }
  partnerOrgForReview { ${ORG_FIELDS} }
  existingCustomerOrg { ${ORG_FIELDS} dataResidencyRegion contactCenterDataLocation trialStatus trialExpiresAt }`;
const STEP = `session { ${SESSION_FIELDS} } ${USER_ERRORS}`;
/** For a step that ends the session: its token may not read the order or orgs of the session it ended. */
const ENDING_STEP = `session { ${SESSION_END_FIELDS} } ${USER_ERRORS}`;

/** A session that is under way, as opposed to what is left of one that ended. */
export function isActive(session: Session | SessionEnd | null): session is Session {
  return session?.status === 'ACTIVE';
}

/** The wizard's operations, for one page language and (once started) one session token. */
export class SetupApi {
  constructor(
    private readonly endpoint: string,
    private readonly language: () => Language,
    private readonly sessionToken: () => string | null,
  ) {}

  private async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'accept-language': this.language(),
    };
    const token = this.sessionToken();
    if (token) headers.authorization = `Bearer ${token}`;
    let body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    try {
      const response = await fetch(this.endpoint, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      body = await response.json();
    } catch (error) {
      throw new ApiError(error instanceof Error ? error.message : String(error), 'NETWORK');
    }
    if (body.errors?.length) throw new ApiError(body.errors[0].message, body.errors[0].extensions?.code ?? null);
    if (!body.data) throw new ApiError('Empty response', null);
    return body.data;
  }

  private async mutate<T>(name: string, inputType: string, input: Record<string, unknown>, selection: string): Promise<T> {
    const data = await this.request<Record<string, T>>(`mutation ($input: ${inputType}!) { ${name}(input: $input) { ${selection} } }`, {
      input,
    });
    return data[name];
  }

  async setupLink(token: string): Promise<SetupLinkInfo> {
    const data = await this.request<{ setupLink: SetupLinkInfo }>(
      'query ($token: String!) { setupLink(token: $token) { status subscriptionId offerCode } }',
      { token },
    );
    return data.setupLink;
  }

  async supportedCountries(): Promise<SupportedCountry[]> {
    const data = await this.request<{ supportedCountries: SupportedCountry[] }>(
      '{ supportedCountries { code name region contactCenterSold } }',
    );
    return data.supportedCountries;
  }

  start(token: string): Promise<{ session: Session | null; sessionToken: string | null; userErrors: UserError[] }> {
    return this.mutate('provisioningStart', 'ProvisioningStartInput', { token }, `sessionToken ${STEP}`);
  }

  /** The session; once it has ended, only what its token may still read (asked again when the full read is refused). */
  async session(): Promise<Session | SessionEnd | null> {
    try {
      const data = await this.request<{ provisioningSession: Session | null }>(`{ provisioningSession { ${SESSION_FIELDS} } }`);
      return data.provisioningSession;
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'SESSION_ENDED')) throw error;
      const data = await this.request<{ provisioningSession: SessionEnd | null }>(`{ provisioningSession { ${SESSION_END_FIELDS} } }`);
      return data.provisioningSession;
    }
  }

  chooseRole(role: SetupRole): Promise<StepPayload> {
    return this.mutate('provisioningChooseRole', 'ProvisioningChooseRoleInput', { role }, STEP);
  }

  async chooseSetupPerformer(performer: SetupPerformer, delegateEmail: string | null): Promise<StepPayload> {
    const input = { performer, delegateEmail };
    if (performer === 'SELF') return this.mutate('provisioningChooseSetupPerformer', 'ProvisioningChooseSetupPerformerInput', input, STEP);
    const payload = await this.mutate<StepPayload>(
      'provisioningChooseSetupPerformer',
      'ProvisioningChooseSetupPerformerInput',
      input,
      ENDING_STEP,
    );
    return { ...payload, handedTo: delegateEmail?.trim() };
  }

  setPartnerOrg(input: { useExisting: boolean; adminEmail?: string; companyName?: string }): Promise<StepPayload> {
    return this.mutate('provisioningSetPartnerOrg', 'ProvisioningSetPartnerOrgInput', input, STEP);
  }

  setCustomerAdmin(adminEmail: string): Promise<StepPayload> {
    return this.mutate('provisioningSetCustomerAdmin', 'ProvisioningSetCustomerAdminInput', { adminEmail }, STEP);
  }

  setCustomerCompany(companyName: string, countryCode: string): Promise<StepPayload> {
    return this.mutate('provisioningSetCustomerCompany', 'ProvisioningSetCustomerCompanyInput', { companyName, countryCode }, STEP);
  }

  chooseCustomerOrg(choice: CustomerOrgChoice): Promise<StepPayload> {
    return this.mutate('provisioningChooseCustomerOrg', 'ProvisioningChooseCustomerOrgInput', { choice }, STEP);
  }

  confirm(): Promise<Confirmation> {
    return this.mutate(
      'provisioningConfirm',
      'ProvisioningConfirmInput',
      {},
      `${USER_ERRORS} message session { contactEmail answers { partnerAdminEmail customerAdminEmail } } partnerOrg { ${ORG_FIELDS} }
       customerOrg { ${ORG_FIELDS} dataResidencyRegion contactCenterDataLocation trialStatus trialExpiresAt }`,
    );
  }

  abandon(): Promise<StepPayload> {
    return this.mutate('provisioningAbandon', 'ProvisioningAbandonInput', {}, ENDING_STEP);
  }

  reportProblem(kind: CaseKind, message: string): Promise<ReportPayload> {
    return this.mutate(
      'provisioningReportProblem',
      'ProvisioningReportProblemInput',
      { kind, message },
      `case { id kind status } ${USER_ERRORS}`,
    );
  }
}
