import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type FieldProblem } from './errors.ts';
import { codeForStatus, problemFor } from './problem.ts';

const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';

function validationProblems(error: FastifyError): FieldProblem[] {
  const context = (error as { validationContext?: string }).validationContext ?? 'body';
  return (error.validation ?? []).map((issue) => {
    const where = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
    return { path: where ? `${context}.${where}` : context, message: issue.message ?? 'is not valid' };
  });
}

/**
 * A database constraint that bad input tripped (a safety net: use cases should check first). Drizzle
 * wraps the driver's error; the SQLSTATE is on it or on its cause.
 */
function constraintProblem(error: unknown): { code: 'conflict' | 'unprocessable' | 'badRequest'; detail: string } | undefined {
  const sqlState = (error as { code?: unknown }).code ?? (error as { cause?: { code?: unknown } }).cause?.code;
  switch (sqlState) {
    case '23505':
      return { code: 'conflict', detail: 'This already exists.' };
    case '23503':
      return { code: 'unprocessable', detail: 'This refers to something that does not exist.' };
    case '23514':
    case '23502':
      return { code: 'unprocessable', detail: 'Some values are not allowed here.' };
    case '22P02':
    case '22P05': // text PostgreSQL cannot store (a NUL character)
    case '22021': // invalid byte sequence for the encoding
    case '22007':
    case '22008':
      return { code: 'badRequest', detail: 'A value has the wrong format.' };
    default:
      return undefined;
  }
}

/**
 * The one place errors become answers. Bad input is a 4xx a person can act on; anything unexpected is a
 * 500 that reveals nothing but the request id, and is logged in full.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const send = (problem: ReturnType<typeof problemFor>) =>
      reply.status(problem.status).type(PROBLEM_TYPE).send(problem);

    if (error instanceof AppError) {
      if (error.status >= 500) request.log.error({ err: error }, 'request failed');
      return send(problemFor(error.code, error.detail, request.id, error.problems));
    }
    if (hasZodFastifySchemaValidationErrors(error) || error.validation) {
      return send(problemFor('badRequest', 'Some fields are missing or not valid; see problems.', request.id, validationProblems(error)));
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      return send(problemFor('internal', `Something went wrong on our side. Quote reference ${request.id} to the helpdesk.`, request.id));
    }
    const constraint = constraintProblem(error);
    if (constraint) return send(problemFor(constraint.code, constraint.detail, request.id));
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Fastify's own client errors (bad JSON, wrong content type, body too large, rate limit)
      const detail = status === 429 ? 'Too many requests; wait a moment and try again.' : error.message;
      return send(problemFor(codeForStatus(status), detail, request.id));
    }
    request.log.error({ err: error }, 'request failed');
    return send(problemFor('internal', `Something went wrong on our side. Quote reference ${request.id} to the helpdesk.`, request.id));
  });
}
