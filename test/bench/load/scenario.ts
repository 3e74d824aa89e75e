/** What every scenario of the load benchmark gets, and what it hands back for the report. */
import type { Pool } from 'pg';
import type { Bench, RunningServer } from '../env';
import { Figures, RssSampler } from './measure';
import type { RunningPeer } from './peer';

export interface LoadEnv {
  bench: Bench;
  server: RunningServer;
  /** The raw side's pool: the server's size. */
  pool: Pool;
  peer: RunningPeer | null;
  /** Requests in flight: autocannon connections, and loops on the raw side. */
  connections: number;
  seconds: number;
  warmupSeconds: number;
  showSql: boolean;
}

/** One side of a scenario: ours (API), the limit (raw pg) or the peer (PostGraphile). */
export interface Side {
  side: 'API' | 'raw pg' | 'PostGraphile';
  /** What one operation is: "request", "pass", ... */
  unit: string;
  figures: Figures;
  /** Peak VmRSS of the serving process during the run (the server, or the peer), in MB. */
  rssMb: number | null;
}

export interface ScenarioResult {
  name: string;
  sides: Side[];
  /** Lines printed under the scenario's table. */
  notes: string[];
  /** What makes the run red: lost passes, statement differences, wrong answers. */
  failures: string[];
}

/** Runs one side's measurement while sampling the resident set of the process that serves it. */
export async function measured<T>(pid: number | null, run: () => Promise<T>): Promise<{ result: T; rssMb: number | null }> {
  const sampler = pid === null ? null : new RssSampler(pid);
  try {
    const result = await run();
    return { result, rssMb: sampler?.stop() ?? null };
  } finally {
    sampler?.stop();
  }
}
