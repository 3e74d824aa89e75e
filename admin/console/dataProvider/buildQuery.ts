/**
 * Our buildQuery for ra-data-graphql: react-admin's calls onto the API's names (resources.ts). It needs no
 * introspection: the API's shapes are known, and in production only signed-in staff may introspect, so the
 * console must work before anyone has logged in.
 */
import type { BuildQuery, BuildQueryFactory } from 'ra-data-graphql';
import { CREATE, GET_LIST, GET_MANY, GET_MANY_REFERENCE, GET_ONE, UPDATE } from 'react-admin';
import type { Operation } from './operations';
import { RESOURCES } from './resources';

export const buildQuery: BuildQueryFactory = (): BuildQuery => (fetchType, resource, params) => {
  const api = RESOURCES[resource];
  if (!api) throw new Error(`The console has no resource ${resource}`);
  let operation: Operation | undefined;
  switch (fetchType) {
    case GET_LIST:
      operation = api.getList;
      break;
    case GET_MANY_REFERENCE:
      if (api.getList) {
        const list = api.getList;
        operation = ({ target, id, filter, ...rest }) => list({ ...rest, filter: { ...filter, [target]: id } });
      }
      break;
    case GET_ONE:
      operation = api.getOne;
      break;
    case GET_MANY:
      operation = api.getMany;
      break;
    case CREATE:
      operation = api.create;
      break;
    case UPDATE:
      operation = api.update?.[params.meta?.action ?? 'update'];
      break;
  }
  if (!operation)
    throw new Error(`The API offers no ${fetchType}${params?.meta?.action ? ` (${params.meta.action})` : ''} for ${resource}`);
  return operation(params);
};
