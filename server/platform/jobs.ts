/**
 * Scheduled work on PostgreSQL with pg-boss: one "sweep" job a minute across all server processes
 * (pg-boss's cron hands each tick to one worker). The sweep itself reads the injected clock and is
 * safe to run anywhere at any time: each step claims its rows with locks, so nothing is done twice,
 * and a server that was down catches up on its first sweep. Besides, every process refreshes the
 * derived tables (the metrics' rollups, the order tally) each second (one at a time: the others skip
 * their turn), so that a fact shows up within seconds. What each of these does is the composition's
 * (services.ts); this runs it.
 */
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { errorSummary } from './logging';
import { countRun, JobName } from './telemetry';

/** A piece of recurring work, named for its logs and metrics. */
export interface Task {
  name: JobName;
  run(): Promise<unknown>;
}

export interface ScheduledWork {
  /** The minute's sweep. */
  sweep(): Promise<void>;
  /** Delivers the email that is due. */
  deliverMail(): Promise<unknown>;
  /** Delivers the commerce integration's events that are due to its webhooks. */
  deliverWebhooks(): Promise<unknown>;
  /** Refreshed each second in every process. */
  derivedTables: Task[];
}

const SWEEP = 'sweep';

export const METRICS_REFRESH_MS = 1000;

export interface Jobs {
  /** Delivers queued email soon, in this process; several calls in a row make one delivery run. */
  mailQueued(): void;
  /**
   * Delivers queued webhook deliveries soon, in the same kind of run (after its email, so that an event recorded by
   * the email's delivery goes out in that run); a run looks for due deliveries only when this asked it to.
   */
  deliveriesQueued(): void;
  stop(): Promise<void>;
}

export async function startJobs(connectionString: string, work: ScheduledWork, logger: Logger): Promise<Jobs> {
  const boss = new PgBoss({ connectionString, schema: 'pgboss', max: 2 });
  boss.on('error', (error) => logger.error({ error: errorSummary(error) }, 'pg-boss error'));
  await boss.start();
  await boss.createQueue(SWEEP, { name: SWEEP, policy: 'stately', retryLimit: 0, expireInSeconds: 300 });
  await boss.schedule(SWEEP, '* * * * *', {}, { tz: 'UTC' });
  await boss.work(SWEEP, async () => {
    await countRun('sweep', work.sweep());
  });

  let delivering: Promise<void> | null = null;
  const queued = { mail: false, webhooks: false };
  // One run: the email, then the webhook deliveries, each when it was asked for before the run came to it.
  const run = async () => {
    if (queued.mail) {
      queued.mail = false;
      await work.deliverMail();
    }
    if (queued.webhooks) {
      queued.webhooks = false;
      await work.deliverWebhooks();
    }
  };
  // Starts a run unless one is going; a run finishing starts the next when more was asked for meanwhile.
  const startRun = () => {
    if (delivering) return;
    delivering = countRun('email_delivery', run())
      .catch((error) => logger.error({ error: errorSummary(error) }, 'email delivery failed'))
      .finally(() => {
        delivering = null;
        if (queued.mail || queued.webhooks) startRun();
      });
  };
  const deliver = (what: keyof typeof queued) => {
    queued[what] = true;
    startRun();
  };

  const refresher = startRefresher(work.derivedTables, logger);

  return {
    mailQueued: () => deliver('mail'),
    deliveriesQueued: () => deliver('webhooks'),
    async stop() {
      await boss.stop({ graceful: true, wait: true });
      await delivering;
      await refresher.stop();
    },
  };
}

/** Runs `tasks` every `intervalMs`, never two runs at once in this process; a failed task is logged. */
export function startRefresher(tasks: Task[], logger: Logger, intervalMs = METRICS_REFRESH_MS) {
  let refreshing: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    refreshing ??= Promise.all(
      tasks.map((task) =>
        countRun(task.name, task.run()).catch((error) =>
          logger.error({ error: errorSummary(error) }, `${task.name.replace(/_/g, ' ')} failed`),
        ),
      ),
    ).finally(() => (refreshing = null));
  }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await refreshing;
    },
  };
}
