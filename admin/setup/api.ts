/**
 * A tiny GraphQL client for the Set up now page: POST /graphql with fetch, the page's language in
 * Accept-Language (so the server's refusals read in it), and the wizard session token as a bearer.
 * Only the public API is used; the operations are in operations.graphql, typed by `npm run codegen`.
 */
import {
  ProvisioningAbandonDocument,
  ProvisioningChooseCustomerOrgDocument,
  ProvisioningChooseRoleDocument,
  ProvisioningChooseSetupPerformerDocument,
  ProvisioningConfirmDocument,
  ProvisioningHandOverDocument,
  ProvisioningReportProblemDocument,
  ProvisioningSessionDocument,
  ProvisioningSessionEndDocument,
  ProvisioningSetCustomerAdminDocument,
  ProvisioningSetCustomerCompanyDocument,
  ProvisioningSetPartnerOrgDocument,
  ProvisioningStartDocument,
  SetupLinkDocument,
  SupportedCountriesDocument,
  type CaseKind,
  type CustomerOrgChoice,
  type CustomerOrgFieldsFragment,
  type PartnerOrgFieldsFragment,
  type ProvisioningConfirmMutation,
  type ProvisioningReportProblemMutation,
  type ProvisioningSetPartnerOrgInput,
  type ProvisioningStartMutation,
  type SessionEndFieldsFragment,
  type SessionFieldsFragment,
  type SetupLinkQuery,
  type SetupPerformer,
  type SetupRole,
  type SupportedCountriesQuery,
  type TypedDocumentString,
  type UserErrorFieldsFragment,
} from '../generated/setup';

export type { CaseKind, CustomerOrgChoice, SetupLinkStatus, SetupPerformer, SetupRole, WizardStep } from '../generated/schema';

export type Language = 'en' | 'bg';

export type UserError = UserErrorFieldsFragment;
export type SetupLinkInfo = SetupLinkQuery['setupLink'];
/** An org as the wizard may see it: for review, never its administrators or users. */
export type PartnerOrg = PartnerOrgFieldsFragment;
export type CustomerOrg = CustomerOrgFieldsFragment;
/** What the token of a session that has ended still reads: the session's own fields, never its order or orgs. */
export type SessionEnd = SessionEndFieldsFragment;
export type Session = SessionFieldsFragment;
export type SupportedCountry = SupportedCountriesQuery['supportedCountries'][number];
type StartPayload = ProvisioningStartMutation['provisioningStart'];

export interface StepPayload {
  session: Session | SessionEnd | null;
  userErrors: UserError[];
  /** The colleague the setup was handed to, as sent, when the step handed it over. */
  handedTo?: string;
}

/** The emails the contact gave (session.answers) are the only administrator emails the Done page may show. */
export type Confirmation = ProvisioningConfirmMutation['provisioningConfirm'];
export type ReportPayload = ProvisioningReportProblemMutation['provisioningReportProblem'];

/** A transport failure or a GraphQL error (not a refusal: those come back as userErrors). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
  }
}

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

  private async request<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables: TVariables): Promise<TResult> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'accept-language': this.language(),
    };
    const token = this.sessionToken();
    if (token) headers.authorization = `Bearer ${token}`;
    let body: { data?: TResult; errors?: { message: string; extensions?: { code?: string } }[] };
    try {
      const response = await fetch(this.endpoint, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query: document.toString(), variables }),
      });
      body = await response.json();
    } catch (error) {
      throw new ApiError(error instanceof Error ? error.message : String(error), 'NETWORK');
    }
    if (body.errors?.length) throw new ApiError(body.errors[0].message, body.errors[0].extensions?.code ?? null);
    if (!body.data) throw new ApiError('Empty response', null);
    return body.data;
  }

  async setupLink(token: string): Promise<SetupLinkInfo> {
    return (await this.request(SetupLinkDocument, { token })).setupLink;
  }

  async supportedCountries(): Promise<SupportedCountry[]> {
    return (await this.request(SupportedCountriesDocument, {})).supportedCountries;
  }

  async start(token: string): Promise<StartPayload> {
    return (await this.request(ProvisioningStartDocument, { input: { token } })).provisioningStart;
  }

  /** The session; once it has ended, only what its token may still read (asked again when the full read is refused). */
  async session(): Promise<Session | SessionEnd | null> {
    try {
      return (await this.request(ProvisioningSessionDocument, {})).provisioningSession;
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'SESSION_ENDED')) throw error;
      return (await this.request(ProvisioningSessionEndDocument, {})).provisioningSession;
    }
  }

  async chooseRole(role: SetupRole): Promise<StepPayload> {
    return (await this.request(ProvisioningChooseRoleDocument, { input: { role } })).provisioningChooseRole;
  }

  async chooseSetupPerformer(performer: SetupPerformer, delegateEmail: string | null): Promise<StepPayload> {
    const input = { performer, delegateEmail };
    if (performer === 'SELF')
      return (await this.request(ProvisioningChooseSetupPerformerDocument, { input })).provisioningChooseSetupPerformer;
    const payload = (await this.request(ProvisioningHandOverDocument, { input })).provisioningChooseSetupPerformer;
    return { ...payload, handedTo: delegateEmail?.trim() };
  }

  async setPartnerOrg(input: ProvisioningSetPartnerOrgInput): Promise<StepPayload> {
    return (await this.request(ProvisioningSetPartnerOrgDocument, { input })).provisioningSetPartnerOrg;
  }

  async setCustomerAdmin(adminEmail: string): Promise<StepPayload> {
    return (await this.request(ProvisioningSetCustomerAdminDocument, { input: { adminEmail } })).provisioningSetCustomerAdmin;
  }

  async setCustomerCompany(companyName: string, countryCode: string): Promise<StepPayload> {
    return (await this.request(ProvisioningSetCustomerCompanyDocument, { input: { companyName, countryCode } }))
      .provisioningSetCustomerCompany;
  }

  async chooseCustomerOrg(choice: CustomerOrgChoice): Promise<StepPayload> {
    return (await this.request(ProvisioningChooseCustomerOrgDocument, { input: { choice } })).provisioningChooseCustomerOrg;
  }

  async confirm(): Promise<Confirmation> {
    return (await this.request(ProvisioningConfirmDocument, { input: {} })).provisioningConfirm;
  }

  async abandon(): Promise<StepPayload> {
    return (await this.request(ProvisioningAbandonDocument, { input: {} })).provisioningAbandon;
  }

  async reportProblem(kind: CaseKind, message: string): Promise<ReportPayload> {
    return (await this.request(ProvisioningReportProblemDocument, { input: { kind, message } })).provisioningReportProblem;
  }
}
