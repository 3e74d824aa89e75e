/**
 * The onboarding metrics as read-only resources: getList with the filter `{from, to, groupBy}` returns one
 * record per group (a week, a month, a country, ...), its id the group's key. Each metric takes
 * `(range: MetricRange!, groupBy: MetricGrouping!)` and returns the list of groups.
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
}

/** Each metric's document (operations.graphql) takes a range and a grouping, and returns its groups under the alias `data`. */
type MetricResult = { data: { group: { key: string } }[] };
type MetricVariables = { range: MetricRange; groupBy: MetricGrouping };
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
    const { from, to, groupBy } = params.filter as MetricFilter;
    if (!DATE.test(from) || !DATE.test(to) || !GROUPINGS.includes(groupBy)) throw new Error('console.metrics.invalidRange');
    const variables: MetricVariables = { range: { from, to }, groupBy };
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
