import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasRole, hospitalsWhere, isUuid } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import { sendDownload, rangeOf } from '../../http/send-download.ts';
import { actorOf, scopedOf, sessionAccess } from '../../http/access.ts';
import { AppError } from '../../http/errors.ts';
import type { PatientSummary } from '../patients/patients.contract.ts';
import { findPatient } from '../patients/patients.queries.ts';
import { panelBoard, triageQueue } from './board.ts';
import { createPanelDraft, updatePanelDraft } from './create-panel.ts';
import { coordinator, lead, member, onPanel } from './panel-access.ts';
import { mayAttempt, panelActions, type PanelAction } from './panel-lifecycle.contract.ts';
import { panelMemberRoutes } from './panel-members.routes.ts';
import { actorFacts, findPanel, type ScopedPanel } from './panel-scope.ts';
import { expertRoutes } from './experts.routes.ts';
import { CaseQuery, LeadReassignment, NewPanel, NewShare, PanelBoard, PanelCase, PanelDetail, PanelDraftUpdate, ShareSummary, TransitionParams, TransitionRequest, TriageQueue } from './panels.contract.ts';
import { downloadSharedFile, findSharedFile, viewPanelCase } from './read-case.ts';
import { viewPanel } from './read-panel.ts';
import { reassignLead } from './reassign-lead.ts';
import { canShare, shareRecord } from './share-record.ts';
import { transitionPanel } from './transition-panel.ts';

const IdParams = z.object({ id: z.string() });
const FileParams = z.object({ id: z.string(), attachmentId: z.string() });
const tags = ['panels'];

type SharedFile = { scoped: ScopedPanel; file: { id: string; label: string; mediaType: string } };

