import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { Actor } from '../access/actor.ts';

/**
 * Every API route declares who may call it; a route without a declaration cannot be registered. The
 * checks run in one order: 401 without a session (and without the second factor the route needs), then
 * the route's `authorize` — 404 for what the caller may not see, 403 for what they see but may not do —
 * and only then is the input validated.
 */
export type RouteAccess =
  | { readonly session: false; readonly rule: string }
  | {
      readonly session: true;
      readonly rule: string;
      /** Default true. False only for onboarding routes (setting up the second factor, filing an access request). */
      readonly secondFactor?: boolean;
      /** Finds the target within the actor's scope and checks the action; runs before validation. */
      readonly authorize?: (request: FastifyRequest, actor: Actor) => Promise<void>;
    };

export interface RegisteredRoute {
  method: string;
  url: string;
  access: RouteAccess;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyInstance {
    /** Every API route with its access rule, as registered (tests walk it: nothing escapes them). */
    readonly routeTable: RegisteredRoute[];
  }
  interface FastifyRequest {
    /** Set by the session hook when the request carries a valid session. */
    actor: Actor | undefined;
    /** The session's CSRF token (the web app reads it from GET /api/auth/session). */
    csrfToken: string | undefined;
    /** What the route's `authorize` found in scope, for the handler. */
    scoped: unknown;
  }
}

/** A route anyone may call, with the reason it exposes nothing personal. */
export const publicAccess = (reason: string): RouteAccess => ({ session: false, rule: `public: ${reason}` });

/** A route for signed-in people; `authorize` narrows it further. */
export const sessionAccess = (
  rule: string,
  options: { secondFactor?: boolean; authorize?: (request: FastifyRequest, actor: Actor) => Promise<void> } = {},
): RouteAccess => ({ session: true, rule, ...options });

export class MissingAccessRuleError extends Error {
  constructor(method: string, url: string) {
    super(`Route ${method} ${url} declares no access rule (config.access); every API route must.`);
    this.name = 'MissingAccessRuleError';
  }
}

export function accessOf(route: Pick<RouteOptions, 'config'>): RouteAccess | undefined {
  return (route.config)?.access;
}

/** The actor of a route declared with `session: true` (the session hook guarantees it). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new Error('actorOf() on a route without a session');
  return request.actor;
}

/** What the route's `authorize` found in scope. */
export const scopedOf = <T>(request: FastifyRequest): T => request.scoped as T;

/** Refuses, at registration time, any /api route that does not declare its access rule. */
export function requireAccessRules(app: FastifyInstance): void {
  const table: RegisteredRoute[] = [];
  app.decorate('routeTable', table);
  app.decorateRequest('actor', undefined);
  app.decorateRequest('scoped', undefined);
  app.decorateRequest('csrfToken', undefined);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return;
    const access = accessOf(route);
    if (access === undefined) throw new MissingAccessRuleError(String(route.method), route.url);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') table.push({ method, url: route.url, access });
    }
  });
}
