/**
 * Duration histograms as the rollups pack them (migration 1764700000000-MetricHistograms): a bytea of 6-byte cells,
 * each a bucket's k (int2) and its count (int4), big-endian. Bucket k holds the durations up to ceil(60 s × 1.05^k)
 * (k = 0: a minute or less), as metric_duration_bucket names them.
 *
 * A group's histogram over a range is the concatenation of its periods' cells, so the same bucket may come several
 * times; adding them up and ranking is a pass over the cells and one over the buckets.
 */

/** Buckets up to 2^31 seconds: ceil(60 × 1.05^k) is an int for k up to 356. */
const BUCKETS = 357;

/** Bucket k's upper bound in seconds, computed as PostgreSQL computes metric_duration_bucket (IEEE doubles both). */
export const BUCKET_SECONDS: readonly number[] = Array.from({ length: BUCKETS }, (_, k) => Math.ceil(60 * 1.05 ** k));

const CELL_BYTES = 6;

export class Histogram {
  private readonly counts = new Float64Array(BUCKETS);
  private highest = -1;
  total = 0;

  /** Empties the histogram, to be used again: a metric by partner org ranks thousands, each a 2.8 kB array. */
  clear(): this {
    this.counts.fill(0, 0, this.highest + 1);
    this.highest = -1;
    this.total = 0;
    return this;
  }

  /** Adds packed cells (one period's, or several concatenated). */
  add(cells: Buffer): this {
    if (cells.length % CELL_BYTES !== 0) throw new Error(`a packed histogram is 6-byte cells, not ${cells.length} bytes`);
    for (let at = 0; at < cells.length; at += CELL_BYTES) {
      const k = cells.readInt16BE(at);
      const n = cells.readInt32BE(at + 2);
      if (k < 0 || k >= BUCKETS) throw new Error(`bucket ${k} is outside the duration scale`);
      this.counts[k] += n;
      this.total += n;
      if (k > this.highest) this.highest = k;
    }
    return this;
  }

  /**
   * The nearest-rank percentile, as percentile_disc computes it: the upper bound in seconds of the bucket holding
   * the ceil(p × n)-th duration; null when the histogram is empty. `ps` ascending.
   */
  percentiles(...ps: number[]): (number | null)[] {
    const found: (number | null)[] = ps.map(() => null);
    if (this.total === 0) return found;
    const ranks = ps.map((p) => Math.max(1, Math.ceil(p * this.total)));
    let next = 0;
    let running = 0;
    for (let k = 0; k <= this.highest && next < ranks.length; k += 1) {
      running += this.counts[k];
      while (next < ranks.length && running >= ranks[next]) found[next++] = BUCKET_SECONDS[k];
    }
    return found;
  }
}