export const panelsRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  /** The panel as the caller sees it after their change. */
  const reload = async (request: FastifyRequest, id: string) => {
    const actor = actorOf(request);
    const scoped = await findPanel(deps.db, actor, id);
    if (!scoped) throw new AppError('notFound', 'No such panel.');
    return viewPanel(deps, actor, scoped, request.ip);
  };

  app.post(
    '/api/panels',
    {
      config: {
        access: sessionAccess('a health professional of the patient\'s (enrolling) hospital', {
          authorize: async (request, actor) => {
            const patientId = (request.body as { patientId?: unknown } | undefined)?.patientId;
            if (typeof patientId !== 'string') return; // validation answers 400
            const patient = await findPatient(deps.db, actor, patientId);
            if (!patient) throw new AppError('notFound', 'No such patient.');
            if (!hospitalsWhere(actor, 'healthProfessional').includes(patient.hospitalId)) throw new AppError('forbidden', 'Only a health professional of the patient\'s hospital can request a panel.');
            request.scoped = patient;
          },
        }),
      },
      schema: { summary: 'Request a panel on a patient of my hospital (a draft; I lead it)', tags, body: NewPanel, response: { 201: PanelDetail } },
    },
    async (request, reply) => {
      const id = await createPanelDraft(deps, actorOf(request), scopedOf<PatientSummary>(request), request.body, request.ip);
      return reply.status(201).send(await reload(request, id));
    },
  );

  app.get(
    '/api/panels/board',
    { config: { access: sessionAccess('any signed-in person: their own panels; coordinators also their ERNs\'') }, schema: { summary: 'My panels by stage, my invitations, and (coordinators) my ERNs\' panels by stage', tags, response: { 200: PanelBoard } } },
    async (request) => panelBoard(deps, actorOf(request), request.ip),
  );

  app.get(
    '/api/panels/triage-queue',
    {
      config: {
        access: sessionAccess('coordinators: requests of the ERNs they coordinate', {
          authorize: async (_request, actor) => {
            if (!hasRole(actor, 'coordinator')) throw new AppError('forbidden', 'The triage queue is for the networks\' coordinators.');
          },
        }),
      },
      schema: { summary: 'Requests awaiting triage in my ERNs, nearest deadline first', tags, response: { 200: TriageQueue } },
    },
    async (request) => triageQueue(deps, actorOf(request), request.ip),
  );

  app.get(
    '/api/panels/:id',
    { config: { access: onPanel(deps, 'the panel\'s lead, members, guests and invitees; coordinators of the owning ERN') }, schema: { summary: 'The panel: metadata, members, my role, what I may do, deadline', tags, params: IdParams, response: { 200: PanelDetail } } },
    async (request) => viewPanel(deps, actorOf(request), scopedOf<ScopedPanel>(request), request.ip),
  );

  app.patch(
    '/api/panels/:id',
    { config: { access: onPanel(deps, 'the panel lead, while it is a draft', lead, 'Only the panel lead changes the request.') }, schema: { summary: 'Change a draft request', tags, params: IdParams, body: PanelDraftUpdate, response: { 200: PanelDetail } } },
    async (request) => {
      const actor = actorOf(request);
      await updatePanelDraft(deps, actor, request.params.id, request.body, request.ip);
      return reload(request, request.params.id);
    },
  );

  app.post(
    '/api/panels/:id/transitions/:action',
    {
      config: {
        access: onPanel(deps, 'by the lifecycle: the lead or the owning ERN\'s coordinators, per step', (scoped, _actor, request) => {
          const action = (request.params as { action?: string }).action;
          return !panelActions.includes(action as PanelAction) || mayAttempt(scoped.panel, actorFacts(scoped), action as PanelAction);
        }),
      },
      schema: { summary: 'Move the panel one step (submit, accept, returnToDraft, cancel, startOutcome, resumeDiscussion, close, archive)', tags, params: TransitionParams, body: TransitionRequest, response: { 200: PanelDetail } },
    },
    async (request) => {
      const actor = actorOf(request);
      await transitionPanel(deps, actor, request.params.id, request.params.action, request.body, request.ip);
      return reload(request, request.params.id);
    },
  );

  app.post(
    '/api/panels/:id/lead',
    { config: { access: onPanel(deps, 'coordinators of the owning ERN', coordinator, 'Only a coordinator of the owning network reassigns the lead.') }, schema: { summary: 'Make another health professional the lead', tags, params: IdParams, body: LeadReassignment, response: { 200: PanelDetail } } },
    async (request) => {
      const actor = actorOf(request);
      await reassignLead(deps, actor, request.params.id, request.body, request.ip);
      return reload(request, request.params.id);
    },
  );

  app.post(
    '/api/panels/:id/shares',
    { config: { access: onPanel(deps, 'the lead or requester, as a health professional of the patient\'s hospital', (scoped, actor) => canShare(actor, scoped), 'Only the lead or the requester, at the patient\'s hospital, decides what of the record the panel sees.') }, schema: { summary: 'Share a record version\'s sections and chosen files with the panel (a new share; earlier ones stay)', tags, params: IdParams, body: NewShare, response: { 201: ShareSummary } } },
    async (request, reply) => reply.status(201).send(await shareRecord(deps, actorOf(request), request.params.id, request.body, request.ip)),
  );

  app.get(
    '/api/panels/:id/case',
    { config: { access: onPanel(deps, 'the panel\'s lead, members and guests', member, 'Only the panel\'s members read the case (accept the invitation first).') }, schema: { summary: 'The case as shared: exactly the shared sections of the pinned version and the shared files — or why it is withheld', tags, params: IdParams, querystring: CaseQuery, response: { 200: PanelCase } } },
    async (request) => viewPanelCase(deps, actorOf(request), scopedOf<ScopedPanel>(request), request.query.share, request.ip),
  );

  app.get(
    '/api/panels/:id/attachments/:attachmentId/content',
    {
      exposeHeadRoute: false, // a HEAD would audit a download that never happened
      config: {
        access: sessionAccess('the panel\'s lead, members and guests: files of the latest share', {
          authorize: async (request, actor) => {
            const params = request.params as { id?: string; attachmentId?: string };
            const scoped = await findPanel(deps.db, actor, params.id ?? '');
            if (!scoped) throw new AppError('notFound', 'No such panel.');
            if (!member(scoped, actor, request)) throw new AppError('forbidden', 'Only the panel\'s members open its files (accept the invitation first).');
            const file = isUuid(params.attachmentId) ? await findSharedFile(deps.db, scoped, params.attachmentId) : undefined;
            if (!file) throw new AppError('notFound', 'No such file in this panel\'s case.');
            const found: SharedFile = { scoped, file };
            request.scoped = found;
          },
        }),
      },
      schema: { summary: 'A shared file (a download, ranges answer 206), offered under its label', tags, params: FileParams },
    },
    async (request, reply) => {
      const { scoped, file } = scopedOf<SharedFile>(request);
      const download = await downloadSharedFile(deps, actorOf(request), scoped, file, { ...rangeOf(request), clientAddress: request.ip });
      return sendDownload(request, reply, download);
    },
  );

  await app.register(panelMemberRoutes(deps));
  await app.register(expertRoutes(deps));
};
