/** A test hook, not a setting: FAULT_KILL_AT=<point> (FAULT_KILL_AFTER=<n>, the n-th hit) SIGKILLs the process at a named point. */

const killAt = process.env.FAULT_KILL_AT || null;
const killAfter = Number(process.env.FAULT_KILL_AFTER ?? 1);
if (killAt && !(Number.isInteger(killAfter) && killAfter >= 1)) {
  throw new Error(`FAULT_KILL_AFTER must be a whole number from 1, not ${process.env.FAULT_KILL_AFTER}`);
}
let hits = 0;

/** Dies here (SIGKILL, nothing cleaned up) on the n-th hit of the point FAULT_KILL_AT names; without it, does nothing. */
export function faultPoint(name: string): void {
  if (name !== killAt) return;
  hits += 1;
  if (hits === killAfter) process.kill(process.pid, 'SIGKILL');
}
