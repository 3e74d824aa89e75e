/**
 * Scheduled work on PostgreSQL with pg-boss: one "sweep" job a minute across all server processes
 * (pg-boss's cron hands each tick to one worker). The sweep itself reads the injected clock and is
 * safe to run anywhere at any time: each step claims its rows with locks, so nothing is done twice,
 * and a server that was down catches up on its first sweep. Besides, every process refreshes the
 * metrics' rollups each second (one at a time: the others skip their turn), so that a fact shows up
 * in the metrics within seconds.
 */
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Services } from '../services';
import { errorSummary } from './logging';
import { countRun } from './telemetry';

const SWEEP = 'sweep';

export async function sweep(services: Services): Promise<void> {
  await services.orders.sendDueSetupEmails();
  await services.orders.closeExpiredOrders();
  await services.provisioning.expireIdleSessions();
  await services.orgs.expireTrials();
  await services.mail.deliverDue();
  await services.metrics.refresh();
}

export const METRICS_REFRESH_MS = 1000;

export interface Jobs {
  /** Delivers queued email soon, in this process; several calls in a row make one delivery run. */
  mailQueued(): void;
  stop(): Promise<void>;
}

export async function startJobs(connectionString: string, services: Services, logger: Logger): Promise<Jobs> {
  const boss = new PgBoss({ connectionString, schema: 'pgboss', max: 2 });
  boss.on('error', (error) => logger.error({ error: errorSummary(error) }, 'pg-boss error'));
  await boss.start();
  await boss.createQueue(SWEEP, { name: SWEEP, policy: 'stately', retryLimit: 0, expireInSeconds: 300 });
  await boss.schedule(SWEEP, '* * * * *', {}, { tz: 'UTC' });
  await boss.work(SWEEP, async () => {
    await countRun('sweep', sweep(services));
  });

  let delivering: Promise<void> | null = null;
  let again = false;
  const deliver = () => {
    if (delivering) {
      again = true;
      return;
    }
    delivering = countRun('email_delivery', services.mail.deliverDue())
      .then(() => undefined)
      .catch((error) => logger.error({ error: errorSummary(error) }, 'email delivery failed'))
      .finally(() => {
        delivering = null;
        if (again) {
          again = false;
          deliver();
        }
      });
  };

  const refresher = startDerivedTablesRefresher(services, logger);

  return {
    mailQueued: deliver,
    async stop() {
      await boss.stop({ graceful: true, wait: true });
      await delivering;
      await refresher.stop();
    },
  };
}

/**
 * Refreshes the metrics' rollups and folds the order tally every `intervalMs`, never two runs at once
 * in this process.
 */
export function startDerivedTablesRefresher(
  services: Pick<Services, 'metrics' | 'orders'>,
  logger: Logger,
  intervalMs = METRICS_REFRESH_MS,
) {
  let refreshing: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    refreshing ??= Promise.all([
      countRun('metrics_refresh', services.metrics.refresh()).catch((error) =>
        logger.error({ error: errorSummary(error) }, 'metrics refresh failed'),
      ),
      countRun('order_tally_fold', services.orders.foldTally()).catch((error) =>
        logger.error({ error: errorSummary(error) }, 'order tally fold failed'),
      ),
    ]).finally(() => (refreshing = null));
  }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await refreshing;
    },
  };
}
