/** Latency samples and the small table the benchmark prints. */

/** Latencies in milliseconds, recorded per named series. */
export class Samples {
  private readonly series = new Map<string, number[]>();

  add(name: string, ms: number): void {
    let list = this.series.get(name);
    if (!list) this.series.set(name, (list = []));
    list.push(ms);
  }

  get(name: string): number[] {
    return this.series.get(name) ?? [];
  }

  names(): string[] {
    return [...this.series.keys()];
  }
}

/** Nearest-rank percentile (p in 0..100) of unsorted samples; NaN when empty. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function ms(value: number): string {
  return Number.isFinite(value) ? value.toFixed(2) : '-';
}

/** A plain left/right aligned text table. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Runs `count` jobs with at most `concurrency` in flight; job(i) gets its index. */
export async function runConcurrently(count: number, concurrency: number, job: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      await job(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/**
 * Runs job(worker) in `concurrency` loops, starting jobs until `ms` have passed; resolves when the last
 * one ends, with the wall time taken in ms.
 */
export async function runFor(ms: number, concurrency: number, job: (worker: number) => Promise<void>): Promise<number> {
  const started = performance.now();
  const deadline = started + ms;
  const worker = async (index: number) => {
    while (performance.now() < deadline) await job(index);
  };
  await Promise.all(Array.from({ length: concurrency }, (_, index) => worker(index)));
  return performance.now() - started;
}
