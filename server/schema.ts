/** The GraphQL schema, built from the resolvers of every feature. */
import 'reflect-metadata';
import { GraphQLObjectType, GraphQLSchema } from 'graphql';
import { buildSchema, ContainerType } from 'type-graphql';
import { AuditResolver } from './audit/audit.resolver';
import { CaseResolver, OrderCasesResolver } from './cases/case.resolver';
import { CountryResolver } from './countries/country.resolver';
import { OutboxResolver } from './mail/outbox.resolver';
import { MetricsResolver } from './metrics/metrics.resolver';
import { CustomerOrgOrdersResolver, OutboxEmailOrderResolver, PartnerOrgOrdersResolver } from './orders/order-edges.resolver';
import { OrderResolver } from './orders/order.resolver';
import { CustomerOrgResolver, PartnerOrgResolver } from './orgs/org.resolver';
import { authChecker } from './platform/auth';
import { userErrorCodeDescription } from './platform/errors';
import { closeFields } from './platform/views';
import { OrderSessionsResolver } from './provisioning/order-sessions.resolver';
import { PreflightResolver } from './provisioning/preflight.resolver';
import { ProvisioningResolver } from './provisioning/provisioning.resolver';
import { SessionListResolver } from './provisioning/session-list.resolver';
import { StaffResolver } from './staff/staff.resolver';
import { WebhookResolver } from './webhooks/webhook.resolver';
import type { Services } from './services';
import { USER_ERROR_LIST } from './user-errors';
import { OPEN_FIELDS, rootViews } from './views';

/** Each resolver, in the schema's order, with how it is built on the services: the composition of the graph's behaviour. */
const RESOLVERS: [Function, (s: Services) => object][] = [
  [ProvisioningResolver, (s) => new ProvisioningResolver(s.orders, s.provisioning, s.sessions)],
  [SessionListResolver, (s) => new SessionListResolver(s.sessions)],
  [OrderResolver, (s) => new OrderResolver(s.mail, s.orders, s.orgs)],
  [OrderSessionsResolver, (s) => new OrderSessionsResolver(s.provisioning, s.sessions)],
  [PreflightResolver, (s) => new PreflightResolver(s.preflight, s.orders)],
  [CustomerOrgResolver, (s) => new CustomerOrgResolver(s.orgs, s.clock)],
  [CustomerOrgOrdersResolver, (s) => new CustomerOrgOrdersResolver(s.orders)],
  [PartnerOrgResolver, (s) => new PartnerOrgResolver(s.orgs)],
  [PartnerOrgOrdersResolver, (s) => new PartnerOrgOrdersResolver(s.orders)],
  [CaseResolver, (s) => new CaseResolver(s.cases, s.orders, s.orgs)],
  [OrderCasesResolver, (s) => new OrderCasesResolver(s.cases)],
  [CountryResolver, (s) => new CountryResolver(s.countries)],
  [StaffResolver, (s) => new StaffResolver(s.staff, s.staffAdmin)],
  [AuditResolver, (s) => new AuditResolver(s.audit)],
  [OutboxResolver, (s) => new OutboxResolver(s.mail)],
  [OutboxEmailOrderResolver, (s) => new OutboxEmailOrderResolver(s.orders)],
  [MetricsResolver, (s) => new MetricsResolver(s.metrics)],
  [WebhookResolver, (s) => new WebhookResolver(s.webhooks)],
];

/** Every resolver built once on these services, for type-graphql to call. */
export function resolverContainer(services: Services): ContainerType {
  const built = new Map(RESOLVERS.map(([resolver, build]) => [resolver, build(services)]));
  return { get: (resolver) => built.get(resolver as Function)! };
}

/** The schema; without `container` its resolvers cannot run (enough to print or inspect it). */
export async function createSchema(container?: ContainerType): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: RESOLVERS.map(([resolver]) => resolver) as [Function, ...Function[]],
    container,
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
  const userError = closed.getType('UserError') as GraphQLObjectType;
  userError.getFields().code.description = userErrorCodeDescription(USER_ERROR_LIST);
  return closed;
}
