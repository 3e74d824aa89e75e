/**
 * The limit of a read-only request: the statements the server ran for it, captured from
 * PostgreSQL's log with their bind parameters, replayed through a pg pool one after another (each
 * on whichever pooled connection is free, as the server issues statements outside a transaction).
 */
import type { Pool } from 'pg';
import { Bench, captureStatements, parseParameters, readStatements } from '../env';

export interface RecordedStatement {
  text: string;
  values: (string | null)[];
}

/** The statements PostgreSQL ran for a read-only `request` (see readStatements), with their parameters. */
export async function recordStatements(bench: Bench, request: () => Promise<void>): Promise<RecordedStatement[]> {
  const [captured] = await captureStatements(bench, async (mark) => {
    await mark('request');
    await request();
  });
  const reads = captured ? readStatements(captured) : [];
  if (reads.length === 0) throw new Error('replay: the request ran no statement');
  return reads.map(({ text, parameters }) => ({ text, values: parameters ? parseParameters(parameters) : [] }));
}

/** Runs the recorded statements in order; returns the rows of the last one. */
export async function replay(pool: Pool, statements: RecordedStatement[]): Promise<unknown[]> {
  let rows: unknown[] = [];
  for (const statement of statements) rows = (await pool.query(statement.text, statement.values)).rows;
  return rows;
}
