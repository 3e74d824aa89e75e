/**
 * Every console resource mapped onto our API's names: which query lists it (with which filters and sortable
 * columns), which query reads one, and which mutation each business action calls. The console's resource
 * names are its own (`outbox`, `audit`, `sessions`); the API's are `outboxEmails`, `auditEvents`,
 * `provisioningSessions`. Selections are the fields the pages show.
 */
import {
  CustomerOrgLocationDocument,
  type CustomerOrgLocationQuery,
  EmailPreviewsDocument,
  StaffAccountDocument,
  SupportedCountriesDocument,
  type EmailPreviewsQuery,
  type StaffAccountQuery,
} from '../../generated/console';
import { formatters } from '../common/format';
import { i18nProvider } from '../i18n';
import { metricsApi } from './metrics';
import { byId, mutation, MutationSpec, pagedList, ResourceApi, sideEffect, wholeList } from './operations';

const PARTNER_ORG_REF = 'partnerOrg { id name }';
const ORDER_FIELDS = `id subscriptionId commerceOrderNumber purchaseOrderNumber offerCode seats requestedStartDate provisioningContactEmail
  language status setupWindowDays setupEmailSentAt windowClosesAt mappedAt createdAt updatedAt version
  ${PARTNER_ORG_REF} customerOrg { id name countryCode } trialCustomerOrg { id name trialStatus }`;
const ORDER_DETAIL = `${ORDER_FIELDS}
  links { id status recipientEmail createdAt revokedAt firstOpenedAt openCount }
  emails { id kind recipient subject status attempts nextAttemptAt lastError sentAt createdAt waitReason }
  setupEmailDeliveredAt cases { id kind status message reporterEmail createdAt resolvedAt }
  sessions { id contactEmail status currentStep furthestStep startedAt lastActivityAt finishedAt }`;
const CUSTOMER_ORG_FIELDS = `id name adminEmail countryCode dataResidencyRegion contactCenterDataLocation trialStatus trialAdminEmail
  trialStartedAt trialExpiresAt trialConvertedAt version createdAt updatedAt ${PARTNER_ORG_REF}`;
const PARTNER_ORG_FIELDS = 'id name adminEmail countryCode version createdAt updatedAt';
const PARTNER_ORG_DETAIL = `${PARTNER_ORG_FIELDS} customerOrgs { id name countryCode trialStatus }`;
const CASE_FIELDS = `id kind status message reporterEmail resolution resolvedAt createdAt version
  order { id subscriptionId status } ${PARTNER_ORG_REF} customerOrg { id name trialStatus trialExpiresAt }`;
// A case's page: the order with its setup email, the customer org with its trial (the fixes act on them), the reporter's language.
const CASE_DETAIL = `${CASE_FIELDS} reporterLanguage
  order { id subscriptionId status provisioningContactEmail setupEmailSentAt setupEmailDeliveredAt windowClosesAt version }
  customerOrg { ${CUSTOMER_ORG_FIELDS} }`;
const SESSION_FIELDS = `id contactEmail status currentStep furthestStep startedAt lastActivityAt finishedAt order { id subscriptionId }`;
const SESSION_DETAIL = `${SESSION_FIELDS} dataResidencyRegion contactCenterDataLocation events { id kind step occurredAt }`;
const EMAIL_FIELDS =
  'id kind recipient subject status attempts nextAttemptAt lastError sentAt createdAt waitReason order { id subscriptionId }';
const AUDIT_FIELDS =
  'id occurredAt actorKind actorId action entityType entityId actor { kind email name role } changes { field before after }';
// Also the fields of staffAccount (operations.graphql), by which getOne finds an account.
const STAFF_FIELDS = 'id email name role createdAt disabledAt version';
const API_KEY_FIELDS = 'id name hint createdAt revokedAt';
const WEBHOOK_FIELDS = 'id url events description enabled failingSince disabledAt createdAt updatedAt';
const WEBHOOK_ATTEMPT_FIELDS = 'id deliveryId eventId endpointId attemptedAt outcome latencyMs responseCode responseExcerpt error';
const WEBHOOK_EVENT_FIELDS = 'id type createdAt apiVersion data';

