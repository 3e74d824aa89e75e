/** GET /exports/metrics/<metric>.csv: every group of a metric as CSV for staff, written as the cursor reads it. */
import { once } from 'node:events';
import { NextFunction, Request, Response, Router } from 'express';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { CaseKind } from '../cases/case.entity';
import type { Principal } from '../platform/actor';
import { Cell, csvLine, refuse, staffReader } from '../platform/csv';
import { checkCalendarDate } from '../platform/validate';
import {
  CaseGroup,
  DropOffGroup,
  DurationGroup,
  DurationStats,
  FunnelGroup,
  MetricGroup,
  MetricGrouping,
  TrialGroup,
} from './metric.types';
import { METRICS, MetricName, MetricsService } from './metrics.service';
import { FUNNEL_STEPS } from './rollups';

/** A metric's columns after group_key and group_label, and a group's cells in them. */
interface Columns<G> {
  header: string[];
  cells(group: G): Cell[];
}

const lower = (name: string) => name.toLowerCase();
const stats = (s: DurationStats): Cell[] => [s.orders, s.medianSeconds, s.p90Seconds];
const statsHeader = (measure: string) => ['orders', 'median_seconds', 'p90_seconds'].map((column) => `${measure}_${column}`);
const STEP_STAGES = new Set<string>(FUNNEL_STEPS);
const STAGES = ['ORDERS_BOOKED', 'SETUP_EMAILS_SENT', 'LINKS_OPENED', ...FUNNEL_STEPS, 'ORDERS_MAPPED'];

const COLUMNS: { [N in MetricName]: Columns<any> } = {
  onboardingFunnel: {
    // Per stage: its orders, its sessions for a wizard step, its rate from the previous stage after the first.
    // Then the reminders, a side path of the funnel.
    header: [
      ...STAGES.flatMap((stage, i) => [
        `${lower(stage)}_orders`,
        ...(STEP_STAGES.has(stage) ? [`${lower(stage)}_sessions`] : []),
        ...(i > 0 ? [`${lower(stage)}_rate_from_previous`] : []),
      ]),
      'orders_reminded',
      'reminders_sent',
      'orders_mapped_after_reminder',
      'mapped_after_reminder_rate',
    ],
    cells: (g: FunnelGroup) => [
      ...g.stages.flatMap((s, i) => [s.orders, ...(STEP_STAGES.has(s.stage) ? [s.sessions] : []), ...(i > 0 ? [s.rateFromPrevious] : [])]),
      g.reminders.ordersReminded,
      g.reminders.remindersSent,
      g.reminders.ordersMappedAfterReminder,
      g.reminders.mappedRate,
    ],
  },
  onboardingDropOff: {
    header: [
      ...FUNNEL_STEPS.map((step) => `abandoned_${lower(step)}`),
      ...FUNNEL_STEPS.map((step) => `expired_${lower(step)}`),
      'total_abandoned',
      'total_expired',
    ],
    cells: (g: DropOffGroup) => [
      ...g.abandoned.map((s) => s.sessions),
      ...g.expired.map((s) => s.sessions),
      g.totalAbandoned,
      g.totalExpired,
    ],
  },
  provisioningDurations: {
    header: [...statsHeader('email_to_mapping'), ...statsHeader('first_opening_to_mapping')],
    cells: (g: DurationGroup) => [...stats(g.emailToMapping), ...stats(g.firstOpeningToMapping)],
  },
  trialMetrics: {
    header: ['started', 'expired', 'extended', 'converted', 'conversion_rate'],
    cells: (g: TrialGroup) => [g.started, g.expired, g.extended, g.converted, g.conversionRate],
  },
  caseMetrics: {
    header: [
      'opened',
      'resolved',
      'median_seconds_to_resolve',
      ...Object.values(CaseKind).flatMap((kind) => ['opened', 'resolved', 'median_seconds_to_resolve'].map((c) => `${lower(kind)}_${c}`)),
    ],
    cells: (g: CaseGroup) => [
      g.opened,
      g.resolved,
      g.medianSecondsToResolve,
      ...g.byKind.flatMap((k) => [k.opened, k.resolved, k.medianSecondsToResolve]),
    ],
  },
};

