import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { publicAccess } from '../../http/access.ts';
import type { AppDeps } from '../../app-deps.ts';
import { appVersion } from '../../platform/version.ts';
import { HealthResponse, LivenessResponse } from './system.contract.ts';

export const systemRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  app.get(
    '/api/health',
    {
      config: { access: publicAccess('service status only') },
      schema: {
        summary: 'Service health, including the database',
        tags: ['system'],
        response: { 200: HealthResponse, 503: HealthResponse },
      },
    },
    async (request, reply) => {
      const base = { database: deps.database.kind, version: appVersion, environment: deps.config.environment };
      try {
        await deps.database.query('SELECT 1');
        return { status: 'ok' as const, ...base };
      } catch (error) {
        request.log.error({ err: error }, 'health check: database unavailable');
        return reply.status(503).send({ status: 'unavailable' as const, ...base });
      }
    },
  );

  app.get(
    '/api/health/live',
    {
      config: { access: publicAccess('liveness only'), rateLimit: false },
      schema: { summary: 'Liveness: the process answers (no database)', tags: ['system'], response: { 200: LivenessResponse } },
    },
    async () => ({ status: 'ok' as const }),
  );
};
