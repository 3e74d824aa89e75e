/**
 * The shapes of our API that the console's resources are built from: a paged list (`filter`, `sort`,
 * `page: {offset, limit}` returning `{nodes, totalCount}`), a record by id, and a mutation with one `input`
 * whose payload ends in `userErrors`. Each helper returns what ra-data-graphql wants from buildQuery for one
 * call: the document, its variables and a parseResponse that hands react-admin `{data}` or `{data, total}`.
 */
import { gql } from '@apollo/client';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { BuildQueryResult } from 'ra-data-graphql';
import type { RaRecord } from 'react-admin';
import { Refusal, UserError } from './refusal';

/** One react-admin call (getList, update, ...) of one resource, turned into one GraphQL request. */
export type Operation = (params: any) => BuildQueryResult;

export interface ResourceApi {
  /** Also serves getManyReference, with the reference's target added to the filter. */
  getList?: Operation;
  getOne?: Operation;
  getMany?: Operation;
  create?: Operation;
  /** Updates by the action named in `meta.action` (a business action such as `extendTrial`); `update` when none is. */
  update?: Record<string, Operation>;
}

export interface Pagination {
  page: number;
  perPage: number;
}

export interface Sort {
  field: string;
  order: 'ASC' | 'DESC';
}

/** react-admin's page number and size as the API's offset and limit. */
export function pageInput(pagination?: Pagination): { offset: number; limit: number } {
  const perPage = pagination?.perPage ?? 25;
  return { offset: ((pagination?.page ?? 1) - 1) * perPage, limit: perPage };
}

/** Drops what a filter form leaves empty: the API reads an empty string as a real (and matching-nothing) value. */
function isSet(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  return !Array.isArray(value) || value.length > 0;
}

export interface PagedListSpec {
  /** The root field, e.g. `orders`. */
  field: string;
  /** The fields of one record. */
  selection: string;
  /** The filter's input type and the keys it takes; react-admin's full-text `q` is the API's `search`. */
  filter?: { type: string; keys: readonly string[] };
  /** The sort's input type and the API's sort field for each sortable column. */
  sort?: { type: string; fields: Record<string, string> };
}

export function pagedList(spec: PagedListSpec): Operation {
  const declared = ['$page: PageInput'];
  const args = ['page: $page'];
  if (spec.filter) {
    declared.push(`$filter: ${spec.filter.type}`);
    args.push('filter: $filter');
  }
  if (spec.sort) {
    declared.push(`$sort: ${spec.sort.type}`);
    args.push('sort: $sort');
  }
  const query = gql`query ${spec.field}(${declared.join(', ')}) {
    data: ${spec.field}(${args.join(', ')}) { nodes { ${spec.selection} } totalCount }
  }`;
  return (params) => {
    const variables: Record<string, unknown> = { page: pageInput(params.pagination) };
    if (spec.filter) {
      const filter: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(params.filter ?? {})) {
        const name = key === 'q' ? 'search' : key;
        if (spec.filter.keys.includes(name) && isSet(value)) filter[name] = value;
      }
      variables.filter = filter;
    }
    const field = params.sort && spec.sort?.fields[params.sort.field];
    if (field) variables.sort = { field, direction: params.sort.order === 'ASC' ? 'ASC' : 'DESC' };
    return {
      query,
      variables,
      parseResponse: ({ data }) => ({ data: data.data.nodes, total: data.data.totalCount }),
    };
  };
}

/** `field(id: $id)` for getOne, and the same field once per id, under aliases, for getMany. */
export function byId(field: string, selection: string): Pick<ResourceApi, 'getOne' | 'getMany'> {
  const one = gql`query ${field}($id: ID!) { data: ${field}(id: $id) { ${selection} } }`;
  return {
    getOne: (params) => ({
      query: one,
      variables: { id: String(params.id) },
      parseResponse: ({ data }) => {
        if (!data.data) throw new Error('ra.notification.item_doesnt_exist');
        return { data: data.data };
      },
    }),
    getMany: (params) => {
      const ids: string[] = params.ids.map(String);
      const query = gql`query ${field}Many(${ids.map((_, i) => `$id${i}: ID!`).join(', ')}) {
        ${ids.map((_, i) => `r${i}: ${field}(id: $id${i}) { ${selection} }`).join('\n')}
      }`;
      return {
        query,
        variables: Object.fromEntries(ids.map((id, i) => [`id${i}`, id])),
        parseResponse: ({ data }) => ({ data: ids.map((_, i) => data[`r${i}`]).filter(Boolean) }),
      };
    },
  };
}

