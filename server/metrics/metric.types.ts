/** What the metric queries answer. The definitions analysts rely on are in these descriptions, and in docs/metrics.md. */
import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CaseKind } from '../cases/case.entity';
import { DateScalar } from '../platform/scalars';
import { WizardStep } from '../provisioning/steps';
import { FUNNEL_STEPS, type FunnelStep } from './rollups';

/**
 * The answers' types read their fields straight off the service's objects: no field is guarded or computed, and a
 * resolver per field (type-graphql's default, for middleware) would be called for each of thousands of list items.
 */
const PLAIN = { simpleResolvers: true } as const;

export enum MetricGrouping {
  WEEK = 'WEEK',
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  COUNTRY = 'COUNTRY',
  REGION = 'REGION',
  OFFER = 'OFFER',
  PARTNER_ORG = 'PARTNER_ORG',
}
registerEnumType(MetricGrouping, {
  name: 'MetricGrouping',
  description:
    'How a metric is split. An order counts under the country, region and partner org of the customer org it was mapped to ' +
    '(before mapping, of the trial org it must land on) and under its offer; a trial under its org and the offer of the order ' +
    'that converted it; a case under its order. What is not known yet counts under the group UNKNOWN. A dimension answers ' +
    "its `top` groups by the metric's headline count, then the group OTHERS holding the rest.",
  valuesConfig: {
    WEEK: { description: 'ISO weeks, Monday to Sunday (UTC); every week of the range appears, empty ones with zeros.' },
    MONTH: { description: 'Calendar months (UTC); every month of the range appears, empty ones with zeros.' },
    QUARTER: { description: 'Calendar quarters (UTC), January to March first; every quarter of the range appears, empty ones with zeros.' },
    COUNTRY: { description: 'Country of operation of the customer org.' },
    REGION: { description: 'Data residency region of the customer org.' },
    OFFER: { description: 'Offer code of the order.' },
    PARTNER_ORG: { description: 'The partner org.' },
  },
});

@InputType({ description: 'Calendar days, UTC, both ends included, from 2000-01-01 to 2100-12-31; a range spans at most 5 years.' })
export class MetricRange {
  @Field(() => DateScalar, { description: 'The first day, YYYY-MM-DD (UTC).' })
  from: Date;

  @Field(() => DateScalar, { description: 'The last day, YYYY-MM-DD (UTC), included.' })
  to: Date;
}

@ObjectType({
  ...PLAIN,
  description: 'One group of a metric: a week, a month, a quarter, a country, a region, an offer, a partner org, or the rest of them.',
})
export class MetricGroup {
  @Field({
    description:
      'Week: its Monday (YYYY-MM-DD); month: YYYY-MM; quarter: YYYY-Q1 to YYYY-Q4; country: its code; region: its code; ' +
      'partner org: its id; UNKNOWN; or OTHERS, the groups past `top` taken together.',
  })
  key: string;

  @Field({
    description:
      'For people: 2026-W48, 2026-11, 2026-Q4, the country or partner org name, the region name; OTHERS: "All others" in the ' +
      "caller's language (Accept-Language).",
  })
  label: string;
}

/** The stages of the onboarding funnel, in order: the order's first three, each wizard step but DONE, the mapping. */
export const FunnelStageName = {
  ORDERS_BOOKED: 'ORDERS_BOOKED',
  SETUP_EMAILS_SENT: 'SETUP_EMAILS_SENT',
  LINKS_OPENED: 'LINKS_OPENED',
  ...(Object.fromEntries(FUNNEL_STEPS.map((step) => [step, step])) as { [S in FunnelStep]: S }),
  ORDERS_MAPPED: 'ORDERS_MAPPED',
} as const;
export type FunnelStageName = (typeof FunnelStageName)[keyof typeof FunnelStageName];
registerEnumType(FunnelStageName, {
  name: 'FunnelStageName',
  description:
    'Stages of the onboarding funnel, in order. A wizard step counts as reached when a session got to it or beyond ' +
    '(a customer, who skips steps 2 and 3, passes them).',
  valuesConfig: {
    ORDERS_BOOKED: { description: 'Orders submitted.' },
    SETUP_EMAILS_SENT: { description: 'Of those, orders whose Set up now email went out.' },
    LINKS_OPENED: { description: 'Of those, orders one of whose links was opened.' },
    ...Object.fromEntries(FUNNEL_STEPS.map((step) => [step, { description: `Of those, orders whose wizard reached the ${step} step.` }])),
    [WizardStep.CONFIRM]: { description: 'Every answer given; the session awaited confirmation.' },
    ORDERS_MAPPED: { description: 'Orders mapped to a partner org and a customer org.' },
  },
});

@ObjectType({ ...PLAIN, description: 'One stage of the funnel for one group.' })
export class FunnelStage {
  @Field(() => FunnelStageName, { description: 'Which stage.' })
  stage: FunnelStageName;

  @Field(() => Int, { description: 'Orders at this stage or beyond.' })
  orders: number;

  @Field(() => Int, { nullable: true, description: 'For a wizard step: the sessions that reached it (an order may have several).' })
  sessions: number | null;

  @Field(() => Float, { nullable: true, description: "This stage's orders over the previous stage's; null when the previous has none." })
  rateFromPrevious: number | null;
}

@ObjectType({
  ...PLAIN,
  description: "The reminders before the setup window closes, of a funnel group's orders: a side path of the funnel, not a stage.",
})
export class FunnelReminders {
  @Field(() => Int, { description: 'Orders sent at least one reminder.' })
  ordersReminded: number;

