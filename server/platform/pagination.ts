/** The one way staff lists page and sort: offset pages of at most 200 rows with the total count, as react-admin expects. */
import { GraphQLError } from 'graphql';
import { ClassType, Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { FindOperator, ObjectLiteral, Raw, SelectQueryBuilder } from 'typeorm';

export const MAX_PAGE_SIZE = 200;

/**
 * The most rows a list without a page holds for each of its owners (an order's links, emails and sessions, a
 * partner's customer orgs, a session's events): whatever an owner accumulates, a request that selects them for a
 * page of owners reads at most this many each.
 */
export const MAX_NESTED_LIST = 200;

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, {
  name: 'SortDirection',
  description: 'The order of a sorted list.',
  valuesConfig: {
    ASC: { description: 'Smallest, earliest or alphabetically first at the top.' },
    DESC: { description: 'Largest, latest or alphabetically last at the top.' },
  },
});

@InputType({ description: 'Which page: skip `offset` rows, then take `limit` (1 to 200).' })
export class PageInput {
  @Field(() => Int, { defaultValue: 0, description: 'How many rows to skip, 0 or more.' })
  offset: number = 0;

  @Field(() => Int, { defaultValue: 25, description: 'How many rows to return at most, 1 to 200.' })
  limit: number = 25;
}

export interface Page<T> {
  nodes: T[];
  totalCount: number;
}

/** A page type per node type, e.g. OrderPage { nodes: [Order!]!, totalCount: Int! }. */
export function PageType<T extends object>(node: ClassType<T>) {
  @ObjectType(`${node.name}Page`, { description: `A page of ${node.name} records and how many match in all.`, simpleResolvers: true })
  class PageOf {
    @Field(() => [node], { description: 'The records of this page, in the order asked for.' })
    nodes: T[];

    @Field(() => Int, { description: 'How many records match the filter, over all pages.' })
    totalCount: number;
  }
  return PageOf;
}

export function badInput(message: string, argument: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argument } });
}

/** Refuses a page out of bounds, naming the `page` argument. */
export function checkPage(page: PageInput = new PageInput()): PageInput {
  if (!Number.isInteger(page.offset) || page.offset < 0) throw badInput('page.offset must be 0 or more.', 'page');
  if (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > MAX_PAGE_SIZE) {
    throw badInput(`page.limit must be from 1 to ${MAX_PAGE_SIZE}.`, 'page');
  }
  return page;
}

/**
 * A page of a one-table query and its total count, sent at once on two pooled connections. Not
 * TypeORM's getManyAndCount: its COUNT(DISTINCT id) guards against joins that repeat rows, which no
 * staff list has, and dedupes a million ids (138 ms against 75 for count(*) on the order list).
 */
export async function pageOf<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  page: PageInput = new PageInput(),
  /** The total another way, where one is kept (it must equal the query's count(*)). */
  count: () => Promise<number> = async () => {
    const counted = await query.clone().orderBy().select('count(*)', 'count').getRawOne<{ count: string }>();
    return Number(counted?.count ?? 0);
  },
): Promise<Page<T>> {
  const { offset, limit } = checkPage(page);
  const [nodes, totalCount] = await Promise.all([query.clone().offset(offset).limit(limit).getMany(), count()]);
  return { nodes, totalCount };
}

/**
 * A condition on a row's id: among the first MAX_NESTED_LIST rows of `table` of each owner in `owners`, in the SQL
 * `order` (of `table`'s columns). A list of many owners' rows stays one statement, bounded per owner.
 */
export function firstOfEachOwner(table: string, owner: string, owners: readonly string[], order: string): FindOperator<string> {
  return Raw(
    (id) =>
      `${id} IN (SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY ${owner} ORDER BY ${order}) AS n ` +
      `FROM ${table} WHERE ${owner} = ANY (:firstOfEachOwner)) ranked WHERE n <= ${MAX_NESTED_LIST})`,
    { firstOfEachOwner: [...owners] },
  );
}

/** An ILIKE pattern for "contains this text", with %, _ and \ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
