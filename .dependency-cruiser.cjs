/**
 * What may import what in server/ (docs/architecture.md): checked by test/architecture/imports.test.ts,
 * or by hand with `npx depcruise server`.
 */

/** The features from the bottom up: a feature may import the ones before it, never one after it. */
const FEATURES = ['audit', 'events', 'countries', 'staff', 'mail', 'orgs', 'orders', 'cases', 'provisioning', 'metrics', 'webhooks'];

/** What a feature offers the others; everything else in it (its resolvers above all) is its own. */
const PUBLIC = [
  '\\.(entity|service|store|loaders|inputs|payloads|errors)\\.ts$',
  '^server/audit/audit\\.ts$',
  '^server/events/(events|event-types)\\.ts$',
  '^server/countries/regions\\.ts$',
  '^server/mail/(outbox|templates)\\.ts$',
  '^server/orgs/memberships\\.ts$',
  '^server/orders/setup-links\\.ts$',
  '^server/provisioning/steps\\.ts$',
];

const anyFeature = `^server/(${FEATURES.join('|')})/`;

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle: the files in it can no longer be understood, tested or loaded one at a time.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'platform-is-a-leaf',
      severity: 'error',
      comment: 'platform/ is what every feature uses; it knows no feature, no database setup and no composition.',
      from: { path: '^server/platform/' },
      to: { path: '^server/', pathNot: '^server/platform/' },
    },
    {
      name: 'features-below-composition',
      severity: 'error',
      comment: 'A feature is put together with the others by the composition (server/*.ts) and db/; it never imports them.',
      from: { path: anyFeature },
      to: { path: ['^server/[^/]+\\.ts$', '^server/db/'] },
    },
    ...FEATURES.map((feature, rank) => ({
      name: `${feature}-imports-only-features-below`,
      severity: 'error',
      comment: `The features build on each other in this order: ${FEATURES.join(' < ')}. An import runs down, never up.`,
      from: { path: `^server/${feature}/` },
      to: { path: FEATURES.slice(rank + 1).map((above) => `^server/${above}/`) },
    })).filter((rule) => rule.to.path.length > 0),
    {
      name: 'only-public-modules-of-other-features',
      severity: 'error',
      comment:
        "A feature uses another feature's entities, services, stores, loaders, inputs, payloads and errors, never its resolvers or other internals.",
      from: { path: `^server/([^/]+)/`, pathNot: '^server/(platform|db)/' },
      to: { path: anyFeature, pathNot: ['^server/$1/', ...PUBLIC] },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    // Type-only imports count: a type from another feature ties the two as much as a value does.
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^node_modules' },
  },
};