const PARAMETERS = ['groupBy', 'from', 'to'];

/** The export's query parameters, or the refusal of the first that is wrong. */
function parameters(req: Request): { groupBy: MetricGrouping; from: Date; to: Date } | { argument: string; message: string } {
  const query = req.query as Record<string, unknown>;
  const unknown = Object.keys(query).find((name) => !PARAMETERS.includes(name));
  if (unknown === 'top') return { argument: 'top', message: 'An export holds every group: top is for the API only.' };
  if (unknown) return { argument: unknown, message: `Unknown parameter ${unknown}: an export takes groupBy, from and to.` };
  const groupings = Object.values(MetricGrouping) as string[];
  if (typeof query.groupBy !== 'string' || !groupings.includes(query.groupBy)) {
    return { argument: 'groupBy', message: `groupBy must be one of ${groupings.join(', ')}.` };
  }
  const dates: Record<'from' | 'to', Date> = { from: new Date(NaN), to: new Date(NaN) };
  for (const name of ['from', 'to'] as const) {
    const value = query[name];
    if (typeof value !== 'string' || checkCalendarDate(name, value)) {
      return { argument: name, message: `${name} must be a calendar date, YYYY-MM-DD.` };
    }
    dates[name] = new Date(`${value}T00:00:00Z`);
  }
  return { groupBy: query.groupBy as MetricGrouping, ...dates };
}

export interface MetricsExportDeps {
  metrics: MetricsService;
  /** The caller a bearer credential stands for, or null. */
  authenticate(credential: string): Promise<Principal | null>;
  /** Where a fault is logged. */
  logger: Logger;
}

/** The export's router, mounted at /exports/metrics: ANALYST, REP and ADMIN, by bearer token. */
export function metricsExport({ metrics, authenticate, logger }: MetricsExportDeps): Router {
  const router = Router();
  router.get('/:file', async (req: Request, res: Response, next: NextFunction) => {
    if (!(await staffReader(req, res, authenticate, 'The metrics exports are for analysts, representatives and administrators.'))) {
      return;
    }
    const name = /^(\w+)\.csv$/.exec(String(req.params.file))?.[1];
    if (!name || !(name in METRICS)) {
      refuse(res, 404, 'NOT_FOUND', `No such export: the metrics are ${Object.keys(METRICS).join(', ')}, each as <metric>.csv.`);
      return;
    }
    const asked = parameters(req);
    if ('argument' in asked) {
      refuse(res, 400, 'BAD_USER_INPUT', asked.message, asked.argument);
      return;
    }
    const metric = name as MetricName;
    const columns = COLUMNS[metric];
    const groups = metrics.exportGroups(metric, { from: asked.from, to: asked.to }, asked.groupBy);
    try {
      // The range is checked when the first batch is asked for: a refusal comes before any byte of CSV.
      const first = await groups.next();
      const day = (date: Date) => date.toISOString().slice(0, 10);
      res
        .status(200)
        .type('text/csv; charset=utf-8')
        .set('Content-Disposition', `attachment; filename="${metric}-${asked.groupBy}-${day(asked.from)}-${day(asked.to)}.csv"`);
      res.write(csvLine(['group_key', 'group_label', ...columns.header]));
      for (let batch = first; !batch.done; batch = await groups.next()) {
        const text = batch.value.map((g: { group: MetricGroup }) => csvLine([g.group.key, g.group.label, ...columns.cells(g)])).join('');
        if (!res.write(text)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
        if (res.destroyed) break;
      }
      res.end();
    } catch (error) {
      if (error instanceof GraphQLError && error.extensions.code === 'BAD_USER_INPUT' && !res.headersSent) {
        refuse(res, 400, 'BAD_USER_INPUT', error.message, String(error.extensions.argument));
        return;
      }
      logger.error({ err: error, requestId: res.locals.requestId }, 'metrics export failed');
      next(error);
    } finally {
      await groups.return(undefined);
    }
  });
  return router;
}
