/**
 * Per-request batching with DataLoader: the field resolvers of a page's rows ask in the same tick,
 * and each relation costs one statement for the whole page, whatever its length. Batching only, no
 * memoization (cache: false): a mutation later in the same request must never be answered with a
 * row read before it. Each feature keeps its loaders in the request's scope (context.ts), made on
 * first use, since most requests (the wizard's) select no relation at all.
 */
import DataLoader from 'dataloader';

/** A loader of rows by id; an id without a row loads null. */
export function byId<T extends { id: string }>(fetch: (ids: readonly string[]) => Promise<T[]>): DataLoader<string, T | null> {
  return new DataLoader(
    async (ids) => {
      const found = new Map((await fetch([...new Set(ids)])).map((row) => [row.id, row]));
      return ids.map((id) => found.get(id) ?? null);
    },
    { cache: false },
  );
}

/** A loader of each key's rows, from one fetch of all the keys' rows (kept in the fetch's order). */
export function grouped<K, T>(
  fetch: (keys: readonly K[]) => Promise<T[]>,
  keyOf: (key: K) => string,
  ownerOf: (row: T) => string,
): DataLoader<K, T[]> {
  return new DataLoader(
    async (keys) => {
      const unique = new Map(keys.map((key) => [keyOf(key), key]));
      const rows = new Map<string, T[]>([...unique.keys()].map((key) => [key, []]));
      for (const row of await fetch([...unique.values()])) rows.get(ownerOf(row))?.push(row);
      return keys.map((key) => rows.get(keyOf(key))!);
    },
    { cache: false },
  );
}

/** A loader of one answer per key, from a fetch that answers for all the keys in their order. */
export function each<K, T>(fetch: (keys: readonly K[]) => Promise<T[]>): DataLoader<K, T> {
  return new DataLoader((keys) => fetch(keys), { cache: false });
}

/**
 * A loader of one answer per key, the keys batched by `batchOf` (keys of one batch share what is asked
 * for beside the owner, such as the page) and each batch fetched at once; a failed batch fails its keys only.
 */
export function batchedBy<K, T>(
  batchOf: (key: K) => string,
  keyOf: (key: K) => string,
  fetch: (batch: K[]) => Promise<T[]>,
): DataLoader<K, T> {
  return new DataLoader(
    async (keys) => {
      const answers = new Map<string, T | Error>();
      const batches = new Map<string, K[]>();
      for (const key of keys) {
        const batch = batches.get(batchOf(key));
        if (batch) batch.push(key);
        else batches.set(batchOf(key), [key]);
      }
      for (const batch of batches.values()) {
        try {
          const found = await fetch(batch);
          batch.forEach((key, i) => answers.set(keyOf(key), found[i]));
        } catch (error) {
          for (const key of batch) answers.set(keyOf(key), error as Error);
        }
      }
      return keys.map((key) => answers.get(keyOf(key))!);
    },
    { cache: false },
  );
}

/** What one request keeps for its own course, by owner: each feature's loaders. */
export class RequestScope {
  private readonly kept = new Map<object, unknown>();

  keep<T>(owner: object, make: () => T): T {
    if (!this.kept.has(owner)) this.kept.set(owner, make());
    return this.kept.get(owner) as T;
  }
}
