import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';

/**
 * The page's Content Security Policy: exactly what the web app uses. Mantine injects its CSS variables
 * in a <style> element carrying the per-response nonce; the DICOM viewer's codecs need WebAssembly and
 * blob: workers; real time uses WebSockets on the same origin.
 */
export function pagePolicy(styleNonce: string): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    `style-src 'self' 'nonce-${styleNonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** For everything that is not the page itself (API answers, assets). */
export const resourcePolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

export interface SecurityOptions {
  https: boolean;
  rateLimitPerMinute: number;
}

export async function registerSecurity(app: FastifyInstance, options: SecurityOptions): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: false, // set per response: the page needs a nonce (web-app.ts), the rest none
    hsts: options.https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    frameguard: { action: 'deny' },
  });
  app.addHook('onSend', async (_request, reply) => {
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', resourcePolicy);
  });
  await app.register(rateLimit, {
    global: true,
    max: options.rateLimitPerMinute,
    timeWindow: '1 minute',
  });
}
