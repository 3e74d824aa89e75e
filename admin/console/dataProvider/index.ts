/** The console's data provider: ra-data-graphql with our buildQuery, on the shared Apollo client. */
import type { ApolloClient } from '@apollo/client';
import buildGraphQLProvider from 'ra-data-graphql';
import type { DataProvider } from 'react-admin';
import { buildQuery } from './buildQuery';

/** The server refuses more than 15 aliases in one operation; getMany asks for one record per alias. */
const MAX_IDS_PER_REQUEST = 15;

export function createDataProvider(client: ApolloClient<unknown>): DataProvider {
  // ra-data-graphql asks for `network-only` unless told otherwise, which writes every page into Apollo's normalised
  // cache (a second copy of react-admin's, and the dashboard's costliest script after React's rendering).
  const provider = buildGraphQLProvider({ client, buildQuery, introspection: false, query: () => ({ fetchPolicy: 'no-cache' }) });
  return {
    ...provider,
    async getMany(resource, params) {
      const chunks = [];
      for (let start = 0; start < params.ids.length; start += MAX_IDS_PER_REQUEST) {
        chunks.push(provider.getMany(resource, { ...params, ids: params.ids.slice(start, start + MAX_IDS_PER_REQUEST) }));
      }
      return { data: (await Promise.all(chunks)).flatMap((chunk) => chunk.data) };
    },
  };
}
