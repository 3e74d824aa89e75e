/**
 * Apollo's execution step done by graphql-jit, which compiles each operation into a function once and runs that for
 * every request of it. graphql-js walks the operation anew for each request: it builds a path, an info and an
 * arguments object for every field of every list item, which cost about 5 µs per metric group by partner org (2,000
 * of them at a million orders). Compiled, the same answer takes a fifth of that.
 *
 * Apollo still parses, validates and formats errors; only the execution is swapped, through its gateway interface,
 * the one place Apollo Server takes another executor. Apollo keeps each query's parsed document in an LRU cache, so
 * the compiled operations are kept beside it, weakly: they go when Apollo drops the document.
 *
 * Variables stay graphql-js's: it checks them first, so that a bad one is refused as before (Apollo knows its errors
 * as BAD_USER_INPUT). graphql-jit leaves out the default of an input object's field (PageInput's offset), so an
 * operation whose variables could hold such a field runs on graphql-js, as does any whose variables graphql-jit
 * refuses when graphql-js did not.
 */
import type { GatewayExecutor, GatewayInterface, GatewayLoadResult } from '@apollo/server-gateway-interface';
import {
  DocumentNode,
  execute,
  ExecutionResult,
  getNamedType,
  getVariableValues,
  GraphQLInputObjectType,
  GraphQLSchema,
  isInputObjectType,
  OperationDefinitionNode,
  printSchema,
  typeFromAST,
} from 'graphql';
import { CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

/** An operation compiled, graphql-jit's refusal to compile it, or 'graphql-js' to run it uncompiled. */
type Compiled = CompiledQuery | ExecutionResult | 'graphql-js';
type SchemaListener = Parameters<GatewayInterface['onSchemaLoadOrUpdate']>[0];

export function compiledExecution(schema: GraphQLSchema): GatewayInterface {
  const compiled = new WeakMap<DocumentNode, Map<string, Compiled>>();
  const compile = (document: DocumentNode, definition: OperationDefinitionNode, operationName: string | null): Compiled => {
    let byOperation = compiled.get(document);
    if (!byOperation) compiled.set(document, (byOperation = new Map()));
    const key = operationName ?? '';
    let operation = byOperation.get(key);
    if (!operation) {
      operation = takesFieldDefaults(schema, definition) ? 'graphql-js' : compileQuery(schema, document, operationName ?? undefined);
      byOperation.set(key, operation);
    }
    return operation;
  };
  const executor: GatewayExecutor = async ({ document, operation: definition, request, context }) => {
    // The name asked for: Apollo's own operationName is the name of the operation it found, null when none.
    const operationName = request.operationName ?? null;
    const variableValues = request.variables ?? {};
    const uncompiled = () => execute({ schema, document, operationName, contextValue: context, variableValues });
    // No operation by that name: graphql-js gives the refusal Apollo expects.
    if (!definition) return uncompiled();
    const variables = getVariableValues(schema, definition.variableDefinitions ?? [], variableValues, { maxErrors: 50 });
    if (variables.errors) return { errors: variables.errors };
    const operation = compile(document, definition, operationName);
    if (operation !== 'graphql-js') {
      // Not compiled: graphql-jit refuses what graphql-js would refuse before running it, as errors of the same kind.
      if (!isCompiledQuery(operation)) return operation;
      const result = await operation.query(undefined, context, variableValues);
      // Variables graphql-jit refuses leave no data: nothing ran, so graphql-js may.
      if ('data' in result) return result;
    }
    return uncompiled();
  };
  const listeners = new Set<SchemaListener>();
  return {
    onSchemaLoadOrUpdate(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async load(): Promise<GatewayLoadResult> {
      const coreSupergraphSdl = printSchema(schema);
      for (const listener of listeners) listener({ apiSchema: schema, coreSupergraphSdl });
      return { executor };
    },
    async stop() {
      listeners.clear();
    },
  };
}

/** Whether an operation's variables could hold an input object with a field that has a default value. */
export function takesFieldDefaults(schema: GraphQLSchema, definition: OperationDefinitionNode): boolean {
  const seen = new Set<GraphQLInputObjectType>();
  const hasDefaults = (type: GraphQLInputObjectType): boolean => {
    if (seen.has(type)) return false;
    seen.add(type);
    return Object.values(type.getFields()).some((field) => {
      if (field.defaultValue !== undefined) return true;
      const named = getNamedType(field.type);
      return isInputObjectType(named) && hasDefaults(named);
    });
  };
  return (definition.variableDefinitions ?? []).some(({ type }) => {
    const named = getNamedType(typeFromAST(schema, type as never));
    return isInputObjectType(named) && hasDefaults(named);
  });
}
