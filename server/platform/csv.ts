/**
 * What the CSV exports (/exports/...) share: the staff bearer check, the API's refusal shape, CSV fields safe to open
 * in a spreadsheet, a query read through a PostgreSQL cursor in batches, and the streamed answer with back-pressure.
 */
import { once } from 'node:events';
import { Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Principal } from './actor';
import { ACCESS, grantsOf } from './auth';
import { bearerOf } from './context';

export type Cell = string | number | Date | null;

/** The byte order mark Excel needs to read a CSV as UTF-8 (without it, Cyrillic names come out garbled). */
export const UTF8_BOM = '\uFEFF';

/** Rows read from the database per FETCH: a million rows never sit in memory, a batch a few hundred kilobytes. */
export const CSV_BATCH = 500;

/**
 * A CSV field (RFC 4180): quoted when it holds a comma, quote or line break. Text a spreadsheet would run as a
 * formula (starting with = + - @, a tab or a carriage return: a partner's own name may) gets a leading apostrophe.
 */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (value instanceof Date) return value.toISOString();
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: Cell[]) => `${cells.map(csvField).join(',')}\r\n`;

/** A 4xx answer in the API's error shape: `{ errors: [{ message, extensions: { code, argument? } }] }`. */
export function refuse(res: Response, status: number, code: string, message: string, argument?: string): void {
  if (status === 401) res.set('WWW-Authenticate', 'Bearer');
  res.status(status).json({ errors: [{ message, extensions: { code, ...(argument ? { argument } : {}) } }] });
}

/**
 * The staff member a request's bearer token stands for, when they hold a staff read grant (ANALYST, REP, ADMIN);
 * otherwise the request is refused (401 without or with a bad credential, 403 for the COMMERCE key) and null returned.
 */
export async function staffReader(
  req: Request,
  res: Response,
  authenticate: (credential: string) => Promise<Principal | null>,
  forbidden: string,
): Promise<Principal | null> {
  res.set('Cache-Control', 'no-store');
  const credential = bearerOf(req);
  const principal = credential ? await authenticate(credential) : null;
  if (!principal) {
    refuse(res, 401, 'UNAUTHENTICATED', credential === null ? 'Send a staff bearer token.' : 'The credential is not valid or has expired.');
    return null;
  }
  if (!grantsOf(principal).some((grant) => (ACCESS.staffRead as readonly string[]).includes(grant))) {
    refuse(res, 403, 'FORBIDDEN', forbidden);
    return null;
  }
  return principal;
}

/** A query's rows through a cursor, CSV_BATCH at a time, in one read-only transaction (one snapshot for the whole file). */
export async function* cursorRows<T extends ObjectLiteral>(db: DataSource, query: SelectQueryBuilder<T>): AsyncGenerator<any[]> {
  const [sql, parameters] = query.getQueryAndParameters();
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction('REPEATABLE READ');
    await runner.query('SET TRANSACTION READ ONLY');
    await runner.query(`DECLARE csv_export NO SCROLL CURSOR FOR ${sql}`, parameters);
    for (;;) {
      const rows: any[] = await runner.query(`FETCH ${CSV_BATCH} FROM csv_export`);
      if (rows.length === 0) break;
      yield rows;
    }
    await runner.commitTransaction();
  } finally {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    await runner.release();
  }
}

/**
 * Streams a CSV file: the BOM, the header, then each batch of rows as the cursor reads it, waiting for the client
 * to take each before the next is read. A BAD_USER_INPUT thrown before the first byte is a 400 naming its argument.
 */
export async function sendCsv<R>(
  res: Response,
  file: { name: string; header: string[]; cells(row: R): Cell[] },
  batches: AsyncGenerator<R[]>,
): Promise<void> {
  try {
    const first = await batches.next();
    res.status(200).type('text/csv; charset=utf-8').set('Content-Disposition', `attachment; filename="${file.name}"`);
    res.write(UTF8_BOM + csvLine(file.header));
    for (let batch = first; !batch.done; batch = await batches.next()) {
      if (!res.write(batch.value.map((row) => csvLine(file.cells(row))).join(''))) {
        await Promise.race([once(res, 'drain'), once(res, 'close')]);
      }
      if (res.destroyed) break;
    }
    res.end();
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions.code === 'BAD_USER_INPUT' && !res.headersSent) {
      refuse(res, 400, 'BAD_USER_INPUT', error.message, String(error.extensions.argument));
      return;
    }
    throw error;
  } finally {
    await batches.return(undefined);
  }
}

