import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import { publicAccess } from '../../http/access.ts';
import { ErnListResponse, HospitalListResponse } from './organisations.contract.ts';
import { listErns, listHospitals } from './organisations.queries.ts';

export const organisationsRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  app.get(
    '/api/erns',
    {
      config: { access: publicAccess('the networks and their disease groups are published reference data') },
      schema: { summary: 'The European Reference Networks and their disease groups', tags: ['organisations'], response: { 200: ErnListResponse } },
    },
    async () => ({ erns: await listErns(deps.db) }),
  );

  app.get(
    '/api/hospitals',
    {
      config: { access: publicAccess('hospitals and their network memberships are published by the ERNs') },
      schema: { summary: 'Hospitals and their membership in each network', tags: ['organisations'], response: { 200: HospitalListResponse } },
    },
    async () => ({ hospitals: await listHospitals(deps.db) }),
  );
};
