/**
 * Every root field of the schema states who may call it: @Public() (PUBLIC_FIELDS) or @Authorized(...) with
 * grants. A field added without either would be open to anyone by accident; this test names such fields.
 */
import { GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { PUBLIC_FIELDS } from '../../server/platform/auth';
import { createSchema } from '../../server/schema';

const GRANTS = new Set(['WIZARD', 'COMMERCE', 'REP', 'ANALYST', 'ADMIN']);

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await createSchema();
});

interface RootField {
  operation: 'Query' | 'Mutation';
  name: string;
  /** The resolver class and method behind the field, from type-graphql's metadata. */
  target?: Function;
  methodName?: string;
}

function rootFields(): RootField[] {
  const storage = getMetadataStorage();
  const handlers = { Query: storage.queries, Mutation: storage.mutations };
  const fields: RootField[] = [];
  for (const [operation, type] of [
    ['Query', schema.getQueryType()],
    ['Mutation', schema.getMutationType()],
  ] as const) {
    for (const name of Object.keys(type?.getFields() ?? {})) {
      const handler = handlers[operation].find((h) => h.schemaName === name);
      fields.push({ operation, name, target: handler?.target, methodName: handler?.methodName });
    }
  }
  return fields;
}

/** The roles of @Authorized on the field's method, or on its resolver class; undefined when there is none. */
function authorizedRoles(field: RootField): unknown[] | undefined {
  const storage = getMetadataStorage();
  const onField = storage.authorizedFields.find(
    (entry) => entry.fieldName === field.methodName && (field.target === undefined || entry.target === field.target),
  );
  if (onField) return onField.roles;
  const onClass = storage.authorizedResolver.find((entry) => entry.target === field.target);
  return onClass?.roles;
}

test('the schema has root fields to check, each backed by a resolver method', () => {
  const fields = rootFields();
  expect(fields.filter((f) => f.operation === 'Query').length).toBeGreaterThan(5);
  expect(fields.filter((f) => f.operation === 'Mutation').length).toBeGreaterThan(5);
  expect(fields.filter((f) => !f.target).map((f) => `${f.operation}.${f.name}`)).toEqual([]);
});

test('every Query and Mutation field is either public or names its audience with @Authorized', () => {
  const neither = rootFields()
    .filter((field) => !PUBLIC_FIELDS.has(field.name) && authorizedRoles(field) === undefined)
    .map((field) => `${field.operation}.${field.name}`);
  expect(neither).toEqual([]);
});

test('no field is both public and authorized, which would leave its audience ambiguous', () => {
  const both = rootFields()
    .filter((field) => PUBLIC_FIELDS.has(field.name) && authorizedRoles(field) !== undefined)
    .map((field) => `${field.operation}.${field.name}`);
  expect(both).toEqual([]);
});

test('every @Authorized names at least one known grant (an empty list would admit any credential)', () => {
  const vague = rootFields()
    .filter((field) => !PUBLIC_FIELDS.has(field.name))
    .map((field) => ({ field: `${field.operation}.${field.name}`, roles: authorizedRoles(field) ?? [] }))
    .filter(({ roles }) => roles.length === 0 || roles.some((role) => !GRANTS.has(String(role))));
  expect(vague).toEqual([]);
});

test('PUBLIC_FIELDS names only fields that exist, so a typo cannot hide an open field', () => {
  const names = new Set(rootFields().map((field) => field.name));
  expect([...PUBLIC_FIELDS].filter((name) => !names.has(name))).toEqual([]);
});
