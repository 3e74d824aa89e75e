/**
 * The onboarding metrics as read-only resources: getList with the filter `{from, to, groupBy}` returns one
 * record per group (a week, a month, a country, ...), its id the group's key. Each metric takes
 * `(range: MetricRange!, groupBy: MetricGrouping!)` and returns the list of groups.
 */
import { gql } from '@apollo/client';
import type { Operation, ResourceApi } from './operations';

export const METRIC_GROUPINGS = ['WEEK', 'MONTH', 'COUNTRY', 'REGION', 'OFFER', 'PARTNER_ORG'] as const;
export type MetricGrouping = (typeof METRIC_GROUPINGS)[number];

export interface MetricFilter {
  from: string;
  to: string;
  groupBy: MetricGrouping;
}

const COUNTS = 'orders medianSeconds p90Seconds';

const METRICS: Record<string, string> = {
  onboardingFunnel: 'stages { stage orders sessions rateFromPrevious }',
  onboardingDropOff: 'abandoned { step sessions } expired { step sessions } totalAbandoned totalExpired',
  provisioningDurations: `emailToMapping { ${COUNTS} } firstOpeningToMapping { ${COUNTS} }`,
  trialMetrics: 'started expired extended converted conversionRate',
  caseMetrics: 'opened resolved medianSecondsToResolve byKind { kind opened resolved medianSecondsToResolve }',
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function metric(field: string, selection: string): Operation {
  const query = gql`query ${field}($range: MetricRange!, $groupBy: MetricGrouping!) {
    data: ${field}(range: $range, groupBy: $groupBy) { group { key label } ${selection} }
  }`;
  return (params) => {
    const { from, to, groupBy } = params.filter as MetricFilter;
    if (!DATE.test(from) || !DATE.test(to) || !METRIC_GROUPINGS.includes(groupBy)) throw new Error('console.metrics.invalidRange');
    return {
      query,
      variables: { range: { from, to }, groupBy },
      parseResponse: ({ data }) => {
        const groups = data.data.map((group: { group: { key: string } }) => ({ ...group, id: group.group.key }));
        return { data: groups, total: groups.length };
      },
    };
  };
}

export const metricsApi: Record<string, ResourceApi> = Object.fromEntries(
  Object.entries(METRICS).map(([field, selection]) => [field, { getList: metric(field, selection) }]),
);
