// The routes the benchmark measures: one declarative list. Add a hot path as one entry.

/** One HTTP request, as autocannon repeats it. */
export interface BenchRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else is sent as JSON (with its content type). */
  body?: unknown;
}

/** The running server a setup hook may prepare (sign in, create the rows a route reads, ...). */
export interface BenchServer {
  baseUrl: string;
  mode: 'pglite' | 'postgres';
}

export interface BenchRoute extends BenchRequest {
  /** Short name for the table. */
  name: string;
  /** The framework ceiling every other route is compared with (exactly one route). */
  ceiling?: boolean;
  /**
   * Runs once per server, before the warm-up. What it returns replaces parts of the request,
   * e.g. `{ headers: { cookie } }` after signing in, or the path of a record it created.
   */
  setup?: (server: BenchServer) => Promise<Partial<BenchRequest>>;
}

export const routes: readonly BenchRoute[] = [
  { name: 'liveness (ceiling)', method: 'GET', path: '/api/health/live', ceiling: true },
  { name: 'health (SELECT 1)', method: 'GET', path: '/api/health' },
  { name: 'ERNs + disease groups', method: 'GET', path: '/api/erns' },
  { name: 'hospitals (join)', method: 'GET', path: '/api/hospitals' },
];
