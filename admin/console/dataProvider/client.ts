/**
 * The Apollo client behind the data provider and the login: POST /graphql on the console's own server, the
 * staff token as a bearer, and the console's language in Accept-Language so that refusals come back in it.
 */
import { ApolloClient, HttpLink, InMemoryCache, from } from '@apollo/client';
import { setContext } from '@apollo/client/link/context';
import { readCredentials } from '../credentials';
import { i18nProvider } from '../i18n';

export function createApolloClient(language: () => string): ApolloClient<unknown> {
  const headers = setContext((_operation, { headers: given }) => {
    const token = readCredentials()?.token;
    return {
      headers: {
        ...given,
        'accept-language': language(),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    };
  });
  return new ApolloClient({
    link: from([headers, new HttpLink({ uri: '/graphql' })]),
    // react-admin keeps its own cache (react-query); Apollo's would only hold a second copy of every page.
    cache: new InMemoryCache(),
    defaultOptions: {
      query: { fetchPolicy: 'no-cache' },
      mutate: { fetchPolicy: 'no-cache' },
    },
  });
}

let shared: ApolloClient<unknown> | undefined;

/**
 * The console's one client, in the console's language, made on first use: the sign-in (ConsoleAdmin.tsx) imports
 * this module when it first talks to the server, so the login page loads without Apollo and graphql.
 */
export function consoleClient(): ApolloClient<unknown> {
  shared ??= createApolloClient(() => i18nProvider.getLocale());
  return shared;
}
