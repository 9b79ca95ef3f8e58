/**
 * The one way the web app talks to the server: same-origin JSON over fetch.
 * Non-2xx answers become an ApiError carrying the RFC 9457 problem details the server sends.
 */

export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
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
}

async function readProblem(response: Response): Promise<ProblemDetails | undefined> {
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

/** GET a JSON resource under /api; the type comes from the server's contract (type-only import). */
export async function apiGet<T>(path: `/api/${string}`, options: GetOptions = {}): Promise<T> {
  const response = await fetch(path, {
    headers: { accept: 'application/json' },
    credentials: 'same-origin',
    signal: options.signal ?? null,
  });
  const isExpected = response.ok || options.bodyOnStatus?.includes(response.status);
  if (!isExpected) throw new ApiError(response.status, await readProblem(response));
  return (await response.json()) as T;
}
