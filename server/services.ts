/** The services every resolver reaches through its context, built once per process around one data source and one clock. */
import type { Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { AuditService } from './audit/audit.service';
import { CaseService } from './cases/case.service';
import { CountryService } from './countries/country.service';
import { MailDelivery } from './mail/outbox';
import { MetricsService } from './metrics/metrics.service';
import { OrderService } from './orders/order.service';
import { DEFAULT_REMINDERS, parseReminderSchedule, ReminderSchedule } from './orders/setup-reminders';
import { OrgService } from './orgs/org.service';
import type { Clock } from './platform/clock';
import { ScheduledWork, startRefresher, Task } from './platform/jobs';
import { entryLimiter } from './platform/rate-limit';
import type { RateLimiterMemory } from 'rate-limiter-flexible';
import { PreflightService } from './provisioning/preflight';
import { ProvisioningService } from './provisioning/provisioning.service';
import { SessionStatus } from './provisioning/provisioning-session.entity';
import { SessionListService } from './provisioning/session-list';
import { endSessions } from './provisioning/sessions';
import { StaffAdminService } from './staff/staff-admin.service';
import { StaffService } from './staff/staff.service';
import { webhookSettings } from './config';
import { EventsCommitted } from './events/events';
import { WebhookDelivery } from './webhooks/delivery';
import { emailAdminsOfDisabledEndpoint } from './webhooks/disabled-email';
import { WebhookService, WebhookSettings } from './webhooks/webhook.service';

export interface Services {
  audit: AuditService;
  cases: CaseService;
  countries: CountryService;
  mail: MailDelivery;
  metrics: MetricsService;
  orders: OrderService;
  orgs: OrgService;
  provisioning: ProvisioningService;
  /** orderPreflight, with its per-key limit. */
  preflight: PreflightService;
  sessions: SessionListService;
  staff: StaffService;
  staffAdmin: StaffAdminService;
  webhooks: WebhookService;
  webhookDelivery: WebhookDelivery;
  clock: Clock;
  /** Per-address limit on setupLink and provisioningStart. */
  entryLimiter: RateLimiterMemory;
}

export interface ServiceDeps {
  db: DataSource;
  clock: Clock;
  logger: Logger;
  publicUrl: string;
  /** SMTP, or null to keep email in the outbox and log it. */
  mailTransport: Transporter | null;
  mailFrom: string;
  /** Log the text of emails kept in the outbox for want of SMTP_URL (not in production: it holds links). */
  logEmailText: boolean;
  /** Called after a commit that queued email; the server starts a delivery, tests deliver when they choose. */
  mailQueued: () => void;
  /** Called after a commit that queued webhook deliveries, as mailQueued is for email; none when left out. */
  deliveriesQueued?: () => void;
  /** setupLink and provisioningStart calls allowed per address and minute. */
  entryRequestsPerMinute: number;
  /** When the provisioning contact is reminded before the setup window closes (config.ts reads SETUP_REMINDERS); the default schedule when left out. */
  setupReminders?: ReminderSchedule;
  /** orderPreflight calls allowed per COMMERCE key and minute; PREFLIGHT_CALLS_PER_MINUTE when left out. */
  preflightCallsPerMinute?: number;
  /** Where webhooks may go and how long a receiver may take; config.ts's reading of the environment when left out. */
  webhooks?: WebhookSettings;
}

export function createServices(deps: ServiceDeps): Services {
  const { db, clock, logger, publicUrl, mailTransport, mailFrom, mailQueued } = deps;
  const webhooks = deps.webhooks ?? webhookSettings(process.env);
  // A commit that queued deliveries of events to the commerce integration's webhooks starts their delivery.
  if (deps.deliveriesQueued) db.subscribers.push(new EventsCommitted(deps.deliveriesQueued));
  return {
    audit: new AuditService(db),
    cases: new CaseService(db, clock, mailQueued),
    countries: new CountryService(db, clock),
    mail: new MailDelivery(db, clock, mailTransport, logger, mailFrom, deps.logEmailText),
    metrics: new MetricsService(db),
    orders: new OrderService(
      db,
      clock,
      publicUrl,
      mailQueued,
      { sessionsSuperseded: (m, orderId, at) => endSessions(m, { orderId }, SessionStatus.SUPERSEDED, at) },
      deps.setupReminders ?? parseReminderSchedule(DEFAULT_REMINDERS),
    ),
    orgs: new OrgService(db, clock),
    provisioning: new ProvisioningService(db, clock, publicUrl, mailQueued),
    preflight: new PreflightService(db, clock, deps.preflightCallsPerMinute),
    sessions: new SessionListService(db),
    staff: new StaffService(db, clock),
    staffAdmin: new StaffAdminService(db, clock),
    webhooks: new WebhookService(db, clock, webhooks),
    // An endpoint disabled after three days of failures: its ADMINs are emailed in the transaction that disables it.
    webhookDelivery: new WebhookDelivery(db, clock, webhooks, logger, emailAdminsOfDisabledEndpoint(publicUrl)),
    clock,
    entryLimiter: entryLimiter(deps.entryRequestsPerMinute),
  };
}

/** The minute's sweep: what is due, in this order; each step is safe to run from several processes at once. */
export async function sweep(services: Services): Promise<void> {
  await services.orders.sendDueSetupEmails();
  await services.orders.sendDueReminders();
  await services.orders.closeExpiredOrders();
  await services.provisioning.expireIdleSessions();
  await services.orgs.expireTrials();
  await services.mail.deliverDue();
  await services.webhookDelivery.deliverDue();
  await services.metrics.refresh();
}

/** The tables kept from others, refreshed each second: the metrics' rollups and the order tally. */
function derivedTables(services: Pick<Services, 'metrics' | 'orders'>): Task[] {
  return [
    { name: 'metrics_refresh', run: () => services.metrics.refresh() },
    { name: 'order_tally_fold', run: () => services.orders.foldTally() },
  ];
}

/** What the job runner runs (platform/jobs.ts). */
export function scheduledWork(services: Services): ScheduledWork {
  return {
    sweep: () => sweep(services),
    // The outboxes: email, and the commerce integration's events (jobs.ts runs them in that order, so that a
    // setup_email_sent recorded by the first goes out in the same run).
    deliverMail: () => services.mail.deliverDue(),
    deliverWebhooks: () => services.webhookDelivery.deliverDue(),
    derivedTables: derivedTables(services),
  };
}

/** Refreshes the derived tables every `intervalMs` in this process, as a running server does. */
export function startDerivedTablesRefresher(services: Pick<Services, 'metrics' | 'orders'>, logger: Logger, intervalMs?: number) {
  return startRefresher(derivedTables(services), logger, intervalMs);
}
