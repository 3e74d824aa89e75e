/**
 * One answer per error class on every path: the HTTP status follows the error codes (CLIENT_ERROR_STATUS), a fault is
 * logged once with the operation, the caller's role and the request's id, and the client gets that id in the fault's
 * `extensions.requestId` to quote when it reports the problem.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { Context, Principal } from './context';
import { isClientCode, statusOf } from './errors';

/** The role a log line names: the staff role, COMMERCE for an API key, WIZARD, or ANONYMOUS. */
export function roleOf(principal: Principal | null): string {
  if (!principal) return 'ANONYMOUS';
  switch (principal.kind) {
    case 'STAFF':
      return principal.role;
    case 'API_KEY':
      return 'COMMERCE';
    case 'WIZARD':
      return 'WIZARD';
  }
}

async function callerRole(context: Context): Promise<string> {
  try {
    return roleOf(await context.principal());
  } catch {
    return 'UNKNOWN';
  }
}

function isFault(error: GraphQLError): boolean {
  return !isClientCode(error.extensions?.code);
}

export function errorReporting(logger: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName, request }) {
          const faults = errors.filter(isFault);
          if (faults.length === 0) return;
          const role = await callerRole(contextValue);
          for (const fault of faults) {
            const cause = fault.originalError ?? fault;
            logger.error(
              {
                requestId: contextValue.requestId,
                operation: operationName ?? request.operationName ?? null,
                role,
                path: fault.path?.join('.'),
                err: { type: cause.name, message: cause.message, stack: cause.stack },
              },
              'fault while answering a GraphQL request',
            );
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors;
          if (!errors?.length) return;
          const codes = errors.map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          // A client error Apollo gave a more precise status keeps it: 405 for a mutation sent with GET.
          const apollo = response.http.status;
          response.http.status = Math.max(statusOf(codes), apollo !== undefined && apollo >= 400 && apollo < 500 ? apollo : 0);
          response.body.singleResult.errors = errors.map((error, i) =>
            isClientCode(codes[i]) ? error : { ...error, extensions: { ...error.extensions, requestId: contextValue.requestId } },
          );
        },
      };
    },
  };
}
