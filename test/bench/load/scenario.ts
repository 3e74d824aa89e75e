/** What every scenario of the load benchmark gets, and what it hands back for the report. */
import type { Pool } from 'pg';
import type { Bench, RunningServer } from '../env';
import { Figures, figuresOf, Run, RssSampler } from './measure';
import type { RunningPeer } from './peer';

export interface LoadEnv {
  bench: Bench;
  server: RunningServer;
  /** The raw side's pool: the server's size. */
  pool: Pool;
  peer: RunningPeer | null;
  /** Requests in flight: autocannon connections, and loops on the raw side. */
  connections: number;
  /** Measured seconds per side, split into `rounds` that take turns with the other sides. */
  seconds: number;
  rounds: number;
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

/** How a scenario runs one side for some seconds. */
export interface SideRunner {
  side: Side['side'];
  unit: string;
  /** The process that serves the side, whose resident set is sampled; null for the raw side. */
  pid: number | null;
  run: (seconds: number) => Promise<Run>;
  /** Untimed, after each run: let what the run set off finish before the next side runs. */
  after?: () => Promise<void>;
}

/**
 * Warms each side up, then runs the sides in turn, round after round, so that whatever else the
 * machine does meanwhile weighs on all of them alike.
 */
export async function inRounds(env: LoadEnv, runners: SideRunner[]): Promise<Side[]> {
  if (env.warmupSeconds > 0) {
    for (const runner of runners) {
      await runner.run(env.warmupSeconds);
      await runner.after?.();
    }
  }
  const runs = runners.map(() => [] as Run[]);
  const peaks = runners.map(() => null as number | null);
  for (let round = 0; round < env.rounds; round++) {
    for (const [i, runner] of runners.entries()) {
      const sampler = runner.pid === null ? null : new RssSampler(runner.pid);
      try {
        runs[i].push(await runner.run(env.seconds / env.rounds));
      } finally {
        const peak = sampler?.stop() ?? null;
        if (peak !== null) peaks[i] = Math.max(peaks[i] ?? 0, peak);
      }
      await runner.after?.();
    }
  }
  return runners.map((runner, i) => ({ side: runner.side, unit: runner.unit, figures: figuresOf(runs[i]), rssMb: peaks[i] }));
}
