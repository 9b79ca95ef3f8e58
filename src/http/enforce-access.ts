import type { FastifyInstance, FastifyRequest } from 'fastify';
import { secondFactorOwed, type Actor } from '../access/actor.ts';
import { accessOf } from './access.ts';
import { AppError } from './errors.ts';

export interface ResolvedSession {
  actor: Actor;
  csrfToken: string;
}

export const CSRF_HEADER = 'x-csrf-token';
const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Runs every route's declared access rule, in the one order: session (401), second factor (401),
 * CSRF token on unsafe methods (403), then the route's own `authorize` (404, 403) in preValidation —
 * so input is validated only for callers who may make the request at all.
 */
export interface EnforceAccessOptions {
  resolveSession: (request: FastifyRequest) => Promise<ResolvedSession | undefined>;
  /** Records a refused attempt (404/403 from a route's authorize) in a transaction of its own. */
  onDenied: (request: FastifyRequest, error: AppError) => Promise<void>;
}

export function enforceAccess(app: FastifyInstance, { resolveSession, onDenied }: EnforceAccessOptions): void {
  app.addHook('onRequest', async (request) => {
    const access = accessOf(request.routeOptions);
    if (access === undefined) return; // pages, assets, not-found
    const resolved = await resolveSession(request);
    request.actor = resolved?.actor;
    request.csrfToken = resolved?.csrfToken;
    if (!access.session) return;
    if (!resolved) throw new AppError('unauthenticated', 'Sign in to continue.');
    if ((access.secondFactor ?? true) && secondFactorOwed(resolved.actor)) {
      throw new AppError('secondFactorRequired', 'Confirm your second factor (authenticator code) to continue.');
    }
    if (unsafeMethods.has(request.method) && request.headers[CSRF_HEADER] !== resolved.csrfToken) {
      throw new AppError('forbidden', 'The request lacks this session\'s CSRF token; reload the page and try again.');
    }
  });
  app.addHook('preValidation', async (request) => {
    const access = accessOf(request.routeOptions);
    if (!access?.session || !access.authorize || !request.actor) return;
    try {
      await access.authorize(request, request.actor);
    } catch (error) {
      if (error instanceof AppError && (error.status === 404 || error.status === 403)) await onDenied(request, error);
      throw error;
    }
  });
}
