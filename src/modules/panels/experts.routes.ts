import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ernsWhere, hasRole, isPlatformAdministrator, isUuid, type Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import { actorOf, scopedOf, sessionAccess } from '../../http/access.ts';
import { AppError } from '../../http/errors.ts';
import { searchExperts } from './expert-directory.ts';
import { canManageGroup, createGroup, deleteGroup, findGroup, groupErns, listGroups, updateGroup } from './expert-groups.ts';
import { panelSettingsOf, updateDeadlines } from './panel-settings.ts';
import { ExpertGroupInput, ExpertGroupList, ExpertGroupQuery, ExpertGroupUpdate, ExpertGroupView, ExpertList, ExpertSearchQuery, PanelSettings, PanelSettingsUpdate } from './panels.contract.ts';

const tags = ['panels'];
const IdParams = z.object({ id: z.string() });
const ErnParams = z.object({ ernId: z.string() });

/** The people who invite experts: health professionals (panel leads) and coordinators. */
const invitesExperts = (actor: Actor) => hasRole(actor, 'healthProfessional') || hasRole(actor, 'coordinator');
const inviters = (rule: string) =>
  sessionAccess(rule, {
    authorize: async (_request, actor) => {
      if (!invitesExperts(actor)) throw new AppError('forbidden', 'The expert directory is for health professionals and coordinators.');
    },
  });

type Group = NonNullable<Awaited<ReturnType<typeof findGroup>>>;

/** The expert directory, saved expert groups, and the ERNs' panel settings. */
export const expertRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  const manageGroup = sessionAccess('coordinators of the group\'s ERN and the group\'s creator', {
    authorize: async (request, actor) => {
      const group = await findGroup(deps.db, actor, (request.params as { id?: string }).id ?? '');
      if (!group) throw new AppError('notFound', 'No such expert group.');
      if (!canManageGroup(actor, group)) throw new AppError('forbidden', 'Only the network\'s coordinators and the group\'s creator change it.');
      request.scoped = group;
    },
  });

  app.get(
    '/api/experts',
    { config: { access: inviters('health professionals and coordinators') }, schema: { summary: 'Search the expert directory (ERN, disease group, expertise words, country, language, hospital)', tags, querystring: ExpertSearchQuery, response: { 200: ExpertList } } },
    async (request) => ({ experts: await searchExperts(deps.db, request.query, deps.clock.now().toISOString()) }),
  );

  app.get(
    '/api/expert-groups',
    { config: { access: inviters('health professionals and coordinators: the groups of ERNs they coordinate or lead panels in, and their own') }, schema: { summary: 'Saved expert groups I can use', tags, querystring: ExpertGroupQuery, response: { 200: ExpertGroupList } } },
    async (request) => ({ expertGroups: await listGroups(deps.db, actorOf(request), request.query.ernId) }),
  );

  app.post(
    '/api/expert-groups',
    {
      config: {
        access: sessionAccess('coordinators of the ERN, and leads of a panel of the ERN', {
          authorize: async (request, actor) => {
            const ernId = (request.body as { ernId?: unknown } | undefined)?.ernId;
            if (typeof ernId !== 'string') return; // validation answers 400
            if (!(await groupErns(deps.db, actor)).includes(ernId)) throw new AppError('forbidden', 'Expert groups of a network are saved by its coordinators and its panel leads.');
          },
        }),
      },
      schema: { summary: 'Save an expert group of an ERN', tags, body: ExpertGroupInput, response: { 201: ExpertGroupView } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await createGroup(deps, actor, request.body, request.ip);
      return reply.status(201).send((await listGroups(deps.db, actor, request.body.ernId)).find((g) => g.id === id)!);
    },
  );

  app.put(
    '/api/expert-groups/:id',
    { config: { access: manageGroup }, schema: { summary: 'Rename an expert group or change its members', tags, params: IdParams, body: ExpertGroupUpdate, response: { 200: ExpertGroupView } } },
    async (request) => {
      const actor = actorOf(request);
      const group = scopedOf<Group>(request);
      await updateGroup(deps, actor, group, request.body, request.ip);
      return (await listGroups(deps.db, actor, group.ernId)).find((g) => g.id === group.id)!;
    },
  );

  app.delete(
    '/api/expert-groups/:id',
    { config: { access: manageGroup }, schema: { summary: 'Delete an expert group', tags, params: IdParams } },
    async (request, reply) => {
      await deleteGroup(deps, actorOf(request), scopedOf<Group>(request), request.ip);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/panel-settings/:ernId',
    { config: { access: sessionAccess('any signed-in person (network settings, nothing personal)') }, schema: { summary: 'An ERN\'s panel settings: triage, deadlines per urgency, helpdesk contact', tags, params: ErnParams, response: { 200: PanelSettings } } },
    async (request) => {
      const settings = isUuid(request.params.ernId) ? await panelSettingsOf(deps.db, request.params.ernId) : undefined;
      if (!settings) throw new AppError('notFound', 'No such network.');
      return settings;
    },
  );

  app.put(
    '/api/panel-settings/:ernId',
    {
      config: {
        access: sessionAccess('coordinators of the ERN and platform administrators', {
          authorize: async (request, actor) => {
            const ernId = (request.params as { ernId?: string }).ernId ?? '';
            if (!isPlatformAdministrator(actor) && !ernsWhere(actor, 'coordinator').includes(ernId)) throw new AppError('forbidden', 'Only the network\'s coordinators (and administrators) set its deadlines.');
          },
        }),
      },
      schema: { summary: 'Set an ERN\'s deadline per urgency (triage and helpdesk are set with the ERN by administrators)', tags, params: ErnParams, body: PanelSettingsUpdate, response: { 200: PanelSettings } },
    },
    async (request) => {
      await updateDeadlines(deps, actorOf(request), request.params.ernId, request.body.deadlineDays, request.ip);
      return (await panelSettingsOf(deps.db, request.params.ernId))!;
    },
  );
};
