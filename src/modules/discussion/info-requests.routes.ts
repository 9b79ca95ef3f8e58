import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.ts';
import { actorOf, scopedOf, sessionAccess, type RouteAccess } from '../../http/access.ts';
import { AppError } from '../../http/errors.ts';
import type { ScopedPanel } from '../panels/panel-scope.ts';
import { HospitalInfoRequestList, InfoRequestAnswer, InfoRequestsQuery, InfoRequestView, NewInfoRequest, PanelInfoRequests } from './discussion.contract.ts';
import { answerInfoRequest, askInfoRequest, findHospitalInfoRequest, listHospitalInfoRequests, listPanelInfoRequests, mayShareWithAnswer } from './info-requests.ts';

const IdParams = z.object({ id: z.string() });
const tags = ['discussion'];

/** Questions from a panel to the enrolling clinician: asked by members, answered by the enrolling hospital's staff. */
export const infoRequestRoutes = (deps: AppDeps, access: { readers: RouteAccess; members: (refusal: string) => RouteAccess }): FastifyPluginAsyncZod => async (app) => {
  app.get(
    '/api/panels/:id/info-requests',
    { config: { access: access.readers }, schema: { summary: 'The panel\'s requests for more information (open ones first), and whether I may ask or answer', tags, params: IdParams, response: { 200: PanelInfoRequests } } },
    async (request) => listPanelInfoRequests(deps, actorOf(request), scopedOf<ScopedPanel>(request), request.ip),
  );

  app.post(
    '/api/panels/:id/info-requests',
    { config: { access: access.members('Only the panel\'s members ask the enrolling clinician for more information.') }, schema: { summary: 'Ask the enrolling clinician for more information (open until answered)', tags, params: IdParams, body: NewInfoRequest, response: { 201: InfoRequestView } } },
    async (request, reply) => reply.status(201).send(await askInfoRequest(deps, actorOf(request), request.params.id, request.body, request.ip)),
  );

  app.get(
    '/api/info-requests',
    { config: { access: sessionAccess('the enrolling hospitals\' staff: requests on their own patients') }, schema: { summary: 'Requests for more information on my hospitals\' patients (open=true: the unanswered ones)', tags, querystring: InfoRequestsQuery, response: { 200: HospitalInfoRequestList } } },
    async (request) => ({ infoRequests: await listHospitalInfoRequests(deps, actorOf(request), request.query, request.ip) }),
  );

  app.post(
    '/api/info-requests/:id/answer',
    {
      config: {
        access: sessionAccess('the enrolling hospital\'s staff; sharing a record version with the answer: the panel\'s lead or requester there', {
          authorize: async (request, actor) => {
            const id = (request.params as { id?: string }).id ?? '';
            const found = await findHospitalInfoRequest(deps.db, actor, id);
            if (!found) throw new AppError('notFound', 'No such information request.');
            const share = (request.body as { share?: unknown } | undefined)?.share;
            if (share !== undefined && !(await mayShareWithAnswer(deps.db, actor, found.panelId))) {
              throw new AppError('forbidden', 'Only the panel\'s lead or requester, at the patient\'s hospital, shares the record with the panel; answer without sharing.');
            }
          },
        }),
      },
      schema: { summary: 'Answer the request, optionally sharing a newer record version with the panel in the same step', tags, params: IdParams, body: InfoRequestAnswer, response: { 200: InfoRequestView } },
    },
    async (request) => answerInfoRequest(deps, actorOf(request), request.params.id, request.body, request.ip),
  );
};
