/** The metric queries of API.md, for analysts, representatives and administrators. */
import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { ACCESS } from '../platform/auth';
import type { Context } from '../platform/context';
import { CaseGroup, DropOffGroup, DurationGroup, FunnelGroup, MetricGrouping, MetricRange, TrialGroup } from './metric.types';
import { MetricsService } from './metrics.service';

const RANGE = { description: 'Calendar days, UTC, both ends included.' };
const GROUP_BY = { description: 'Weeks or months of the range, or a dimension.' };

@Resolver()
export class MetricsResolver {
  constructor(private readonly metrics: MetricsService) {}

  @Authorized(ACCESS.staffRead)
  @Query(() => [FunnelGroup], {
    description:
      'Orders booked on the days of the range and how far each got: email sent, link opened, each wizard step reached, mapped; ' +
      'with the conversion from each stage to the next.',
  })
  onboardingFunnel(
    @Arg('range', () => MetricRange, RANGE) range: MetricRange,
    @Arg('groupBy', () => MetricGrouping, GROUP_BY) groupBy: MetricGrouping,
    @Ctx() ctx: Context,
  ): Promise<FunnelGroup[]> {
    return this.metrics.onboardingFunnel(range, groupBy);
  }

  @Authorized(ACCESS.staffRead)
  @Query(() => [DropOffGroup], {
    description: 'Sessions that ended ABANDONED or EXPIRED on the days of the range, by the furthest step reached.',
  })
  onboardingDropOff(
    @Arg('range', () => MetricRange, RANGE) range: MetricRange,
    @Arg('groupBy', () => MetricGrouping, GROUP_BY) groupBy: MetricGrouping,
    @Ctx() ctx: Context,
  ): Promise<DropOffGroup[]> {
    return this.metrics.onboardingDropOff(range, groupBy);
  }

  @Authorized(ACCESS.staffRead)
  @Query(() => [DurationGroup], {
    description:
      'Orders mapped on the days of the range: median and 90th percentile from email to mapping and from first opening to mapping.',
  })
  provisioningDurations(
    @Arg('range', () => MetricRange, RANGE) range: MetricRange,
    @Arg('groupBy', () => MetricGrouping, GROUP_BY) groupBy: MetricGrouping,
    @Ctx() ctx: Context,
  ): Promise<DurationGroup[]> {
    return this.metrics.provisioningDurations(range, groupBy);
  }

  @Authorized(ACCESS.staffRead)
  @Query(() => [TrialGroup], { description: 'Trials started on the days of the range: how many lapsed, were extended, converted.' })
  trialMetrics(
    @Arg('range', () => MetricRange, RANGE) range: MetricRange,
    @Arg('groupBy', () => MetricGrouping, GROUP_BY) groupBy: MetricGrouping,
    @Ctx() ctx: Context,
  ): Promise<TrialGroup[]> {
    return this.metrics.trialMetrics(range, groupBy);
  }

  @Authorized(ACCESS.staffRead)
  @Query(() => [CaseGroup], {
    description: 'Cases opened and resolved on the days of the range, by kind, with the median time to resolve.',
  })
  caseMetrics(
    @Arg('range', () => MetricRange, RANGE) range: MetricRange,
    @Arg('groupBy', () => MetricGrouping, GROUP_BY) groupBy: MetricGrouping,
    @Ctx() ctx: Context,
  ): Promise<CaseGroup[]> {
    return this.metrics.caseMetrics(range, groupBy);
  }
}