/** The API filter names of the lists that the list pages and their CSV exports (common/ExportButton.tsx) both take. */
export const FILTER_KEYS = {
  orders: [
    'status',
    'requestedStartDateFrom',
    'requestedStartDateTo',
    'partnerOrgId',
    'customerOrgId',
    'countryCode',
    'offerCode',
    'search',
  ],
  customerOrgs: ['search', 'countryCode', 'trialStatus', 'partnerOrgId', 'trialExpiresBefore'],
  cases: ['status', 'kind', 'orderId'],
} as const satisfies Record<string, readonly string[]>;

/** The console's formatters in the language it shows now. */
const consoleFormat = () => formatters(i18nProvider.getLocale());
/** A country's name as the console shows it: in the console's language. */
const shownName = (code: string) => consoleFormat().country(code);

/** The order actions: each takes the order's id and returns the order as its page shows it. */
function orderAction(field: string, extra: Partial<MutationSpec> = {}): MutationSpec {
  return {
    field,
    inputType: 'OrderActionInput',
    input: ({ id }) => ({ orderId: String(id) }),
    payload: 'order',
    selection: ORDER_DETAIL,
    ...extra,
  };
}

/** Only what the form changed is sent: the API leaves out fields as they are. */
function changed(data: Record<string, unknown>, previous: Record<string, unknown> | undefined, keys: string[]) {
  return Object.fromEntries(keys.filter((key) => data[key] !== undefined && data[key] !== previous?.[key]).map((key) => [key, data[key]]));
}

