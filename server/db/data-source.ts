/** The TypeORM data source: every entity, the migrations, and an optional schema (tests get one each). */
import { types } from 'pg';
import { DataSource, MigrationExecutor } from 'typeorm';
import { AuditEvent } from '../audit/audit-event.entity';
import { Case } from '../cases/case.entity';
import { SupportedCountry } from '../countries/supported-country.entity';
import { Order } from '../orders/order.entity';
import { SetupLink } from '../orders/setup-link.entity';
import { CustomerOrg } from '../orgs/customer-org.entity';
import { PartnerOrg } from '../orgs/partner-org.entity';
import { WebexUser } from '../orgs/webex-user.entity';
import { ProvisioningEvent, ProvisioningSession } from '../provisioning/provisioning-session.entity';
import { ApiKey, Staff } from '../staff/staff.entity';
import { Initial1764000000000 } from './migrations/1764000000000-Initial';
import { Outbox1764100000000 } from './migrations/1764100000000-Outbox';
import { StaffAccess1764200000000 } from './migrations/1764200000000-StaffAccess';
import { Metrics1764300000000 } from './migrations/1764300000000-Metrics';
import { ListIndexes1764400000000 } from './migrations/1764400000000-ListIndexes';
import { OrderTally1764500000000 } from './migrations/1764500000000-OrderTally';
import { RollupCoveringKeys1764600000000 } from './migrations/1764600000000-RollupCoveringKeys';
import { MetricHistograms1764700000000 } from './migrations/1764700000000-MetricHistograms';
import { RollupStepColumns1764800000000 } from './migrations/1764800000000-RollupStepColumns';
import { StaffTokens1764900000000 } from './migrations/1764900000000-StaffTokens';
import { OrderLanguageAndReminders1765150000000 } from './migrations/1765150000000-OrderLanguageAndReminders';
import { Webhooks1765200000000 } from './migrations/1765200000000-Webhooks';
import { WebhookDueOrder1765250000000 } from './migrations/1765250000000-WebhookDueOrder';
import { WebhookEvent } from '../events/webhook-event.entity';
import { WebhookDeliveryAttempt } from '../webhooks/webhook-attempt.entity';
import { WebhookEndpoint } from '../webhooks/webhook-endpoint.entity';
import { CaseReporterLanguage1765300000000 } from './migrations/1765300000000-CaseReporterLanguage';
import { FunnelReminders1765400000000 } from './migrations/1765400000000-FunnelReminders';
import { WebhookDisabledEmail1765600000000 } from './migrations/1765600000000-WebhookDisabledEmail';
import { OrderStatusStartDateIndex1765700000000 } from './migrations/1765700000000-OrderStatusStartDateIndex';
import { StaffName1765800000000 } from './migrations/1765800000000-StaffName';
import { OutboxEmail } from '../mail/outbox-email.entity';
import { DeadlineSubscriber } from '../platform/deadline';

/** How long one statement may run before PostgreSQL cancels it (STATEMENT_TIMEOUT_MS). */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 15_000;

// A calendar date is a string, never a Date at some local midnight.
types.setTypeParser(types.builtins.DATE, (value) => value);

export const ENTITIES = [
  SupportedCountry,
  PartnerOrg,
  CustomerOrg,
  WebexUser,
  Order,
  SetupLink,
  ProvisioningSession,
  ProvisioningEvent,
  Case,
  AuditEvent,
  Staff,
  ApiKey,
  OutboxEmail,
  WebhookEvent,
  WebhookEndpoint,
  WebhookDeliveryAttempt,
];

export const MIGRATIONS = [
  Initial1764000000000,
  Outbox1764100000000,
  StaffAccess1764200000000,
  Metrics1764300000000,
  ListIndexes1764400000000,
  OrderTally1764500000000,
  RollupCoveringKeys1764600000000,
  MetricHistograms1764700000000,
  RollupStepColumns1764800000000,
  StaffTokens1764900000000,
  OrderLanguageAndReminders1765150000000,
  Webhooks1765200000000,
  WebhookDueOrder1765250000000,
  CaseReporterLanguage1765300000000,
  FunnelReminders1765400000000,
  WebhookDisabledEmail1765600000000,
  OrderStatusStartDateIndex1765700000000,
  StaffName1765800000000,
];

export interface DataSourceOptions {
  url: string;
  /** A PostgreSQL schema to live in instead of public. */
  schema?: string;
  poolSize?: number;
  /**
   * PostgreSQL cancels a statement of the pool's connections that runs longer (SQLSTATE 57014), so that no
   * request holds a connection and its locks for long. Migrations run without it.
   */
  statementTimeoutMs?: number;
}

export function createDataSource({
  url,
  schema,
  poolSize = 10,
  statementTimeoutMs = DEFAULT_STATEMENT_TIMEOUT_MS,
}: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    schema,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    logging: false,
    subscribers: [DeadlineSubscriber],
    extra: {
      max: poolSize,
      statement_timeout: statementTimeoutMs,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    },
  });
}

/** A connection URL whose sessions have the statement timeout too: for the pools the data source does not make (pg-boss's). */
export function withStatementTimeout(url: string, ms: number): string {
  const parsed = new URL(url);
  const options = parsed.searchParams.get('options');
  parsed.searchParams.set('options', `${options ? `${options} ` : ''}-c statement_timeout=${ms}`);
  return parsed.toString();
}

/**
 * Runs pending migrations; several processes starting at once take turns on an advisory lock. On one connection
 * without the statement timeout: a migration over a large database, or the wait for another process's, may take longer.
 */
export async function migrate(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SET statement_timeout = 0');
    await runner.query(`SELECT pg_advisory_lock(hashtext('wxcc:migrations'))`);
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = 'all';
    await executor.executePendingMigrations();
  } finally {
    await runner.query(`SELECT pg_advisory_unlock(hashtext('wxcc:migrations'))`).catch(() => undefined);
    await runner.query('RESET statement_timeout').catch(() => undefined);
    await runner.release();
  }
}

export async function pendingMigrations(dataSource: DataSource): Promise<boolean> {
  return dataSource.showMigrations();
}