  @Field(() => Int, { description: 'Reminder emails sent to those orders, all told.' })
  remindersSent: number;

  @Field(() => Int, { description: 'Orders mapped after their first reminder.' })
  ordersMappedAfterReminder: number;

  @Field(() => Float, { nullable: true, description: 'ordersMappedAfterReminder over ordersReminded; null when none was reminded.' })
  mappedRate: number | null;
}

@ObjectType({ ...PLAIN, description: 'The orders booked on the days of the range, and how far each got by now.' })
export class FunnelGroup {
  @Field(() => MetricGroup, { description: 'Which group.' })
  group: MetricGroup;

  @Field(() => [FunnelStage], { description: 'The stages, in funnel order, from ORDERS_BOOKED to ORDERS_MAPPED.' })
  stages: FunnelStage[];

  @Field(() => FunnelReminders, { description: 'The reminders these orders were sent, and how many were mapped after one.' })
  reminders: FunnelReminders;
}

@ObjectType({ ...PLAIN, description: 'Sessions that ended at one wizard step.' })
export class StepSessions {
  @Field(() => WizardStep, { description: 'The furthest step the session reached.' })
  step: WizardStep;

  @Field(() => Int, { description: 'How many sessions ended there.' })
  sessions: number;
}

@ObjectType({
  ...PLAIN,
  description: 'Sessions that ended ABANDONED or EXPIRED on the days of the range, by the furthest step each reached.',
})
export class DropOffGroup {
  @Field(() => MetricGroup, { description: 'Which group.' })
  group: MetricGroup;

  @Field(() => [StepSessions], { description: 'Left explicitly; one entry per step, ROLE to CONFIRM.' })
  abandoned: StepSessions[];

  @Field(() => [StepSessions], { description: 'Ended after 60 idle minutes; one entry per step, ROLE to CONFIRM.' })
  expired: StepSessions[];

  @Field(() => Int, { description: 'Sessions abandoned, all steps together.' })
  totalAbandoned: number;

  @Field(() => Int, { description: 'Sessions expired, all steps together.' })
  totalExpired: number;
}

@ObjectType({
  ...PLAIN,
  description:
    'Percentiles of durations counted in buckets 5% wide: a bucket is named by its upper bound, 60 s × 1.05^k rounded up ' +
    'to a whole second. A percentile is the upper bound of the bucket holding it (the nearest-rank method, as percentile_disc): ' +
    'at most 5% above the exact duration.',
})
export class DurationStats {
  @Field(() => Int, { description: 'How many orders were measured.' })
  orders: number;

  @Field(() => Int, { nullable: true, description: 'The median, in seconds; null when no order was measured.' })
  medianSeconds: number | null;

  @Field(() => Int, { nullable: true, description: 'The 90th percentile, in seconds; null when no order was measured.' })
  p90Seconds: number | null;
}

@ObjectType({ ...PLAIN, description: 'Orders mapped on the days of the range, and how long they took.' })
export class DurationGroup {
  @Field(() => MetricGroup, { description: 'Which group.' })
  group: MetricGroup;

  @Field(() => DurationStats, { description: 'From when the latest Set up now email went out to the mapping.' })
  emailToMapping: DurationStats;

  @Field(() => DurationStats, { description: 'From the first opening of any of the order’s links to the mapping.' })
  firstOpeningToMapping: DurationStats;
}

@ObjectType({ ...PLAIN, description: 'Trials started on the days of the range, and what became of them by now.' })
export class TrialGroup {
  @Field(() => MetricGroup, { description: 'Which group.' })
  group: MetricGroup;

  @Field(() => Int, { description: 'Trials started on the days of the range.' })
  started: number;

  @Field(() => Int, { description: 'Of those, trials that lapsed at least once (counted within a minute of lapsing).' })
  expired: number;

  @Field(() => Int, { description: 'Of those, trials extended at least once.' })
  extended: number;

  @Field(() => Int, { description: 'Of those, trials converted by a mapped order.' })
  converted: number;

  @Field(() => Float, { nullable: true, description: 'converted / started; null when none started.' })
  conversionRate: number | null;
}

@ObjectType({ ...PLAIN, description: 'Cases of one kind for one group.' })
export class CaseKindStats {
  @Field(() => CaseKind, { description: 'Which kind of case.' })
  kind: CaseKind;

  @Field(() => Int, { description: 'Cases opened on the days of the range.' })
  opened: number;

  @Field(() => Int, { description: 'Cases resolved on the days of the range (whenever opened).' })
  resolved: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Median time from opening to resolution of the cases resolved in the range, in the buckets of DurationStats.',
  })
  medianSecondsToResolve: number | null;
}

@ObjectType({ ...PLAIN, description: 'Cases opened and resolved on the days of the range, in all and by kind.' })
export class CaseGroup {
  @Field(() => MetricGroup, { description: 'Which group.' })
  group: MetricGroup;

  @Field(() => Int, { description: 'Cases opened on the days of the range.' })
  opened: number;

  @Field(() => Int, { description: 'Cases resolved on the days of the range (whenever opened).' })
  resolved: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Median time from opening to resolving, in seconds, of the cases resolved; null when none was.',
  })
  medianSecondsToResolve: number | null;

  @Field(() => [CaseKindStats], { description: 'One entry per kind.' })
  byKind: CaseKindStats[];
}
