import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app-deps.ts';
import type { ResolvedSession } from '../../http/enforce-access.ts';
import { resolveSessionToken, SESSION_ABSOLUTE_MS, SESSION_COOKIE } from './sessions.ts';

/** Finds the session behind the request's cookie (the enforce-access hook calls this). */
export const sessionResolver =
  (deps: AppDeps) =>
  async (request: FastifyRequest): Promise<ResolvedSession | undefined> => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return undefined;
    return resolveSessionToken(deps.db, deps.clock, token);
  };

/** httpOnly, SameSite=Lax (Strict would drop it on the OIDC callback and on links from e-mail), Secure on https. */
export function setSessionCookie(deps: AppDeps, reply: FastifyReply, token: string): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.publicUrl.startsWith('https://'),
    path: '/',
    maxAge: SESSION_ABSOLUTE_MS / 1000,
  });
}

export function clearSessionCookie(deps: AppDeps, reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.config.publicUrl.startsWith('https://') });
}

export const requestContext = (request: FastifyRequest) => ({ clientAddress: request.ip, userAgent: request.headers['user-agent'] });
