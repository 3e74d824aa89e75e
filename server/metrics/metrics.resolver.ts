/** The metric queries of API.md, for analysts, representatives and administrators. */
import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import { ACCESS } from '../platform/auth';
import type { Context } from '../platform/context';
import { CaseGroup, DropOffGroup, DurationGroup, FunnelGroup, MetricGrouping, MetricRange, TrialGroup } from './metric.types';
import { MetricsService } from './metrics.service';

const RANGE = { description: 'Calendar days, UTC, both ends included.' };
const GROUP_BY = { description: 'Weeks, months or quarters of the range, or a dimension.' };
const TOP = {
  nullable: true,
  description:
    "For a dimension (COUNTRY, REGION, OFFER, PARTNER_ORG): how many groups to answer, ranked by the metric's headline count " +
    '(ties by label), from 1 to 500, 25 when not given; the rest follow as one group, OTHERS, computed over their rows. ' +
    'Refused with a period grouping, which answers every period.',
};

@Resolver()
export class MetricsResolver {
  constructor(private readonly metrics: MetricsService) {}

  @Authorized(ACCESS.staffRead)
  @Query(() => [FunnelGroup], {
    description:
      'Orders booked on the days of the range and how far each got: email sent, link opened, each wizard step reached, mapped; ' +
      "with the conversion from each stage to the next. A dimension's groups rank by orders booked.",
  })
  onboardingFunnel(
    @Arg('range', () => MetricRange, RANGE) range: MetricRange,
    @Arg('groupBy', () => MetricGrouping, GROUP_BY) groupBy: MetricGrouping,
    @Arg('top', () => Int, TOP) top: number | null,
    @Ctx() ctx: Context,
  ): Promise<FunnelGroup[]> {
    return this.metrics.onboardingFunnel(range, groupBy, top, ctx.language);
  }

  @Authorized(ACCESS.staffRead)
  @Query(() => [DropOffGroup], {
    description:
      'Sessions that ended ABANDONED or EXPIRED on the days of the range, by the furthest step reached. ' +
      "A dimension's groups rank by sessions ended.",
  })
  onboardingDropOff(
    @Arg('range', () => MetricRange, RANGE) range: MetricRange,
    @Arg('groupBy', () => MetricGrouping, GROUP_BY) groupBy: MetricGrouping,
    @Arg('top', () => Int, TOP) top: number | null,
    @Ctx() ctx: Context,
  ): Promise<DropOffGroup[]> {
    return this.metrics.onboardingDropOff(range, groupBy, top, ctx.language);
  }

  @Authorized(ACCESS.staffRead)
  @Query(() => [DurationGroup], {
    description:
      'Orders mapped on the days of the range: median and 90th percentile from email to mapping and from first opening to mapping. ' +
      "A dimension's groups rank by orders mapped.",
  })
  provisioningDurations(
    @Arg('range', () => MetricRange, RANGE) range: MetricRange,
    @Arg('groupBy', () => MetricGrouping, GROUP_BY) groupBy: MetricGrouping,
    @Arg('top', () => Int, TOP) top: number | null,
    @Ctx() ctx: Context,
  ): Promise<DurationGroup[]> {
    return this.metrics.provisioningDurations(range, groupBy, top, ctx.language);
  }

  @Authorized(ACCESS.staffRead)
  @Query(() => [TrialGroup], {
    description:
      "Trials started on the days of the range: how many lapsed, were extended, converted. A dimension's groups rank by trials started.",
  })
  trialMetrics(
    @Arg('range', () => MetricRange, RANGE) range: MetricRange,
    @Arg('groupBy', () => MetricGrouping, GROUP_BY) groupBy: MetricGrouping,
    @Arg('top', () => Int, TOP) top: number | null,
    @Ctx() ctx: Context,
  ): Promise<TrialGroup[]> {
    return this.metrics.trialMetrics(range, groupBy, top, ctx.language);
  }

  @Authorized(ACCESS.staffRead)
  @Query(() => [CaseGroup], {
    description:
      'Cases opened and resolved on the days of the range, by kind, with the median time to resolve. ' +
      "A dimension's groups rank by cases opened.",
  })
  caseMetrics(
    @Arg('range', () => MetricRange, RANGE) range: MetricRange,
    @Arg('groupBy', () => MetricGrouping, GROUP_BY) groupBy: MetricGrouping,
    @Arg('top', () => Int, TOP) top: number | null,
    @Ctx() ctx: Context,
  ): Promise<CaseGroup[]> {
    return this.metrics.caseMetrics(range, groupBy, top, ctx.language);
  }
}
