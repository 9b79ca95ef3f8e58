// The small part of autocannon 9's API the benchmark uses (the package ships no types).
declare module 'autocannon' {
  export interface Histogram {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p97_5: number;
    p99: number;
  }

  export interface Options {
    url: string;
    method?: string;
    body?: string;
    headers?: Record<string, string>;
    connections?: number;
    /** Seconds. */
    duration?: number;
    /** Seconds before a request counts as a timeout (and an error). */
    timeout?: number;
    title?: string;
    /** Requests in turn; each may rewrite itself and see its response (status, body, context, headers). */
    requests?: Array<{
      setupRequest?: (request: { path: string; method?: string; headers?: Record<string, string>; body?: string }) => { path: string; method?: string; headers?: Record<string, string>; body?: string };
      onResponse?: (status: number, body: string, context: unknown, headers: Record<string, string | undefined>) => void;
    }>;
  }

  export interface Result {
    title?: string;
    url: string;
    /** Requests per one-second sample. */
    requests: Histogram;
    /** Milliseconds, rounded to whole milliseconds. */
    latency: Histogram;
    throughput: Histogram;
    /** Seconds. */
    duration: number;
    /** Connection errors, timeouts included. */
    errors: number;
    timeouts: number;
    mismatches: number;
    non2xx: number;
    statusCodeStats: Record<string, { count: number } | undefined>;
  }

  export interface Instance extends PromiseLike<Result> {
    stop(): void;
    /** Every response; responseTime in milliseconds with sub-millisecond precision. */
    on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): this;
  }

  function autocannon(options: Options): Instance;
  export default autocannon;
}
