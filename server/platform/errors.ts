/**
 * The one error mechanism. Services throw a Refusal for a domain rule; mutations turn it into
 * `userErrors` in the caller's language. Everything else that is thrown is a fault or an
 * access problem and leaves as a GraphQL error with `extensions.code` and no internals.
 */
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { Field, ObjectType } from 'type-graphql';
import { TIMEOUT_MESSAGE } from './deadline';
import { formatMessage, Language, UserErrorCode } from './messages';

export interface Problem {
  code: UserErrorCode;
  /** Path to the input field at fault, such as ['input', 'adminEmail']. */
  field?: string[];
  params?: Record<string, string | number>;
}

export class Refusal extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => p.code).join(', '));
  }

  static of(code: UserErrorCode, field?: string, params?: Problem['params']): Refusal {
    return new Refusal([{ code, field: field ? ['input', field] : undefined, params }]);
  }
}

/** Throws when any check found a problem, so that a mutation reports all of them at once. */
export function refuseIfAny(problems: Problem[]): void {
  if (problems.length > 0) throw new Refusal(problems);
}

export function problem(code: UserErrorCode, field?: string, params?: Problem['params']): Problem {
  return { code, field: field ? ['input', field] : undefined, params };
}

@ObjectType({ description: 'A refusal of a mutation by a domain rule. Nothing was changed.' })
export class UserError {
  @Field(() => [String], { nullable: true, description: 'Path to the input field at fault, when one is.' })
  field?: string[];

  @Field({ description: "The refusal, in the request's Accept-Language (English or Bulgarian)." })
  message: string;

  /** Its description lists every code once every feature's are known (userErrorCodeDescription, set by the schema). */
  @Field({ description: 'Stable machine-readable code.' })
  code: string;
}

export function toUserErrors(refusal: Refusal, language: Language): UserError[] {
  return refusal.problems.map((p) => ({
    field: p.field,
    code: p.code,
    message: formatMessage(p.code, language, p.params),
  }));
}

/** Runs a mutation's work; a Refusal becomes the payload's userErrors, anything else propagates. */
export interface Outcome {
  clientMutationId?: string;
  userErrors: UserError[];
}

export async function mutate<T extends object>(
  language: Language,
  work: () => Promise<T>,
  clientMutationId?: string,
): Promise<(T & Outcome) | Outcome> {
  try {
    return { clientMutationId, ...(await work()), userErrors: [] };
  } catch (error) {
    if (error instanceof Refusal) return { clientMutationId, userErrors: toUserErrors(error, language) };
    throw error;
  }
}

export function unauthenticated(message = 'A valid credential is required.'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED' } });
}

export function forbidden(message = 'This credential may not do that.'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

/** A wizard token whose session ended, used beyond reading the session's final result. */
export function sessionEnded(): GraphQLError {
  return new GraphQLError('This wizard session has ended; its token reads only its final result.', {
    extensions: { code: 'SESSION_ENDED' },
  });
}

/**
 * Every code a client can meet for its own mistake or its credential, with the one HTTP status it answers with, in
 * every configuration. A code not listed is a fault: INTERNAL_SERVER_ERROR, logged once with the request's id.
 * Errors raised while the operation runs answer 200 beside whatever data was resolved (a mutation that committed
 * keeps its answer); a request refused before anything ran answers 400; throttling answers 429.
 */
export const CLIENT_ERROR_STATUS: Readonly<Record<string, number>> = {
  UNAUTHENTICATED: 200,
  FORBIDDEN: 200,
  NOT_FOUND: 200,
  SESSION_ENDED: 200,
  TIMEOUT: 200,
  BAD_USER_INPUT: 400,
  GRAPHQL_PARSE_FAILED: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  PERSISTED_QUERY_NOT_FOUND: 400,
  PERSISTED_QUERY_NOT_SUPPORTED: 400,
  OPERATION_RESOLUTION_FAILURE: 400,
  RATE_LIMITED: 429,
};

/** The HTTP status of an answer carrying these error codes: the most severe one's. */
export function statusOf(codes: Iterable<string>): number {
  let status = 200;
  for (const code of codes) status = Math.max(status, CLIENT_ERROR_STATUS[code] ?? 200);
  return status;
}

export function isClientCode(code: unknown): boolean {
  return typeof code === 'string' && code in CLIENT_ERROR_STATUS;
}

/** graphql-js's "Did you mean ...?" names types, fields and enum values the caller may not know of: never sent. */
export function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean [\s\S]*\?$/, '');
}

/**
 * Apollo's formatError: client mistakes keep their message (less any suggestion); faults become a bare
 * INTERNAL_SERVER_ERROR so that no SQL, stack or input value leaves the server outside development.
 */
export function formatError(exposeInternals: boolean) {
  return (formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError => {
    const code = String(formatted.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
    // PostgreSQL cancelled a statement past STATEMENT_TIMEOUT_MS: the request took too long, as at its deadline.
    if (!isClientCode(code) && cancelledByTimeout(error)) {
      return { message: TIMEOUT_MESSAGE, locations: formatted.locations, path: formatted.path, extensions: { code: 'TIMEOUT' } };
    }
    // The parser gives up on a document nested deeper than its stack with the RangeError's own message.
    if (code === 'GRAPHQL_PARSE_FAILED' && !formatted.message.startsWith('Syntax Error')) {
      return { message: 'Syntax Error: the document is nested too deeply.', extensions: { code } };
    }
    if (isClientCode(code)) {
      const { stacktrace: _omit, http: _status, ...extensions } = formatted.extensions ?? {};
      return {
        ...formatted,
        message: withoutSuggestions(formatted.message),
        extensions: exposeInternals ? formatted.extensions : extensions,
      };
    }
    if (exposeInternals) return { ...formatted, extensions: { ...formatted.extensions, code: 'INTERNAL_SERVER_ERROR' } };
    return {
      message: 'Internal server error.',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/** Whether a GraphQL error wraps PostgreSQL's query_canceled (57014), which statement_timeout raises. */
function cancelledByTimeout(error: unknown): boolean {
  const original = (error as { originalError?: { code?: string; driverError?: { code?: string } } } | undefined)?.originalError;
  return (original?.driverError ?? original)?.code === '57014';
}

/** Whether a database error is PostgreSQL's unique_violation on the named index (TypeORM wraps the driver's error). */
export function violatesUnique(error: unknown, index: string): boolean {
  const wrapped = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const cause = wrapped.driverError ?? wrapped;
  return cause.code === '23505' && cause.constraint === index;
}

/** The description of UserError.code: every code with its English message. */
export function userErrorCodeDescription(codes: [string, { en: string }][]): string {
  return `Stable machine-readable code, one of:\n${codes.map(([code, messages]) => `- ${code}: ${messages.en}`).join('\n')}`;
}
