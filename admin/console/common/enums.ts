/**
 * The API's enums as react-admin choices: the value is the id, the label a message key
 * (`console.enum.<Type>.<VALUE>`) that SelectField and SelectInput translate.
 */
export const ENUMS = {
  OrderStatus: ['BOOKED', 'AWAITING_PROVISIONING_DETAILS', 'MAPPED', 'CLOSED', 'CANCELLED'],
  SetupLinkStatus: ['VALID', 'INVALID', 'REVOKED', 'EXPIRED', 'ALREADY_MAPPED', 'CLOSED'],
  SessionStatus: ['ACTIVE', 'COMPLETED', 'ABANDONED', 'EXPIRED', 'DELEGATED', 'SUPERSEDED'],
  WizardStep: ['ROLE', 'SETUP_PERFORMER', 'PARTNER_ORG', 'CUSTOMER_ADMIN', 'CUSTOMER_COMPANY', 'CUSTOMER_ORG', 'CONFIRM', 'DONE'],
  SessionEventKind: ['STARTED', 'STEP_ANSWERED', 'COMPLETED', 'ABANDONED', 'EXPIRED', 'DELEGATED', 'SUPERSEDED'],
  EmailKind: ['SETUP_LINK', 'DELEGATED_SETUP_LINK', 'WELCOME'],
  EmailStatus: ['PENDING', 'SENT'],
  CaseKind: ['PARTNER_ORG_INCORRECT', 'CUSTOMER_ORG_INCORRECT', 'TRIAL_EXPIRED', 'OTHER'],
  CaseStatus: ['OPEN', 'RESOLVED'],
  TrialStatus: ['NONE', 'ACTIVE', 'EXPIRED', 'CONVERTED'],
  StaffRole: ['REP', 'ANALYST', 'ADMIN'],
  Region: ['us1', 'ca1', 'eu1', 'eu2', 'anz1', 'jp1', 'sg1', 'in1'],
  AuditEntityType: ['Order', 'CustomerOrg', 'PartnerOrg', 'Case', 'SupportedCountry', 'Staff', 'ApiKey', 'OutboxEmail'],
  ActorKind: ['STAFF', 'API_KEY', 'WIZARD', 'SYSTEM'],
  MetricGrouping: ['WEEK', 'MONTH', 'COUNTRY', 'REGION', 'OFFER', 'PARTNER_ORG'],
  FunnelStage: [
    'ORDERS_BOOKED',
    'SETUP_EMAILS_SENT',
    'LINKS_OPENED',
    'ROLE',
    'SETUP_PERFORMER',
    'PARTNER_ORG',
    'CUSTOMER_ADMIN',
    'CUSTOMER_COMPANY',
    'CUSTOMER_ORG',
    'CONFIRM',
    'ORDERS_MAPPED',
  ],
} as const;

export type EnumName = keyof typeof ENUMS;

function enumLabel(name: EnumName, value: string): string {
  return `console.enum.${name}.${value}`;
}

export function choices(name: EnumName): { id: string; name: string }[] {
  return ENUMS[name].map((value) => ({ id: value, name: enumLabel(name, value) }));
}
