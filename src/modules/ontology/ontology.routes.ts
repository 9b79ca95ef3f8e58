import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.ts';
import { sessionAccess } from '../../http/access.ts';
import { AppError } from '../../http/errors.ts';
import { findHpoTerm } from './hpo-term.ts';
import { hpoSearch } from './hpo-search.ts';
import {
  HpoId,
  HpoSearchResponse,
  HpoTermResponse,
  OntologySearchQuery,
  OrphaCodeParam,
  OrphanetDisorderResponse,
  OrphanetSearchResponse,
} from './ontology.contract.ts';
import { findOrphanetDisorder } from './orphanet-disorder.ts';
import { orphanetSearch } from './orphanet-search.ts';

// Reference data, but behind a session: it is not ours to republish on the open internet, and the
// search is a cost an anonymous caller should not be able to impose.
const referenceData = sessionAccess('any signed-in person: reference data');

export const ontologyRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  const searchHpo = hpoSearch(deps.db);
  const searchOrphanet = orphanetSearch(deps.db);

  app.get(
    '/api/ontology/hpo/search',
    {
      config: { access: referenceData },
      schema: { summary: 'Autocomplete over HPO terms: labels, synonyms, ids; typo-tolerant', tags: ['ontology'], querystring: OntologySearchQuery, response: { 200: HpoSearchResponse } },
      // Server-side time, for the benchmark and for browsers' developer tools (the network adds its own):
      // `search` is this route's own work, `app` everything from the request's arrival (session included).
      onSend: async (_request, reply) => {
        const search = reply.getHeader('server-timing');
        reply.header('server-timing', `${typeof search === 'string' ? `${search}, ` : ''}app;dur=${reply.elapsedTime.toFixed(2)}`);
      },
    },
    async (request, reply) => {
      const started = performance.now();
      const terms = await searchHpo(request.query.q, request.query.limit);
      reply.header('server-timing', `search;dur=${(performance.now() - started).toFixed(2)}`);
      return { terms };
    },
  );

  app.get(
    '/api/ontology/hpo/terms/:id',
    {
      config: { access: referenceData },
      schema: { summary: 'One HPO term (also by alternative id, and obsolete ones) with parents and children', tags: ['ontology'], params: z.object({ id: HpoId }), response: { 200: HpoTermResponse } },
    },
    async (request) => {
      const term = await findHpoTerm(deps.db, request.params.id);
      if (!term) throw new AppError('notFound', `No HPO term ${request.params.id} is loaded.`);
      return term;
    },
  );

  app.get(
    '/api/ontology/orphanet/search',
    {
      config: { access: referenceData },
      schema: { summary: 'Orphanet disorders by name, synonym or ORPHAcode', tags: ['ontology'], querystring: OntologySearchQuery, response: { 200: OrphanetSearchResponse } },
    },
    async (request) => ({ disorders: await searchOrphanet(request.query.q, request.query.limit) }),
  );

  app.get(
    '/api/ontology/orphanet/disorders/:code',
    {
      config: { access: referenceData },
      schema: { summary: 'One Orphanet disorder (inactive ones too) with OMIM references, parents and children', tags: ['ontology'], params: z.object({ code: OrphaCodeParam }), response: { 200: OrphanetDisorderResponse } },
    },
    async (request) => {
      const disorder = await findOrphanetDisorder(deps.db, request.params.code);
      if (!disorder) throw new AppError('notFound', `No Orphanet disorder ORPHA:${request.params.code} is loaded.`);
      return disorder;
    },
  );
};
