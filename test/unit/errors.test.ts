/** What leaves the server when something breaks: a code, never SQL, a stack or an input value. */
import { GraphQLError } from 'graphql';
import { formatError } from '../../server/platform/errors';

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
