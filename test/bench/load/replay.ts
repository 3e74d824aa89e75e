/**
 * The limit of a read-only request: the statements the server ran for it, captured from
 * PostgreSQL's log with their bind parameters, replayed through a pg pool one after another (each
 * on whichever pooled connection is free, as the server issues statements outside a transaction).
 */
import type { Pool } from 'pg';
import { Bench, captureStatements, parseParameters } from '../env';

export interface RecordedStatement {
  text: string;
  values: (string | null)[];
}

/** The statements PostgreSQL ran for `request` (the server's, not pg-boss's), with their parameters. */
export async function recordStatements(bench: Bench, request: () => Promise<void>): Promise<RecordedStatement[]> {
  const [captured] = await captureStatements(bench, async (mark) => {
    await mark('request');
    await request();
  });
  if (!captured || captured.statements.length === 0) throw new Error('replay: the request ran no statement');
  if (captured.statements.some((text) => /^(START|BEGIN|COMMIT|INSERT|UPDATE|DELETE)\b/i.test(text))) {
    throw new Error(`replay: only read-only requests replay as they are:\n  ${captured.statements.join('\n  ')}`);
  }
  return captured.statements.map((text, i) => ({ text, values: captured.parameters[i] ? parseParameters(captured.parameters[i]) : [] }));
}

/** Runs the recorded statements in order; returns the rows of the last one. */
export async function replay(pool: Pool, statements: RecordedStatement[]): Promise<unknown[]> {
  let rows: unknown[] = [];
  for (const statement of statements) rows = (await pool.query(statement.text, statement.values)).rows;
  return rows;
}
