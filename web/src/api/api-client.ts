import { csrfToken } from './csrf-token.ts';

/**
 * The one way the web app talks to the server: same-origin JSON over fetch.
 * Non-2xx answers become an ApiError carrying the RFC 9457 problem details the server sends.
 */

/** What the app reads from a problem+json body; every field may be missing (a proxy's HTML page has none). */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  /** The server's closed error code, e.g. "unauthenticated" or "secondFactorRequired". */
  code?: string;
  /** Field-level problems, e.g. { path: "body.email", message: "..." }. */
  problems?: { path: string; message: string }[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemDetails | undefined;

  constructor(status: number, problem: ProblemDetails | undefined) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  get code(): string | undefined {
    return this.problem?.code;
  }
}

export async function readProblem(response: Response): Promise<ProblemDetails | undefined> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined;
  try {
    return (await response.json()) as ProblemDetails;
  } catch {
    return undefined;
  }
}

export interface GetOptions {
  signal?: AbortSignal;
  /** Error statuses whose body is still a T (e.g. 503 from /api/health, which reports "unavailable"). */
  bodyOnStatus?: readonly number[];
}

type ApiPath = `/api/${string}`;

/** GET a JSON resource under /api; the type comes from the server's contract (type-only import). */
export async function apiGet<T>(path: ApiPath, options: GetOptions = {}): Promise<T> {
  const response = await fetch(path, {
    headers: { accept: 'application/json' },
    credentials: 'same-origin',
    signal: options.signal ?? null,
  });
  const isExpected = response.ok || options.bodyOnStatus?.includes(response.status);
  if (!isExpected) throw new ApiError(response.status, await readProblem(response));
  return (await response.json()) as T;
}

export type UnsafeMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Changes something on the server. Carries the session's CSRF token (the server refuses an unsafe
 * request without it) and a JSON body when there is one.
 */
export async function apiSend<T>(method: UnsafeMethod, path: ApiPath, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = csrfToken();
  if (token) headers['x-csrf-token'] = token;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) throw new ApiError(response.status, await readProblem(response));
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Builds "/api/x?a=1&b=2" from the defined values of a filter object. */
export function withQuery(path: ApiPath, query: Record<string, string | number | undefined | null>): ApiPath {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
