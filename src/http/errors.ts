/** The closed set of error codes the API answers, each with its HTTP status. */
export const errorStatus = {
  badRequest: 400,
  unauthenticated: 401,
  secondFactorRequired: 401,
  forbidden: 403,
  /** Visible and allowed, but only with the second factor confirmed again just now (signing): the web asks for a code. */
  stepUpRequired: 403,
  notFound: 404,
  conflict: 409,
  payloadTooLarge: 413,
  unsupportedMediaType: 415,
  unprocessable: 422,
  tooManyRequests: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export const errorTitle: Record<ErrorCode, string> = {
  badRequest: 'The request is not valid',
  unauthenticated: 'Sign-in required',
  secondFactorRequired: 'Second factor required',
  forbidden: 'Not allowed',
  stepUpRequired: 'Second factor needed again',
  notFound: 'Not found',
  conflict: 'Conflict',
  payloadTooLarge: 'Too large',
  unsupportedMediaType: 'Unsupported type',
  unprocessable: 'Cannot be processed',
  tooManyRequests: 'Too many requests',
  internal: 'Internal error',
  unavailable: 'Temporarily unavailable',
};

export interface FieldProblem {
  /** Where in the request, e.g. "body.email" or "query.limit". */
  path: string;
  message: string;
}

/**
 * The one application error. `detail` is shown to the user, so it must say what to do and must never
 * carry patient data.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail: string;
  readonly problems: FieldProblem[] | undefined;
  constructor(code: ErrorCode, detail: string, problems?: FieldProblem[]) {
    super(detail);
    this.name = 'AppError';
    this.code = code;
    this.detail = detail;
    this.problems = problems;
  }
  get status(): number {
    return errorStatus[this.code];
  }
}
