import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';
import { pagePolicy } from './security.ts';

const NONCE_PLACEHOLDER = '__CSP_NONCE__';

/**
 * Serves the built web app: hashed assets from disk with long caching, and the page itself with a fresh
 * CSP nonce per response. Unknown non-API paths get the page (client-side routing).
 */
export async function registerWebApp(app: FastifyInstance, webRoot: string): Promise<void> {
  const indexPath = path.join(webRoot, 'index.html');
  const template = fs.existsSync(indexPath) ? fs.readFileSync(indexPath, 'utf8') : undefined;

  if (template !== undefined) {
    await app.register(fastifyStatic, {
      root: webRoot,
      index: false,
      wildcard: true,
      allowedPath: (pathName) => pathName !== '/index.html',
      setHeaders(reply, filePath) {
        if (filePath.includes(`${path.sep}assets${path.sep}`)) {
          reply.header('cache-control', 'public, max-age=31536000, immutable');
        }
      },
    });
  }

  const sendPage = (_request: FastifyRequest, reply: FastifyReply) => {
    if (template === undefined) {
      throw new AppError('unavailable', 'The web app has not been built. Run "npm run build", or start with "npm start".');
    }
    const nonce = randomBytes(16).toString('base64');
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-security-policy', pagePolicy(nonce))
      .send(template.replaceAll(NONCE_PLACEHOLDER, nonce));
  };

  app.get('/', sendPage);
  app.setNotFoundHandler((request, reply) => {
    const pathOnly = request.url.split('?')[0] ?? '';
    const isPage = (request.method === 'GET' || request.method === 'HEAD') && !pathOnly.startsWith('/api/') && pathOnly !== '/api' && !path.extname(pathOnly);
    if (isPage) return sendPage(request, reply);
    throw new AppError('notFound', `There is no ${request.method} ${pathOnly}.`);
  });
}
