/**
 * The API's enums as react-admin choices: the value is the id, the label a message key
 * (`console.enum.<Type>.<VALUE>`) that SelectField and SelectInput translate.
 */
import {
  CaseKind,
  CaseStatus,
  EmailKind,
  EmailStatus,
  FunnelStageName,
  Language,
  MetricGrouping,
  OrderStatus,
  SessionEventKind,
  SessionStatus,
  SetupLinkStatus,
  StaffRole,
  TrialStatus,
  WizardStep,
} from '../../generated/schema';

export const ENUMS = {
  OrderStatus: Object.values(OrderStatus),
  SetupLinkStatus: Object.values(SetupLinkStatus),
  SessionStatus: Object.values(SessionStatus),
  WizardStep: Object.values(WizardStep),
  SessionEventKind: Object.values(SessionEventKind),
  EmailKind: Object.values(EmailKind),
  EmailStatus: Object.values(EmailStatus),
  CaseKind: Object.values(CaseKind),
  CaseStatus: Object.values(CaseStatus),
  TrialStatus: Object.values(TrialStatus),
  StaffRole: Object.values(StaffRole),
  // The schema types these three as String, so their values are listed here.
  Region: ['us1', 'ca1', 'eu1', 'eu2', 'anz1', 'jp1', 'sg1', 'in1'],
  AuditEntityType: ['Order', 'CustomerOrg', 'PartnerOrg', 'Case', 'SupportedCountry', 'Staff', 'ApiKey', 'OutboxEmail'],
  ActorKind: ['STAFF', 'API_KEY', 'WIZARD', 'SYSTEM'],
  MetricGrouping: Object.values(MetricGrouping),
  FunnelStage: Object.values(FunnelStageName),
  Language: Object.values(Language),
} as const;

export type EnumName = keyof typeof ENUMS;

/** A label for every value of every enum: i18n/index.ts holds each language's labels to it. */
export type EnumLabels = { [Name in EnumName]: Record<(typeof ENUMS)[Name][number], string> };

function enumLabel(name: EnumName, value: string): string {
  return `console.enum.${name}.${value}`;
}

export function choices(name: EnumName): { id: string; name: string }[] {
  return ENUMS[name].map((value) => ({ id: value, name: enumLabel(name, value) }));
}
