// Load on one route with autocannon, and a single checked request before it.
import { createHistogram } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type { Instance } from 'autocannon';
import type { BenchRequest } from './routes.ts';

export interface Measurement {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Status code -> count, to explain a non-2xx figure. */
  statusCodes: Record<string, number>;
  /** The server's own time (Server-Timing `app;dur=`), for routes that report it. */
  serverP50Ms?: number;
  serverP99Ms?: number;
}

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
}

function encode(request: BenchRequest): { body?: string; headers: Record<string, string> } {
  const headers = { ...request.headers };
  if (request.body === undefined) return { headers };
  if (typeof request.body === 'string') return { body: request.body, headers };
  return { body: JSON.stringify(request.body), headers: { 'content-type': 'application/json', ...headers } };
}

let running: Instance | undefined;

/** Stops the load in progress, if any (on Ctrl-C). */
export function stopLoad(): void {
  running?.stop();
}

export async function applyLoad(baseUrl: string, request: BenchRequest, options: LoadOptions): Promise<Measurement> {
  const { body, headers } = encode(request);
  // Server-side time from the Server-Timing header, where a route sends one (the loopback client adds its own).
  const serverUs = createHistogram();
  const onResponse = (status: number, _body: string, _context: unknown, responseHeaders: Record<string, string | undefined>) => {
    const app = /app;dur=([\d.]+)/.exec(responseHeaders['server-timing'] ?? '');
    if (status >= 200 && status < 300 && app?.[1] !== undefined) serverUs.record(Math.max(1, Math.round(Number(app[1]) * 1000)));
  };
  let next = 0;
  const paths = request.paths ?? [request.path];
  const instance = autocannon({
    url: `${baseUrl}${request.path}`,
    method: request.method,
    headers,
    ...(body === undefined ? {} : { body }),
    connections: options.connections,
    duration: options.durationSeconds,
    timeout: 10,
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] ?? request.path }), onResponse }],
  });
  // autocannon's own latency histogram rounds to whole milliseconds, too coarse for fast routes:
  // keep a histogram of 2xx response times in microseconds instead.
  const latencyUs = createHistogram();
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode >= 200 && statusCode < 300) latencyUs.record(Math.max(1, Math.round(responseTime * 1000)));
  });
  running = instance;
  try {
    const result = await instance;
    const statusCodes: Record<string, number> = {};
    for (const [code, stats] of Object.entries(result.statusCodeStats)) {
      if (stats !== undefined) statusCodes[code] = stats.count;
    }
    return {
      requestsPerSecond: result.requests.average,
      p50Ms: latencyUs.count === 0 ? Number.NaN : latencyUs.percentile(50) / 1000,
      p99Ms: latencyUs.count === 0 ? Number.NaN : latencyUs.percentile(99) / 1000,
      requests: result.requests.total,
      non2xx: result.non2xx,
      errors: result.errors,
      statusCodes,
      ...(serverUs.count === 0 ? {} : { serverP50Ms: serverUs.percentile(50) / 1000, serverP99Ms: serverUs.percentile(99) / 1000 }),
    };
  } finally {
    running = undefined;
  }
}

/** Sends the request once; returns undefined when it answered 2xx, else what went wrong. */
export async function checkOnce(baseUrl: string, request: BenchRequest): Promise<string | undefined> {
  const { body, headers } = encode(request);
  try {
    const response = await fetch(`${baseUrl}${request.path}`, {
      method: request.method,
      headers,
      ...(body === undefined ? {} : { body }),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    if (response.ok) return undefined;
    return `answered ${String(response.status)}: ${text.slice(0, 300)}`;
  } catch (error) {
    return `failed: ${(error as Error).message}`;
  }
}
