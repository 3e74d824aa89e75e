/** The GraphQL schema, built from the resolvers of every feature. */
import 'reflect-metadata';
import { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AuditResolver } from './audit/audit.resolver';
import { CaseResolver } from './cases/case.resolver';
import { CountryResolver } from './countries/country.resolver';
import { OutboxResolver } from './mail/outbox.resolver';
import { MetricsResolver } from './metrics/metrics.resolver';
import { OrderResolver } from './orders/order.resolver';
import { CustomerOrgResolver, PartnerOrgResolver } from './orgs/org.resolver';
import { authChecker } from './platform/auth';
import { closeFields } from './platform/views';
import { ProvisioningResolver } from './provisioning/provisioning.resolver';
import { SessionListResolver } from './provisioning/session-list.resolver';
import { StaffResolver } from './staff/staff.resolver';
import { OPEN_FIELDS, rootViews } from './views';

export const RESOLVERS = [
  ProvisioningResolver,
  SessionListResolver,
  OrderResolver,
  CustomerOrgResolver,
  PartnerOrgResolver,
  CaseResolver,
  CountryResolver,
  StaffResolver,
  AuditResolver,
  OutboxResolver,
  MetricsResolver,
] as const;

export async function createSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: RESOLVERS,
    authChecker,
    authMode: 'error',
    // Inputs are checked by the services, so that a bad value is a user error naming its field, not a thrown error.
    validate: false,
  });
  const closed = closeFields(schema, rootViews, OPEN_FIELDS);
  // type-graphql takes no description for the root types; every other type has one from its decorator.
  closed.getQueryType()!.description =
    'What can be read. Each field says who may call it; past the root, docs/access.md lists the fields each credential reads.';
  closed.getMutationType()!.description =
    "What can be changed. Domain refusals come back in each payload's userErrors, with nothing changed; credential and input errors as GraphQL errors with extensions.code.";
  return closed;
}
