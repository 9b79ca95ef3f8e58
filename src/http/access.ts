import type { FastifyInstance, RouteOptions } from 'fastify';

/**
 * Every API route declares who may call it. The identity issue adds the session check and per-aggregate
 * rules on top; a route without a declaration cannot be registered at all.
 */
export type RouteAccess =
  | { readonly session: false; readonly rule: string }
  | { readonly session: true; readonly rule: string };

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
}

/** A route anyone may call, with the reason it exposes nothing personal. */
export const publicAccess = (reason: string): RouteAccess => ({ session: false, rule: `public: ${reason}` });

export class MissingAccessRuleError extends Error {
  constructor(method: string, url: string) {
    super(`Route ${method} ${url} declares no access rule (config.access); every API route must.`);
    this.name = 'MissingAccessRuleError';
  }
}

export function accessOf(route: Pick<RouteOptions, 'config'>): RouteAccess | undefined {
  return (route.config)?.access;
}

/** Refuses, at registration time, any /api route that does not declare its access rule. */
export function requireAccessRules(app: FastifyInstance): void {
  const table: RegisteredRoute[] = [];
  app.decorate('routeTable', table);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return;
    const access = accessOf(route);
    if (access === undefined) throw new MissingAccessRuleError(String(route.method), route.url);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') table.push({ method, url: route.url, access });
    }
  });
}
