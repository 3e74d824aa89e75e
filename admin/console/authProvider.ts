/**
 * Staff sign-in for react-admin: the API's `login` mutation, its token kept until it expires or the user logs
 * out (`staffLogout` ends it on the server too), the role as the permissions, and canAccess from the role table in
 * access.ts. The API client comes from `apollo`, so that it can be loaded when first needed.
 */
import type { ApolloClient } from '@apollo/client';
import type { AuthProvider } from 'react-admin';
import { LoginDocument, StaffLogoutDocument } from '../generated/console';
import { mayDo } from './access';
import { forgetCredentials, readCredentials, saveCredentials } from './credentials';

/** How long signing out waits for the server to end the token before dropping it here regardless. */
const LOGOUT_WAIT_MS = 3000;

/** The GraphQL error code of a failure from the data provider (ra-data-graphql keeps Apollo's error as the body). */
function errorCode(error: unknown): string | undefined {
  const body = (error as { body?: { graphQLErrors?: { extensions?: { code?: string } }[] } } | null)?.body;
  return body?.graphQLErrors?.[0]?.extensions?.code;
}

/**
 * `signedOut` is called whenever the credentials are dropped here (logging out, or the server refusing the token),
 * so that the app can leave the signed-in pages at once (App.tsx).
 */
export function createAuthProvider(apollo: () => Promise<ApolloClient<unknown>>, signedOut: () => void = () => undefined): AuthProvider {
  return {
    async login({ username, password }: { username: string; password: string }) {
      forgetCredentials();
      const client = await apollo();
      const { data } = await client.mutate({ mutation: LoginDocument, variables: { input: { email: username, password } } });
      const payload = data!.login;
      if (payload.userErrors.length || !payload.token || !payload.staff) {
        throw new Error(payload.userErrors.map((error) => error.message).join(' '));
      }
      saveCredentials({ token: payload.token, staff: payload.staff });
    },
    async logout() {
      // The server ends the token, so a copy of it left in a browser or a log stops working; an unreachable or slow
      // server does not keep the user signed in here. The token is read for the request before it is forgotten.
      if (readCredentials()) {
        const client = await apollo();
        let timer: ReturnType<typeof setTimeout> | undefined;
        const ended = client.mutate({ mutation: StaffLogoutDocument, variables: { input: {} } }).catch(() => undefined);
        await Promise.race([ended, new Promise((resolve) => (timer = setTimeout(resolve, LOGOUT_WAIT_MS)))]);
        clearTimeout(timer);
      }
      forgetCredentials();
      signedOut();
      // No redirect from react-admin: the sign-in gate (main.tsx) has already replaced the page with the login
      // page, keeping the page to come back to; react-admin's own, later navigation would push a second entry.
      return false;
    },
    async checkAuth() {
      if (!readCredentials()) throw new Error('ra.auth.auth_check_error');
    },
    async checkError(error) {
      // An expired token, or a disabled account: sign in again. FORBIDDEN is not a sign-in problem: the page says so.
      if (errorCode(error) === 'UNAUTHENTICATED' || error?.status === 401) {
        forgetCredentials();
        signedOut();
        throw new Error('ra.auth.auth_check_error');
      }
    },
    async getIdentity() {
      const credentials = readCredentials();
      if (!credentials) throw new Error('ra.auth.auth_check_error');
      return { id: credentials.staff.id, fullName: credentials.staff.email };
    },
    async getPermissions() {
      return readCredentials()?.staff.role;
    },
    async canAccess({ resource, action }) {
      return mayDo(readCredentials()?.staff.role, resource, action);
    },
  };
}
