import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { accessOf, publicAccess } from './access.ts';

/**
 * Generates the OpenAPI 3.1 document from the routes' zod schemas. Each operation says whether it needs
 * a session (`security`) and states its access rule (`x-access`).
 */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Open CPMS API',
        version,
        description: 'Virtual consultations of the European Reference Networks. Errors are RFC 9457 problem details.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'cpms_session', description: 'Server-side session (sign in first)' },
        },
      },
    },
    transform(input) {
      const transformed = jsonSchemaTransform(input);
      const access = accessOf(input.route);
      if (access === undefined) return transformed;
      return {
        ...transformed,
        schema: {
          ...transformed.schema,
          security: access.session ? [{ session: [] }] : [],
          'x-access': access.rule,
        },
      };
    },
  });
  app.get(
    '/api/openapi.json',
    { config: { access: publicAccess('the API description') }, schema: { summary: 'This OpenAPI document', tags: ['system'] } },
    async () => app.swagger(),
  );
}