export const RESOURCES: Record<string, ResourceApi> = {
  orders: {
    getList: pagedList({
      field: 'orders',
      selection: ORDER_FIELDS,
      filter: { type: 'OrderFilter', keys: FILTER_KEYS.orders },
      sort: {
        type: 'OrderSort',
        fields: {
          requestedStartDate: 'REQUESTED_START_DATE',
          createdAt: 'CREATED_AT',
          subscriptionId: 'SUBSCRIPTION_ID',
          status: 'STATUS',
          windowClosesAt: 'WINDOW_CLOSES_AT',
        },
      },
    }),
    ...byId('order', ORDER_DETAIL),
    update: {
      cancel: mutation(orderAction('orderCancel')),
      resendSetupEmail: mutation(orderAction('orderResendSetupEmail')),
      reopen: mutation(orderAction('orderReopen')),
      changeProvisioningContact: mutation(
        orderAction('orderChangeProvisioningContact', {
          inputType: 'OrderChangeProvisioningContactInput',
          input: ({ id, data }) => ({ orderId: String(id), email: data.provisioningContactEmail }),
          formFields: { email: 'provisioningContactEmail' },
        }),
      ),
    },
  },

  customerOrgs: {
    getList: pagedList({
      field: 'customerOrgs',
      selection: CUSTOMER_ORG_FIELDS,
      filter: { type: 'CustomerOrgFilter', keys: FILTER_KEYS.customerOrgs },
    }),
    ...byId('customerOrg', CUSTOMER_ORG_FIELDS),
    create: mutation({
      field: 'customerOrgStartTrial',
      inputType: 'CustomerOrgStartTrialInput',
      input: ({ data }) => ({
        companyName: data.name,
        countryCode: data.countryCode,
        adminEmail: data.adminEmail,
        days: data.days,
        partnerOrgId: data.partnerOrgId || null,
      }),
      payload: 'customerOrg',
      selection: CUSTOMER_ORG_FIELDS,
      formFields: { companyName: 'name', countryCode: 'countryCode', adminEmail: 'adminEmail', days: 'days', partnerOrgId: 'partnerOrgId' },
    }),
    update: {
      update: mutation({
        field: 'customerOrgUpdate',
        inputType: 'CustomerOrgUpdateInput',
        input: ({ id, data, previousData }) => ({
          id: String(id),
          version: data.version,
          ...changed(data, previousData, ['name', 'countryCode', 'contactCenterDataLocation']),
          // With a new country the location shown is sent as it is: the server would otherwise apply its own rule to it.
          ...(data.countryCode !== previousData?.countryCode ? { contactCenterDataLocation: data.contactCenterDataLocation } : {}),
        }),
        payload: 'customerOrg',
        selection: CUSTOMER_ORG_FIELDS,
        formFields: { name: 'name', countryCode: 'countryCode', contactCenterDataLocation: 'contactCenterDataLocation' },
      }),
      setTrialExpiry: mutation({
        field: 'customerOrgUpdate',
        inputType: 'CustomerOrgUpdateInput',
        input: ({ id, data }) => ({ id: String(id), version: data.version, trialExpiresAt: new Date(data.trialExpiresAt).toISOString() }),
        payload: 'customerOrg',
        selection: CUSTOMER_ORG_FIELDS,
        formFields: { trialExpiresAt: 'trialExpiresAt' },
      }),
      extendTrial: mutation({
        field: 'customerOrgExtendTrial',
        inputType: 'CustomerOrgExtendTrialInput',
        input: ({ id, data }) => ({ id: String(id), days: data.days ?? null }),
        payload: 'customerOrg',
        selection: CUSTOMER_ORG_FIELDS,
        formFields: { days: 'days' },
      }),
    },
  },

  partnerOrgs: {
    getList: pagedList({
      field: 'partnerOrgs',
      selection: PARTNER_ORG_FIELDS,
      filter: { type: 'PartnerOrgFilter', keys: ['search', 'countryCode'] },
    }),
    ...byId('partnerOrg', PARTNER_ORG_DETAIL),
    update: {
      update: mutation({
        field: 'partnerOrgUpdate',
        inputType: 'PartnerOrgUpdateInput',
        input: ({ id, data, previousData }) => ({
          id: String(id),
          version: data.version,
          ...changed(data, previousData, ['name', 'countryCode']),
        }),
        payload: 'partnerOrg',
        selection: PARTNER_ORG_DETAIL,
        formFields: { name: 'name', countryCode: 'countryCode' },
      }),
    },
  },

  cases: {
    getList: pagedList({ field: 'cases', selection: CASE_FIELDS, filter: { type: 'CaseFilter', keys: FILTER_KEYS.cases } }),
    ...byId('case', CASE_DETAIL),
    update: {
      resolve: mutation({
        field: 'caseResolve',
        inputType: 'CaseResolveInput',
        input: ({ id, data }) => ({ id: String(id), resolution: data.resolution ?? '' }),
        payload: 'case',
        selection: CASE_DETAIL,
        formFields: { resolution: 'resolution' },
      }),
    },
  },

  sessions: {
    getList: pagedList({
      field: 'provisioningSessions',
      selection: SESSION_FIELDS,
      filter: { type: 'SessionFilter', keys: ['status', 'furthestStep', 'orderId'] },
      sort: { type: 'SessionSort', fields: { startedAt: 'STARTED_AT', lastActivityAt: 'LAST_ACTIVITY_AT' } },
    }),
    ...byId('provisioningSessionById', SESSION_DETAIL),
  },

  outbox: {
    getList: pagedList({ field: 'outboxEmails', selection: EMAIL_FIELDS, filter: { type: 'OutboxEmailFilter', keys: ['status', 'kind'] } }),
    update: {
      retry: mutation({
        field: 'outboxEmailRetry',
        inputType: 'OutboxEmailRetryInput',
        input: ({ id }) => ({ id: String(id) }),
        payload: 'email',
        selection: EMAIL_FIELDS,
      }),
    },
  },

  audit: {
    getList: pagedList({
      field: 'auditEvents',
      selection: AUDIT_FIELDS,
      filter: { type: 'AuditEventFilter', keys: ['entityType', 'entityId', 'actorId', 'action', 'from', 'to'] },
    }),
  },

  countries: {
    // Sorted and searched by the name the console shows (the country's name in its language), as well as the table's.
    ...wholeList(
      SupportedCountriesDocument,
      (data) => data.supportedCountries.map((country) => ({ ...country, id: country.code })),
      (country, filter) =>
        (!filter.q ||
          `${country.code} ${country.name} ${shownName(country.code)}`
            .toLocaleLowerCase(consoleFormat().locale)
            .includes(String(filter.q).toLocaleLowerCase(consoleFormat().locale))) &&
        (!filter.region || country.region === filter.region) &&
        (filter.contactCenterSold === undefined ||
          filter.contactCenterSold === '' ||
          country.contactCenterSold === filter.contactCenterSold),
      {
        value: (country, field) => (field === 'name' ? shownName(country.code) : country[field as keyof typeof country]),
        compare: (a, b) => consoleFormat().compare(a, b),
      },
    ),
    update: {
      update: mutation({
        field: 'supportedCountryUpdate',
        inputType: 'SupportedCountryUpdateInput',
        input: ({ id, data, previousData }) => ({
          code: String(id),
          version: data.version,
          ...changed(data, previousData, ['name', 'region', 'contactCenterSold']),
        }),
        payload: 'supportedCountry',
        selection: 'id: code code name region contactCenterSold version',
        formFields: { name: 'name', region: 'region', contactCenterSold: 'contactCenterSold' },
      }),
    },
  },

  staff: {
    getList: pagedList({ field: 'staffAccounts', selection: STAFF_FIELDS }),
    // Staff accounts have no query by id; there are few, so getOne looks through the first (largest) page.
    getOne: (params) => ({
      query: StaffAccountDocument,
      parseResponse: ({ data }: { data: StaffAccountQuery }) => {
        const staff = data.staffAccounts.nodes.find((account) => account.id === String(params.id));
        if (!staff) throw new Error('ra.notification.item_doesnt_exist');
        return { data: staff };
      },
    }),
    create: mutation({
      field: 'staffCreate',
      inputType: 'StaffCreateInput',
      input: ({ data }) => ({ email: data.email, name: data.name || null, role: data.role, password: data.password || null }),
      payload: 'staff',
      selection: STAFF_FIELDS,
      formFields: { email: 'email', name: 'name', role: 'role', password: 'password' },
      shownOnce: 'password',
    }),
    update: {
      update: mutation({
        field: 'staffUpdate',
        inputType: 'StaffUpdateInput',
        input: ({ id, data, previousData }) => ({
          id: String(id),
          version: data.version,
          ...changed(data, previousData, ['role']),
          // A name emptied is sent blank, so that the server's refusal says a name cannot be taken away.
          ...(data.name !== previousData?.name && (data.name || previousData?.name) ? { name: data.name ?? '' } : {}),
          ...(Boolean(data.disabled) !== Boolean(previousData?.disabledAt) ? { disabled: Boolean(data.disabled) } : {}),
        }),
        payload: 'staff',
        selection: STAFF_FIELDS,
        formFields: { name: 'name', role: 'role', disabled: 'disabled' },
      }),
    },
  },

  apiKeys: {
    getList: pagedList({ field: 'apiKeys', selection: API_KEY_FIELDS }),
    create: mutation({
      field: 'apiKeyCreate',
      inputType: 'ApiKeyCreateInput',
      input: ({ data }) => ({ name: data.name }),
      payload: 'apiKey',
      selection: API_KEY_FIELDS,
      formFields: { name: 'name' },
      shownOnce: 'key',
    }),
    update: {
      revoke: mutation({
        field: 'apiKeyRevoke',
        inputType: 'ApiKeyRevokeInput',
        input: ({ id }) => ({ id: String(id) }),
        payload: 'apiKey',
        selection: API_KEY_FIELDS,
      }),
    },
  },

  webhooks: {
    getList: pagedList({ field: 'webhookEndpoints', selection: WEBHOOK_FIELDS }),
    ...byId('webhookEndpoint', WEBHOOK_FIELDS),
    create: mutation({
      field: 'webhookEndpointCreate',
      inputType: 'WebhookEndpointCreateInput',
      input: ({ data }) => ({ url: data.url, events: data.events, description: data.description }),
      payload: 'webhookEndpoint',
      selection: WEBHOOK_FIELDS,
      formFields: { url: 'url', events: 'events', description: 'description' },
      shownOnce: 'secret',
    }),
    update: {
      update: mutation({
        field: 'webhookEndpointUpdate',
        inputType: 'WebhookEndpointUpdateInput',
        input: ({ id, data, previousData }) => ({ id: String(id), ...changed(data, previousData, ['url', 'events', 'description']) }),
        payload: 'webhookEndpoint',
        selection: WEBHOOK_FIELDS,
        formFields: { url: 'url', events: 'events', description: 'description' },
      }),
      enable: mutation({
        field: 'webhookEndpointUpdate',
        inputType: 'WebhookEndpointUpdateInput',
        input: ({ id }) => ({ id: String(id), enabled: true }),
        payload: 'webhookEndpoint',
        selection: WEBHOOK_FIELDS,
      }),
      disable: mutation({
        field: 'webhookEndpointDisable',
        inputType: 'WebhookEndpointIdInput',
        input: ({ id }) => ({ id: String(id) }),
        payload: 'webhookEndpoint',
        selection: WEBHOOK_FIELDS,
      }),
      rotateSecret: mutation({
        field: 'webhookEndpointRotateSecret',
        inputType: 'WebhookEndpointIdInput',
        input: ({ id }) => ({ id: String(id) }),
        payload: 'webhookEndpoint',
        selection: WEBHOOK_FIELDS,
        shownOnce: 'secret',
      }),
      // Queues the range's events again; the endpoint itself is unchanged, so the page keeps the record it has.
      resendRange: sideEffect({
        field: 'webhookEventsResend',
        inputType: 'WebhookEventsResendInput',
        input: ({ id, data }) => ({ endpointId: String(id), from: data.from, to: data.to }),
        selection: 'queued',
        formFields: { from: 'from', to: 'to' },
      }),
    },
  },

  // The delivery log of an endpoint (getManyReference by endpointId); an attempt's event is sent again from its row.
  webhookDeliveries: {
    getList: pagedList({
      field: 'webhookDeliveries',
      selection: WEBHOOK_ATTEMPT_FIELDS,
      filter: { type: 'WebhookDeliveryFilter', keys: ['endpointId', 'eventId'] },
    }),
    update: {
      resend: sideEffect({
        field: 'webhookEventResend',
        inputType: 'WebhookEventResendInput',
        input: ({ previousData }) => ({ eventId: previousData.eventId, endpointId: previousData.endpointId }),
        selection: 'event { id }',
      }),
    },
  },

  // What the commerce integration was told of an order (getManyReference by orderId), for administrators.
  webhookEvents: {
    getList: pagedList({
      field: 'webhookEvents',
      selection: WEBHOOK_EVENT_FIELDS,
      filter: { type: 'WebhookEventFilter', keys: ['orderId'] },
    }),
  },

  // Where a customer org's data would be with another country, as the server decides: id `<org id>:<country code>`.
  customerOrgLocations: {
    getOne: (params) => {
      const [id, countryCode] = String(params.id).split(':');
      return {
        query: CustomerOrgLocationDocument,
        variables: { id, countryCode },
        parseResponse: ({ data }: { data: CustomerOrgLocationQuery }) => ({
          data: {
            id: params.id,
            ...(data.customerOrg?.locationIfCountry ?? { dataResidencyRegion: null, contactCenterDataLocation: null }),
          },
        }),
      };
    },
  },

  // One kind of email (the filter's, the Set up now email by default) in English and in Bulgarian: a record each.
  emailPreviews: {
    getList: (params) => ({
      query: EmailPreviewsDocument,
      variables: { kind: params.filter?.kind ?? 'SETUP_LINK' },
      parseResponse: ({ data }: { data: EmailPreviewsQuery }) => {
        const previews = [data.en, data.bg].map((preview) => ({ ...preview, id: `${preview.kind}-${preview.language}` }));
        return { data: previews, total: previews.length };
      },
    }),
  },

  ...metricsApi,
};
