/**
 * What nearly every staff request sends is prepared (server/platform/prepared.ts): the staff caller's row and the order
 * list's first page are parsed and planned once per connection, then only bound and run; a later page is not, so
 * that paging through a list leaves no statement per offset on every connection. A revoked token is still refused
 * on its next request, since a prepared statement keeps its plan, never its rows.
 */
import type { Pool, PoolClient } from 'pg';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { Harness, startHarness } from '../support/harness';
import { bookOrder } from '../support/wizard';

let h: Harness;
let admin: string;
/** Each statement the pool's connections were sent, with its name when it was sent as a prepared one. */
const sent: { name?: string; text: string }[] = [];

beforeAll(async () => {
  h = await startHarness();
  admin = await h.staffToken('ADMIN');
  await bookOrder(h);
  const pool = (h.db.driver as PostgresDriver).master as Pool;
  const wrapped = new WeakSet<PoolClient>();
  pool.on('acquire', (client) => {
    if (wrapped.has(client)) return;
    wrapped.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((statement: string | { name?: string; text: string }, ...rest: unknown[]) => {
      sent.push(typeof statement === 'string' ? { text: statement } : { name: statement.name, text: statement.text });
      return query(statement, ...rest);
    }) as typeof client.query;
  });
});
afterAll(() => h.close());

const LIST = `query ($page: PageInput) { orders(page: $page) { totalCount nodes { id } } }`;

/** The statements sent while `work` ran. */
async function sentWhile(work: () => Promise<unknown>): Promise<{ name?: string; text: string }[]> {
  sent.length = 0;
  await work();
  return [...sent];
}

test('the staff caller and a first page are prepared statements; a later page is not', async () => {
  const first = await sentWhile(() => h.gql(LIST, { page: { offset: 0, limit: 25 } }, { token: admin }));
  expect(first.map((s) => [s.text.includes('FROM staff') ? 'staff' : 'page', s.name?.startsWith('p_') ?? false])).toEqual([
    ['staff', true],
    ['page', true],
  ]);
  // Past the end: the page, then the tally alone.
  const later = await sentWhile(() => h.gql(LIST, { page: { offset: 25, limit: 25 } }, { token: admin }));
  expect(later.map((s) => s.name?.startsWith('p_') ?? false)).toEqual([true, false, false]);
});

test('a revoked staff token is refused on its next request, prepared or not', async () => {
  const token = await h.staffToken('ANALYST');
  expect((await h.gql(LIST, { page: { offset: 0, limit: 25 } }, { token })).errors).toBeUndefined();
  const logout = await h.gql(`mutation { staffLogout(input: {}) { userErrors { code } } }`, {}, { token });
  expect(logout.data.staffLogout.userErrors).toEqual([]);
  const refused = await h.gql(LIST, { page: { offset: 0, limit: 25 } }, { token });
  expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
});
