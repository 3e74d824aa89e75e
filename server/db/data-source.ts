/** The TypeORM data source: every entity, the migrations, and an optional schema (tests get one each). */
import { types } from 'pg';
import { DataSource } from 'typeorm';
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
import { OutboxEmail } from '../mail/outbox-email.entity';

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
];

export interface DataSourceOptions {
  url: string;
  /** A PostgreSQL schema to live in instead of public. */
  schema?: string;
  poolSize?: number;
}

export function createDataSource({ url, schema, poolSize = 10 }: DataSourceOptions): DataSource {
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
    extra: {
      max: poolSize,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    },
  });
}

/** Runs pending migrations; several processes starting at once take turns on an advisory lock. */
export async function migrate(dataSource: DataSource): Promise<void> {
  const lockHolder = dataSource.createQueryRunner();
  await lockHolder.connect();
  try {
    await lockHolder.query(`SELECT pg_advisory_lock(hashtext('wxcc:migrations'))`);
    await dataSource.runMigrations({ transaction: 'all' });
  } finally {
    await lockHolder.query(`SELECT pg_advisory_unlock(hashtext('wxcc:migrations'))`).catch(() => undefined);
    await lockHolder.release();
  }
}

export async function pendingMigrations(dataSource: DataSource): Promise<boolean> {
  return dataSource.showMigrations();
}