/**
 * A list export's query parameters as its list filter: each known name once (a name in `repeated` may come several
 * times, as a list), anything else refused naming it.
 */
export function filterOf(
  req: Request,
  names: readonly string[],
  repeated: readonly string[] = [],
): { filter: Record<string, string | string[]> } | { argument: string; message: string } {
  const filter: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.query as Record<string, unknown>)) {
    if (!names.includes(name)) {
      return { argument: name, message: `Unknown parameter ${name}: this export takes ${names.join(', ')}.` };
    }
    const values = Array.isArray(value) ? value : [value];
    if (!values.every((v): v is string => typeof v === 'string')) return { argument: name, message: `${name} must be text.` };
    if (repeated.includes(name)) filter[name] = values.flatMap((v) => v.split(',')).filter((v) => v !== '');
    else if (values.length > 1) return { argument: name, message: `${name} may be given once.` };
    else filter[name] = values[0];
  }
  return { filter };
}

/** One list's CSV export: its file, its filter parameters, its columns, and the query that reads its rows. */
export interface ListExport {
  /** The path under /exports, e.g. orders.csv; also the downloaded file's name. */
  file: string;
  /** The list filter's parameters, named as in the API's filter input; those in `repeated` are lists. */
  parameters: readonly string[];
  repeated?: readonly string[];
  /** Each column's header and the SQL expression (on the query's aliases) that gives its cell. */
  columns: readonly (readonly [header: string, sql: string])[];
  /** The filtered, sorted rows, before the columns are selected; null when the filter can match nothing. */
  query(filter: Record<string, string | string[]>): SelectQueryBuilder<any> | null;
}

/** A list filter's value that must be one of an enum's values, refused with BAD_USER_INPUT naming it otherwise. */
export function oneOf<T extends string>(name: string, value: string | string[] | undefined, values: Record<string, T>): T | undefined {
  if (value === undefined) return undefined;
  const allowed = Object.values(values) as string[];
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw new GraphQLError(`${name} must be one of ${allowed.join(', ')}.`, { extensions: { code: 'BAD_USER_INPUT', argument: name } });
  }
  return value as T;
}

async function* nothing(): AsyncGenerator<any[]> {}

/** The GET handler of a list's export: staff read grants, its filter checked, every matching row streamed as CSV. */
export function listExportHandler(
  db: DataSource,
  authenticate: (credential: string) => Promise<Principal | null>,
  spec: ListExport,
): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    if (!(await staffReader(req, res, authenticate, 'The list exports are for analysts, representatives and administrators.'))) return;
    const asked = filterOf(req, spec.parameters, spec.repeated);
    if ('argument' in asked) {
      refuse(res, 400, 'BAD_USER_INPUT', asked.message, asked.argument);
      return;
    }
    let query: SelectQueryBuilder<any> | null;
    try {
      query = spec.query(asked.filter);
    } catch (error) {
      if (error instanceof GraphQLError && error.extensions.code === 'BAD_USER_INPUT') {
        refuse(res, 400, 'BAD_USER_INPUT', error.message, String(error.extensions.argument));
        return;
      }
      throw error;
    }
    if (query) {
      query.select(spec.columns[0][1], 'c0');
      spec.columns.slice(1).forEach(([, sql], i) => query!.addSelect(sql, `c${i + 1}`));
    }
    await sendCsv(
      res,
      { name: spec.file, header: spec.columns.map(([header]) => header), cells: (row) => spec.columns.map((_, i) => row[`c${i}`]) },
      query ? cursorRows(db, query) : nothing(),
    );
  };
}
