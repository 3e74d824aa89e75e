/**
 * How the load benchmark measures a side: autocannon against a GraphQL server (ours or the peer),
 * or the same work through a pg pool with as many loops in flight as autocannon has connections.
 * Both report the same figures: operations per second, latency percentiles, errors.
 */
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { percentile, runFor } from '../stats';

/** One measured run of a side: each operation's latency (ms), the wall time, the errors. */
export interface Run {
  latencies: number[];
  seconds: number;
  errors: Errors;
}

export interface Figures {
  /** What the operations were: requests, passes, statement lists. */
  operations: number;
  seconds: number;
  /** Operations per second. */
  rate: number;
  /** Latency of one request (autocannon) or one job (pg), in ms. */
  p50: number;
  p99: number;
  errors: number;
  /** The first few errors, for the report. */
  errorSamples: string[];
}

/** The figures of a side over all its runs (rounds). */
export function figuresOf(runs: Run[]): Figures {
  const latencies = runs.flatMap((run) => run.latencies);
  const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
  return {
    operations: latencies.length,
    seconds,
    rate: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors: runs.reduce((sum, run) => sum + run.errors.count, 0),
    errorSamples: runs.flatMap((run) => run.errors.samples).slice(0, 5),
  };
}

/** Collects errors with a few samples kept for the report. */
export class Errors {
  count = 0;
  readonly samples: string[] = [];

  add(message: string): void {
    this.count += 1;
    if (this.samples.length < 5) this.samples.push(message.slice(0, 300));
  }
}

/**
 * What is wrong with a GraphQL response, or null: an HTTP status other than 200, an `errors` list,
 * a body that is not JSON, or a payload whose `userErrors` is not empty (one level down from `data`).
 */
export function graphqlProblem(status: number, body: string): string | null {
  let parsed: { data?: Record<string, unknown> | null; errors?: unknown[] };
  try {
    parsed = JSON.parse(body);
  } catch {
    return `HTTP ${status}: not JSON: ${body.slice(0, 200)}`;
  }
  if (status !== 200 || parsed.errors) return `HTTP ${status}: ${JSON.stringify(parsed.errors ?? parsed).slice(0, 300)}`;
  if (!parsed.data) return `HTTP ${status}: no data`;
  for (const [field, payload] of Object.entries(parsed.data)) {
    const userErrors = (payload as { userErrors?: unknown[] } | null)?.userErrors;
    if (userErrors?.length) return `${field}: ${JSON.stringify(userErrors)}`;
  }
  return null;
}

export interface CannonOptions {
  /** The server's base URL; requests go to `path` on it. */
  url: string;
  connections: number;
  seconds: number;
  /** The request sequence every connection runs in a loop (autocannon's `requests`). */
  requests: autocannon.Request[];
  /** Called with every response; returns what is wrong with it, or null. Defaults to graphqlProblem. */
  check?: (status: number, body: string) => string | null;
  /** Lets a scenario stop the run early (e.g. when it runs out of orders to complete). */
  onInstance?: (instance: autocannon.Instance) => void;
}

/** Runs autocannon; every response goes through `check`, and each is an operation. */
export async function cannon(options: CannonOptions): Promise<Run> {
  const errors = new Errors();
  const latencies: number[] = [];
  const check = options.check ?? graphqlProblem;
  const requests = options.requests.map((request) => {
    const onResponse = request.onResponse;
    if (typeof onResponse === 'string') throw new Error('cannon: onResponse must be a function (no workers)');
    return {
      ...request,
      onResponse: (status: number, body: string, context: object, headers: autocannon.Request['headers']) => {
        const problem = check(status, body);
        if (problem) errors.add(problem);
        onResponse?.(status, body, context, headers);
      },
    };
  });
  // Without a callback autocannon returns its event emitter, made thenable for the result.
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    requests,
    // The server answers a request in well under a second; ten seconds means it is stuck.
    timeout: 10,
  }) as unknown as autocannon.Instance & PromiseLike<autocannon.Result>;
  instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  instance.on('reqError', (error) => errors.add(`request error: ${String(error?.message ?? error)}`));
  options.onInstance?.(instance);
  const result = await instance;
  const socketErrors = result.errors + result.timeouts;
  for (let i = 0; i < socketErrors; i++) errors.add('connection error or timeout');
  return { latencies, seconds: result.duration, errors };
}

/** Runs `job` in `concurrency` loops for `seconds`; each job is an operation, and one that throws an error. */
export async function loops(seconds: number, concurrency: number, job: (worker: number) => Promise<void>): Promise<Run> {
  const errors = new Errors();
  const latencies: number[] = [];
  const elapsed = await runFor(seconds * 1000, concurrency, async (worker) => {
    const started = performance.now();
    try {
      await job(worker);
      latencies.push(performance.now() - started);
    } catch (error) {
      errors.add(String((error as Error)?.message ?? error));
    }
  });
  return { latencies, seconds: elapsed / 1000, errors };
}

/** The resident set of a process (VmRSS), sampled while a scenario runs; the peak in kB. */
export class RssSampler {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number) {
    this.sample();
    this.timer = setInterval(() => this.sample(), 100);
  }

  private sample(): void {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
      if (match) this.peak = Math.max(this.peak, Number(match[1]));
    } catch {
      // No /proc, or the process is gone: the peak so far stands.
    }
  }

  /** Stops sampling; the peak VmRSS seen, in MB (null without /proc). */
  stop(): number | null {
    clearInterval(this.timer);
    this.sample();
    return this.peak === 0 ? null : this.peak / 1024;
  }
}
