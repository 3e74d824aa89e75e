/**
 * The graph cut by audience. Root fields say who may call them (@Authorized, @Public); past the root, each caller
 * sees the graph through a view: staff see every field, while the wizard, the commerce integration and a caller
 * with no credential see only the fields the composition opens to them (server/views.ts). A field nobody opened is
 * refused to them with FORBIDDEN, so a new field, or a new way to reach a type, opens nothing by accident.
 */
import {
  defaultFieldResolver,
  getNamedType,
  GraphQLField,
  GraphQLFieldResolver,
  GraphQLObjectType,
  GraphQLSchema,
  isInterfaceType,
  isObjectType,
  isUnionType,
} from 'graphql';
import type { Context, Principal } from './context';
import { forbidden } from './errors';

export type View = 'PUBLIC' | 'WIZARD' | 'COMMERCE' | 'STAFF';

/** The views that see less than everything. */
export const NARROW_VIEWS = ['PUBLIC', 'WIZARD', 'COMMERCE'] as const;
export type NarrowView = (typeof NARROW_VIEWS)[number];

/** For each narrow view, the fields of each object type it may read: type name to field names. */
export type OpenFields = Record<NarrowView, Readonly<Record<string, readonly string[]>>>;

/** Which views may call a root field (`Query.order`, `Mutation.orderSubmit`): from its @Authorized or @Public. */
export type RootViews = (coordinate: string) => readonly View[];

export function viewOf(principal: Principal | null): View {
  if (!principal) return 'PUBLIC';
  switch (principal.kind) {
    case 'STAFF':
      return 'STAFF';
    case 'API_KEY':
      return 'COMMERCE';
    case 'WIZARD':
      return 'WIZARD';
  }
}

function rootTypes(schema: GraphQLSchema): GraphQLObjectType[] {
  return [schema.getQueryType(), schema.getMutationType()].filter((type): type is GraphQLObjectType => !!type);
}

function objectTypesOf(schema: GraphQLSchema, field: GraphQLField<unknown, unknown>): GraphQLObjectType[] {
  const named = getNamedType(field.type);
  if (isObjectType(named)) return [named];
  if (isUnionType(named)) return [...named.getTypes()];
  if (isInterfaceType(named)) return [...schema.getPossibleTypes(named)];
  return [];
}

/**
 * What a caller can reach: from the root fields it may call, through the fields opened to its view (or, with
 * `open` null, through every field: what it could ask for). Type name to the reachable field names, sorted.
 */
export function reachable(
  schema: GraphQLSchema,
  view: View,
  mayCall: (coordinate: string) => boolean,
  open: OpenFields | null,
): Map<string, string[]> {
  const seen = new Map<string, Set<string>>();
  const pending: GraphQLObjectType[] = [];
  const visitField = (owner: string, field: GraphQLField<unknown, unknown>) => {
    if (!seen.has(owner)) seen.set(owner, new Set());
    seen.get(owner)!.add(field.name);
    for (const type of objectTypesOf(schema, field)) {
      if (!seen.has(type.name)) {
        seen.set(type.name, new Set());
        pending.push(type);
      }
    }
  };
  for (const root of rootTypes(schema)) {
    for (const field of Object.values(root.getFields())) {
      if (mayCall(`${root.name}.${field.name}`)) visitField(root.name, field);
    }
  }
  while (pending.length) {
    const type = pending.pop()!;
    for (const field of Object.values(type.getFields())) {
      if (view === 'STAFF' || open === null || open[view as NarrowView][type.name]?.includes(field.name)) visitField(type.name, field);
    }
  }
  return new Map(
    [...seen]
      .filter(([, fields]) => fields.size > 0)
      .sort(([a], [b]) => a.localeCompare(b, 'en'))
      .map(([type, fields]) => [type, [...fields].sort((a, b) => a.localeCompare(b, 'en'))]),
  );
}

/**
 * Guards every field that a narrow view could ask for but was not opened to it. Fields no narrow view can reach
 * (the metrics, the staff lists) keep their resolvers untouched: nothing to check, nothing to pay.
 */
export function closeFields(schema: GraphQLSchema, rootViews: RootViews, open: OpenFields): GraphQLSchema {
  const roots = new Set(rootTypes(schema).map((type) => type.name));
  for (const view of NARROW_VIEWS) {
    for (const typeName of Object.keys(open[view])) {
      const type = schema.getType(typeName);
      if (!isObjectType(type)) throw new Error(`views: ${view} opens fields of ${typeName}, which is no object type`);
      for (const fieldName of open[view][typeName]) {
        if (!type.getFields()[fieldName]) throw new Error(`views: ${view} opens ${typeName}.${fieldName}, which does not exist`);
      }
    }
  }
  const closedTo = new Map<GraphQLField<unknown, unknown>, Set<View>>();
  for (const view of NARROW_VIEWS) {
    for (const [typeName, fieldNames] of reachable(schema, view, (coordinate) => rootViews(coordinate).includes(view), null)) {
      if (roots.has(typeName)) continue;
      const fields = (schema.getType(typeName) as GraphQLObjectType).getFields();
      for (const fieldName of fieldNames) {
        if (open[view][typeName]?.includes(fieldName)) continue;
        const field = fields[fieldName];
        if (!closedTo.has(field)) closedTo.set(field, new Set());
        closedTo.get(field)!.add(view);
      }
    }
  }
  for (const [field, views] of closedTo) {
    field.resolve = guarded(
      (field.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<unknown, Context>,
      views,
    ) as GraphQLFieldResolver<unknown, unknown>;
  }
  return schema;
}

function guarded(resolve: GraphQLFieldResolver<unknown, Context>, closed: Set<View>): GraphQLFieldResolver<unknown, Context> {
  const refuse = () => forbidden('This field is not open to this credential.');
  return (source, args, context, info) => {
    // The root field's check has almost always resolved the caller already: no promise per field then.
    const known = context.knownPrincipal();
    if (known !== undefined) {
      if (closed.has(viewOf(known))) throw refuse();
      return resolve(source, args, context, info);
    }
    return context.principal().then((principal) => {
      if (closed.has(viewOf(principal))) throw refuse();
      return resolve(source, args, context, info);
    });
  };
}
