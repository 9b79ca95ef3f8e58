import { z } from 'zod';
import { errorStatus, errorTitle, type ErrorCode, type FieldProblem } from './errors.ts';

/** RFC 9457 problem details, as every error of the API is answered. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string(),
  requestId: z.string(),
  problems: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof Problem>;

export function problemFor(code: ErrorCode, detail: string, requestId: string, problems?: FieldProblem[]): Problem {
  return {
    type: `urn:open-cpms:problem:${code}`,
    title: errorTitle[code],
    status: errorStatus[code],
    detail,
    code,
    requestId,
    ...(problems && problems.length > 0 ? { problems } : {}),
  };
}

const statusToCode = Object.fromEntries(
  Object.entries(errorStatus).filter(([code]) => code !== 'secondFactorRequired' && code !== 'stepUpRequired').map(([code, status]) => [status, code]),
) as Record<
  number,
  ErrorCode | undefined
>;

export const codeForStatus = (status: number): ErrorCode =>
  statusToCode[status] ?? (status >= 500 ? 'internal' : 'badRequest');
