/** What leaves the server when something breaks: a code, never SQL, a stack or an input value. */
import { GraphQLError } from 'graphql';
import { TIMEOUT_MESSAGE } from '../../server/platform/deadline';
import { formatError, statusOf } from '../../server/platform/errors';

const fault = {
  message: 'duplicate key value violates unique constraint "webex_user_email_key" (lower(email))=(it@contoso.example)',
  path: ['provisioningConfirm'],
  extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['QueryFailedError: ...', '    at PostgresQueryRunner.query'] },
};

test('outside development a fault is a bare INTERNAL_SERVER_ERROR', () => {
  expect(formatError(false)(fault)).toEqual({
    message: 'Internal server error.',
    path: ['provisioningConfirm'],
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
});

test('in development the fault keeps its detail, for the person debugging', () => {
  expect(formatError(true)(fault)).toEqual(fault);
});

test('client mistakes keep their message but lose any stack trace', () => {
  const denied = new GraphQLError('This credential may not do that.', { extensions: { code: 'FORBIDDEN', stacktrace: ['at x'] } });
  expect(formatError(false)(denied.toJSON())).toEqual({ message: 'This credential may not do that.', extensions: { code: 'FORBIDDEN' } });
});

test('no "did you mean" leaves the server, in development or not, whatever the error', () => {
  const enumValue = {
    message:
      'Variable "$s" got invalid value "BOOKD" at "s[0]"; Value "BOOKD" does not exist in "OrderStatus" enum. Did you mean the enum value "BOOKED"?',
    extensions: { code: 'BAD_USER_INPUT' },
  };
  const field = {
    message: 'Cannot query field "orderz" on type "Query". Did you mean "order" or "orders"?',
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
  };
  for (const exposeInternals of [false, true]) {
    expect(formatError(exposeInternals)(enumValue).message).toBe(
      'Variable "$s" got invalid value "BOOKD" at "s[0]"; Value "BOOKD" does not exist in "OrderStatus" enum.',
    );
    expect(formatError(exposeInternals)(field).message).toBe('Cannot query field "orderz" on type "Query".');
  }
});

test('an error with no code is a fault in every configuration, never a crash of the formatter', () => {
  expect(formatError(false)({ message: 'boom' })).toEqual({
    message: 'Internal server error.',
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
  expect(formatError(true)({ message: 'boom' })).toEqual({ message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
});

test('each code answers one HTTP status: refusals while running 200, malformed requests 400, throttling 429; a fault 200', () => {
  expect(
    Object.fromEntries(
      ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'SESSION_ENDED', 'INTERNAL_SERVER_ERROR'].map((code) => [code, statusOf([code])]),
    ),
  ).toEqual({ UNAUTHENTICATED: 200, FORBIDDEN: 200, NOT_FOUND: 200, SESSION_ENDED: 200, INTERNAL_SERVER_ERROR: 200 });
  expect(['BAD_USER_INPUT', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST'].map((code) => statusOf([code]))).toEqual([
    400, 400, 400, 400,
  ]);
  expect(statusOf(['RATE_LIMITED'])).toBe(429);
  // An answer with several errors takes the most severe one's status.
  expect(statusOf(['FORBIDDEN', 'BAD_USER_INPUT', 'RATE_LIMITED'])).toBe(429);
});

test('a statement PostgreSQL cancelled at its timeout reaches the client as TIMEOUT, not as a fault', () => {
  const cancelled = Object.assign(new Error('canceling statement due to statement timeout'), { driverError: { code: '57014' } });
  const error = new GraphQLError(cancelled.message, { path: ['orders'], originalError: cancelled });
  expect(formatError(false)(error.toJSON(), error)).toEqual({
    message: TIMEOUT_MESSAGE,
    path: ['orders'],
    extensions: { code: 'TIMEOUT' },
  });
});
