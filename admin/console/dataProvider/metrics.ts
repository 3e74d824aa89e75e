/**
 * The onboarding metrics as read-only resources: getList with the filter `{from, to, groupBy, top}` returns one
 * record per group (a week, a month, a quarter, a country, ...), its id the group's key. Each metric takes
 * `(range: MetricRange!, groupBy: MetricGrouping!, top: Int)` and returns the list of groups; `top` is sent for a
 * dimension only, whose answer ends with the group OTHERS when more groups were found. exportUrl is where the same
 * metric comes as CSV, every group.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import {
  CaseMetricsDocument,
  OnboardingDropOffDocument,
  OnboardingFunnelDocument,
  ProvisioningDurationsDocument,
  TrialMetricsDocument,
  type MetricRange,
} from '../../generated/console';
import { MetricGrouping } from '../../generated/schema';
import type { Operation, ResourceApi } from './operations';

export interface MetricFilter {
  from: string;
  to: string;
  groupBy: MetricGrouping;
  /** How many groups of a dimension the charts show; the rest come as OTHERS. */
  top?: number;
}

/** The period groupings, which answer every period and take no `top`. */
export const PERIOD_GROUPINGS: readonly MetricGrouping[] = [MetricGrouping.WEEK, MetricGrouping.MONTH, MetricGrouping.QUARTER];

/** Each metric's document (operations.graphql) takes a range and a grouping, and returns its groups under the alias `data`. */
type MetricResult = { data: { group: { key: string } }[] };
type MetricVariables = { range: MetricRange; groupBy: MetricGrouping; top?: number | null };
type MetricDocument = TypedDocumentNode<MetricResult, MetricVariables>;

const METRICS: Record<string, MetricDocument> = {
  onboardingFunnel: OnboardingFunnelDocument,
  onboardingDropOff: OnboardingDropOffDocument,
  provisioningDurations: ProvisioningDurationsDocument,
  trialMetrics: TrialMetricsDocument,
  caseMetrics: CaseMetricsDocument,
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const GROUPINGS: readonly string[] = Object.values(MetricGrouping);

function metric(query: MetricDocument): Operation {
  return (params) => {
    const { from, to, groupBy, top } = params.filter as MetricFilter;
    if (!DATE.test(from) || !DATE.test(to) || !GROUPINGS.includes(groupBy)) throw new Error('console.metrics.invalidRange');
    const variables: MetricVariables = { range: { from, to }, groupBy, top: PERIOD_GROUPINGS.includes(groupBy) ? null : (top ?? null) };
    return {
      query,
      variables,
      parseResponse: ({ data }: { data: MetricResult }) => {
        const groups = data.data.map((group) => ({ ...group, id: group.group.key }));
        return { data: groups, total: groups.length };
      },
    };
  };
}

export const metricsApi: Record<string, ResourceApi> = Object.fromEntries(
  Object.entries(METRICS).map(([field, document]) => [field, { getList: metric(document) }]),
);

/** Where a metric's export is, for the filter's range and grouping (every group: no `top`). */
export function exportUrl(resource: string, { from, to, groupBy }: MetricFilter): string {
  return `/exports/metrics/${encodeURIComponent(resource)}.csv?${new URLSearchParams({ groupBy, from, to })}`;
}