export interface MutationSpec {
  /** The mutation, e.g. `customerOrgUpdate`, and its input type. */
  field: string;
  inputType: string;
  /** The input, from react-admin's params (`id`, `data`, `previousData`). */
  input: (params: any) => Record<string, unknown>;
  /** The payload field that holds the record, and the record's fields (the same as getOne's, so the cache stays whole). */
  payload: string;
  selection: string;
  /**
   * Which input fields are inputs of the console's form, by the form's source where it is named differently.
   * A refusal naming one of them shows under that input; any other refusal (a stale version, an order past
   * the point of no return) shows above the form.
   */
  formFields?: Record<string, string>;
  /** A payload field shown only this once (a generated password, a new API key), added to the returned record. */
  shownOnce?: string;
}

export function mutation(spec: MutationSpec): Operation {
  return payloadMutation(spec, `${spec.payload} { ${spec.selection} } ${spec.shownOnce ?? ''}`, (payload) => {
    const record = payload[spec.payload];
    return spec.shownOnce ? { ...record, [spec.shownOnce]: payload[spec.shownOnce] } : record;
  });
}

/**
 * A mutation that acts beside the record rather than on it (send events again): its payload's `selection` is not
 * the record, so react-admin is handed the record as it was. Refusals as with `mutation`.
 */
export function sideEffect(spec: Omit<MutationSpec, 'payload' | 'shownOnce'>): Operation {
  return payloadMutation(spec, spec.selection, (_payload, params) => params.previousData);
}

/** `field(input: $input) { <selected> userErrors }`: a refusal thrown as a Refusal, else the record `answer` makes. */
function payloadMutation(
  spec: Pick<MutationSpec, 'field' | 'inputType' | 'input' | 'formFields'>,
  selected: string,
  answer: (payload: Record<string, any>, params: any) => RaRecord,
): Operation {
  const query = gql`mutation ${spec.field}($input: ${spec.inputType}!) {
    data: ${spec.field}(input: $input) {
      ${selected}
      userErrors { field message code }
    }
  }`;
  return (params) => ({
    query,
    variables: { input: spec.input(params) },
    parseResponse: ({ data }) => {
      const payload = data.data as Record<string, any> & { userErrors: UserError[] };
      if (payload.userErrors.length) throw new Refusal(payload.userErrors, spec.formFields ?? {});
      return { data: answer(payload, params) };
    },
  });
}

/** A list the API returns whole (the supported countries): filtered, sorted and paged here. */
export function wholeList<TData, TRecord extends RaRecord>(
  query: TypedDocumentNode<TData, Record<string, never>>,
  records: (data: TData) => TRecord[],
  matches: (record: TRecord, filter: any) => boolean,
  /** How a column sorts when not by its own value (a name shown in the console's language), and in which language. */
  sorting: { value?: (record: TRecord, field: string) => unknown; compare?: (a: string, b: string) => number } = {},
) {
  const value = sorting.value ?? ((record: TRecord, field: string) => record[field]);
  const compare = sorting.compare ?? ((a: string, b: string) => a.localeCompare(b));
  return {
    getList: (params: any): BuildQueryResult => ({
      query,
      parseResponse: ({ data }: { data: TData }) => {
        const sort: Sort = params.sort ?? { field: 'id', order: 'ASC' };
        const found = records(data)
          .filter((record) => matches(record, params.filter ?? {}))
          .sort((a, b) => {
            const order = compare(String(value(a, sort.field) ?? ''), String(value(b, sort.field) ?? ''));
            return sort.order === 'DESC' ? -order : order;
          });
        const { offset, limit } = pageInput(params.pagination);
        return { data: found.slice(offset, offset + limit), total: found.length };
      },
    }),
    getOne: (params: any): BuildQueryResult => ({
      query,
      parseResponse: ({ data }: { data: TData }) => {
        const record = records(data).find((candidate) => candidate.id === params.id);
        if (!record) throw new Error('ra.notification.item_doesnt_exist');
        return { data: record };
      },
    }),
    getMany: (params: any): BuildQueryResult => ({
      query,
      parseResponse: ({ data }: { data: TData }) => ({ data: records(data).filter((record) => params.ids.includes(record.id)) }),
    }),
  };
}
