/** Guards in front of the GraphQL layer for requests that Apollo or PostgreSQL would otherwise turn into faults. */
import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import { GraphQLError, Kind, ValidationRule } from 'graphql';
import type { Context } from './context';

/** Refuses, before anything runs, a POST whose Accept header admits no JSON answer (Apollo would run a mutation first, then refuse). */
export function acceptsJson(req: Request, res: Response, next: NextFunction): void {
  if (req.method === 'POST' && req.headers.accept && !req.accepts(['application/json', 'application/graphql-response+json'])) {
    res.status(406).json({ errors: [{ message: 'The Accept header admits no JSON answer.', extensions: { code: 'BAD_REQUEST' } }] });
    return;
  }
  next();
}

/** Body-parser refusals (bad JSON, charset, size) as GraphQL-shaped JSON, never express's HTML page with its stack. */
export function jsonErrors(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) return next(error);
  const status = (error as { status?: unknown })?.status;
  const client = typeof status === 'number' && status >= 400 && status < 500;
  const message = !client
    ? 'Internal server error.'
    : status === 413
      ? 'The request body is too large.'
      : status === 415
        ? 'The request body has an unsupported encoding.'
        : 'The request body is not valid JSON.';
  res.status(client ? status : 500).json({ errors: [{ message, extensions: { code: client ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR' } }] });
}

/** The schema has no subscriptions; graphql-js would only notice at execution, as a fault. */
export const noSubscriptions: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation === 'subscription') context.reportError(new GraphQLError('This API has no subscriptions.', { nodes: node }));
  },
});

const NUL_MESSAGE = 'Text may not contain the NUL character (U+0000).';

export const noNulInLiterals: ValidationRule = (context) => ({
  [Kind.STRING](node) {
    if (node.value.includes('\u0000')) context.reportError(new GraphQLError(NUL_MESSAGE, { nodes: node }));
  },
});

function hasNul(variables: unknown): boolean {
  // Iterative: variables may nest deeper than the stack.
  const pending: unknown[] = [variables];
  while (pending.length) {
    const value = pending.pop();
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return true;
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key.includes('\u0000')) return true;
        pending.push(inner);
      }
    }
  }
  return false;
}

/** PostgreSQL text cannot hold U+0000: refuse it as the client's mistake rather than fail in SQL. */
export const noNulInVariables: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request }) {
        if (hasNul(request.variables))
          throw new GraphQLError(NUL_MESSAGE, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
      },
    };
  },
};
