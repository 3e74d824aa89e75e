/**
 * What the wizard, the commerce integration and a caller without credential may read past the root fields they call.
 * Staff read every field. Everything not named here is refused to these views (platform/views.ts), and
 * test/access/reachable.test.ts compares what each view reaches with the committed docs/access.md.
 */
import { getMetadataStorage } from 'type-graphql';
import { Grant, PUBLIC_FIELDS } from './platform/auth';
import { OpenFields, View } from './platform/views';

/** What a Set up now answer, a country and a refusal show: anyone may read them. */
const EVERYONE = {
  SetupLinkInfo: ['status', 'subscriptionId', 'offerCode'],
  SupportedCountry: ['code', 'name', 'region', 'contactCenterSold'],
  UserError: ['field', 'message', 'code'],
  LoginPayload: ['token', 'staff', 'userErrors'],
  // The account that just logged in: who it is, nothing more.
  Staff: ['id', 'email', 'role'],
} as const;

/**
 * The wizard: its own session and answers, a summary of its own order, and an org shown for review (name,
 * country, region, trial state): never an org's orders, users, other customers, or an email the contact did not
 * type. The caller without credential sees the same, since provisioningStart answers with the session it started.
 */
const WIZARD = {
  ...EVERYONE,
  ProvisioningStartPayload: ['clientMutationId', 'session', 'sessionToken', 'userErrors'],
  ProvisioningStepPayload: ['clientMutationId', 'session', 'userErrors'],
  ProvisioningConfirmPayload: ['clientMutationId', 'session', 'order', 'partnerOrg', 'customerOrg', 'message', 'userErrors'],
  ProvisioningReportProblemPayload: ['clientMutationId', 'case', 'userErrors'],
  ProvisioningSession: [
    'id',
    'contactEmail',
    'status',
    'currentStep',
    'path',
    'furthestStep',
    'startedAt',
    'lastActivityAt',
    'finishedAt',
    'answers',
    'dataResidencyRegion',
    'contactCenterDataLocation',
    'order',
    'partnerOrgForReview',
    'existingCustomerOrg',
    'customerOrgChoices',
    'trialToConvert',
    'trialAdminEmail',
  ],
  ProvisioningAnswers: [
    'role',
    'performer',
    'partnerOrgUseExisting',
    'partnerAdminEmail',
    'partnerCompanyName',
    'partnerCountryCode',
    'customerAdminEmail',
    'companyName',
    'countryCode',
    'customerOrgChoice',
  ],
  Order: [
    'id',
    'subscriptionId',
    'offerCode',
    'seats',
    'status',
    'requestedStartDate',
    'provisioningContactEmail',
    'setupWindowDays',
    'windowClosesAt',
    'mappedAt',
  ],
  PartnerOrg: ['id', 'name', 'countryCode'],
  CustomerOrg: ['id', 'name', 'countryCode', 'dataResidencyRegion', 'contactCenterDataLocation', 'trialStatus', 'trialExpiresAt'],
  Case: ['id', 'kind', 'status', 'message', 'createdAt'],
} as const;

const ORG_RECORD = ['id', 'name', 'adminEmail', 'countryCode', 'version', 'createdAt', 'updatedAt'] as const;

/** The commerce integration: the orders it books and the orgs they land on, not the staff graph around them. */
const COMMERCE = {
  ...EVERYONE,
  OrderPayload: ['order', 'userErrors'],
  CustomerOrgPayload: ['customerOrg', 'userErrors'],
  // orderPreflight: kinds of membership and states, never an org (its reasons: provisioning/preflight.ts).
  OrderPreflightPayload: [
    'findings',
    'contactMembership',
    'customerAdminMembership',
    'customerAdminTrialStatus',
    'countrySold',
    'trialMatches',
    'userErrors',
  ],
  PreflightFinding: ['code', 'message', 'field', 'step'],
  Order: [
    'id',
    'subscriptionId',
    'commerceOrderNumber',
    'purchaseOrderNumber',
    'offerCode',
    'seats',
    'requestedStartDate',
    'provisioningContactEmail',
    'status',
    'language',
    'setupWindowDays',
    'setupEmailSentAt',
    'windowClosesAt',
    'mappedAt',
    'version',
    'createdAt',
    'updatedAt',
    'partnerOrg',
    'customerOrg',
    'trialCustomerOrg',
  ],
  PartnerOrg: ORG_RECORD,
  CustomerOrg: [
    ...ORG_RECORD,
    'dataResidencyRegion',
    'contactCenterDataLocation',
    'trialStatus',
    'trialAdminEmail',
    'trialStartedAt',
    'trialExpiresAt',
    'trialExpiredAt',
    'trialConvertedAt',
    'trialExtensionCount',
  ],
} as const;

/** A credential never sees less than no credential: each narrow view holds what the public one does. */
function withPublic(own: Readonly<Record<string, readonly string[]>>): Record<string, readonly string[]> {
  const merged: Record<string, readonly string[]> = { ...PUBLIC };
  for (const [type, fields] of Object.entries(own)) merged[type] = [...new Set([...(merged[type] ?? []), ...fields])];
  return merged;
}

/** The caller without credential sees what the wizard does: provisioningStart answers with the session it started. */
const PUBLIC = WIZARD;

// The wizard's view is the public one already; the commerce key's holds it beside its own.
export const OPEN_FIELDS: OpenFields = { PUBLIC, WIZARD, COMMERCE: withPublic(COMMERCE) };

const VIEW_OF_GRANT: Record<Grant, View> = { WIZARD: 'WIZARD', COMMERCE: 'COMMERCE', REP: 'STAFF', ANALYST: 'STAFF', ADMIN: 'STAFF' };
const EVERY_VIEW: readonly View[] = ['PUBLIC', 'WIZARD', 'COMMERCE', 'STAFF'];
const ALL_GRANTS = Object.keys(VIEW_OF_GRANT) as Grant[];

/**
 * The grants that may call a root field, from its @Authorized, or 'PUBLIC' for a @Public one. A field with neither
 * (test/access/every-field-has-a-rule.test.ts forbids it) is called by no one.
 */
export function rootGrants(coordinate: string): readonly Grant[] | 'PUBLIC' {
  const [operation, name] = coordinate.split('.');
  const storage = getMetadataStorage();
  const handler = (operation === 'Mutation' ? storage.mutations : storage.queries).find((h) => h.schemaName === name);
  if (!handler) return [];
  if (PUBLIC_FIELDS.has(handler.methodName)) return 'PUBLIC';
  const authorized =
    storage.authorizedFields.find((entry) => entry.target === handler.target && entry.fieldName === handler.methodName) ??
    storage.authorizedResolver.find((entry) => entry.target === handler.target);
  if (!authorized) return [];
  const grants = authorized.roles as Grant[];
  // @Authorized() with no grant admits any credential.
  return grants.length > 0 ? grants : ALL_GRANTS;
}

/** The views whose callers may call a root field. */
export function rootViews(coordinate: string): readonly View[] {
  const grants = rootGrants(coordinate);
  if (grants === 'PUBLIC') return EVERY_VIEW;
  return [...new Set(grants.map((grant) => VIEW_OF_GRANT[grant]))];
}
