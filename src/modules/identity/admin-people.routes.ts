import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isPlatformAdministrator, isUuid } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import { actorOf, sessionAccess } from '../../http/access.ts';
import { AppError } from '../../http/errors.ts';
import { Created, NewAffiliation, NewDelegation, NewLocalAccount, PeopleList, PeopleQuery, PlatformSettings } from './admin.contract.ts';
import { createAffiliation, createDelegation, createLocalAccount, endAffiliation, listPeople, setDeactivated, updatePlatformSettings } from './admin-people.ts';
import { localAccountsEnabled } from './sign-in.ts';

const admin = (rule: string) =>
  sessionAccess(`platform administrators: ${rule}`, {
    authorize: async (request, actor) => {
      if (!isPlatformAdministrator(actor)) throw new AppError('forbidden', 'Only platform administrators can do this.');
      const id = (request.params as { id?: string } | undefined)?.id;
      if (id !== undefined && !isUuid(id)) throw new AppError('notFound', 'Not found.');
    },
  });

const IdParams = z.object({ id: z.string() });
const Done = z.object({ ok: z.literal(true) });

export const adminPeopleRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  app.get(
    '/api/admin/people',
    { config: { access: admin('the people directory with affiliations') }, schema: { summary: 'People and their affiliations (search by name or e-mail)', tags: ['administration'], querystring: PeopleQuery, response: { 200: PeopleList } } },
    async (request) => ({ people: await listPeople(deps, request.query.search) }),
  );

  app.post(
    '/api/admin/people',
    { config: { access: admin('creating a local account') }, schema: { summary: 'Create a local account with an initial password', tags: ['administration'], body: NewLocalAccount, response: { 201: Created } } },
    async (request, reply) => reply.status(201).send({ id: await createLocalAccount(deps, actorOf(request), request.body, request.ip) }),
  );

  for (const [path, deactivate] of [['deactivation', true], ['reactivation', false]] as const) {
    app.post(
      `/api/admin/people/:id/${path}`,
      { config: { access: admin(deactivate ? 'deactivating a person (ends their sessions)' : 'reactivating a person') }, schema: { summary: deactivate ? 'Deactivate a person (never deleted)' : 'Reactivate a person', tags: ['administration'], params: IdParams, response: { 200: Done } } },
      async (request) => {
        await setDeactivated(deps, actorOf(request), request.params.id, deactivate, request.ip);
        return { ok: true as const };
      },
    );
  }

  app.post(
    '/api/admin/affiliations',
    { config: { access: admin('granting an affiliation directly') }, schema: { summary: 'Grant an affiliation (person, hospital, ERN, role, until)', tags: ['administration'], body: NewAffiliation, response: { 201: Created } } },
    async (request, reply) => reply.status(201).send({ id: await createAffiliation(deps, actorOf(request), request.body, request.ip) }),
  );

  app.post(
    '/api/admin/affiliations/:id/end',
    { config: { access: admin('ending an affiliation') }, schema: { summary: 'End an affiliation now', tags: ['administration'], params: IdParams, response: { 200: Done } } },
    async (request) => {
      await endAffiliation(deps, actorOf(request), request.params.id, request.ip);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/admin/delegations',
    { config: { access: admin('letting an assistant act for a health professional') }, schema: { summary: 'An assistant acts for a health professional of the same hospital', tags: ['administration'], body: NewDelegation, response: { 201: Created } } },
    async (request, reply) => reply.status(201).send({ id: await createDelegation(deps, actorOf(request), request.body, request.ip) }),
  );

  app.get(
    '/api/admin/settings',
    { config: { access: admin('platform settings') }, schema: { summary: 'Platform settings', tags: ['administration'], response: { 200: PlatformSettings } } },
    async () => ({ localAccountsEnabled: await localAccountsEnabled(deps) }),
  );

  app.patch(
    '/api/admin/settings',
    { config: { access: admin('changing platform settings') }, schema: { summary: 'Change platform settings (switch local accounts off in production)', tags: ['administration'], body: PlatformSettings, response: { 200: PlatformSettings } } },
    async (request) => {
      await updatePlatformSettings(deps, actorOf(request), request.body.localAccountsEnabled, request.ip);
      return { localAccountsEnabled: await localAccountsEnabled(deps) };
    },
  );
};
