import { eq, inArray } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.ts';
import { isUuid } from '../../access/actor.ts';
import { diseaseGroups, people, personDiseaseGroups } from '../../db/schema/index.ts';
import { actorOf, sessionAccess } from '../../http/access.ts';
import { AppError } from '../../http/errors.ts';
import { PLATFORM_PARTITION } from '../audit/audit-actions.contract.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { EndedResponse, ProfilePatch, ProfileResponse, SessionListResponse } from './identity.contract.ts';
import { endSessions, listActiveSessions } from './sessions.ts';

const own = (what: string) => sessionAccess(`the signed-in person, ${what} (their own only)`, { secondFactor: false });

async function readProfile(deps: AppDeps, personId: string): Promise<z.infer<typeof ProfileResponse>> {
  const person = await deps.db.query.people.findFirst({ where: (p, { eq: equals }) => equals(p.id, personId) });
  if (!person) throw new AppError('notFound', 'No such person.');
  const groups = await deps.db.select({ id: personDiseaseGroups.diseaseGroupId }).from(personDiseaseGroups).where(eq(personDiseaseGroups.personId, personId));
  return {
    email: person.email,
    displayName: person.displayName,
    title: person.title,
    specialty: person.specialty,
    expertise: person.expertise,
    languages: person.languages,
    timeZone: person.timeZone,
    locale: person.locale as 'en',
    country: person.country,
    diseaseGroupIds: groups.map((g) => g.id),
  };
}

export const meRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  app.get(
    '/api/me/sessions',
    { config: { access: own('listing sessions') }, schema: { summary: 'My active sessions', tags: ['me'], response: { 200: SessionListResponse } } },
    async (request) => {
      const actor = actorOf(request);
      const sessions = await listActiveSessions(deps.db, deps.clock, actor.personId);
      return { sessions: sessions.map((s) => ({ ...s, current: s.id === actor.sessionId })) };
    },
  );

  app.delete(
    '/api/me/sessions/:sessionId',
    {
      config: { access: own('ending one session') },
      schema: { summary: 'End one of my sessions', tags: ['me'], params: z.object({ sessionId: z.string() }), response: { 200: EndedResponse } },
    },
    async (request) => {
      const actor = actorOf(request);
      const { sessionId } = request.params;
      const ended = isUuid(sessionId)
        ? await deps.db.transaction(async (tx) => {
            const count = await endSessions(tx, deps.clock, actor.personId, sessionId);
            if (count > 0) await recordAudit(tx, deps.clock, { partition: PLATFORM_PARTITION, actorId: actor.personId, action: 'session.ended', targetType: 'session', targetId: sessionId, clientAddress: request.ip });
            return count;
          })
        : 0;
      if (ended === 0) throw new AppError('notFound', 'No such active session.');
      return { ended };
    },
  );

  app.post(
    '/api/me/sessions/end-all',
    { config: { access: own('ending all sessions') }, schema: { summary: 'End all my sessions, this one included', tags: ['me'], response: { 200: EndedResponse } } },
    async (request) => {
      const actor = actorOf(request);
      const ended = await deps.db.transaction(async (tx) => {
        const count = await endSessions(tx, deps.clock, actor.personId);
        await recordAudit(tx, deps.clock, { partition: PLATFORM_PARTITION, actorId: actor.personId, action: 'session.ended', targetType: 'person', targetId: actor.personId, clientAddress: request.ip, details: { all: true, count } });
        return count;
      });
      return { ended };
    },
  );

  app.get(
    '/api/me/profile',
    { config: { access: own('reading the profile') }, schema: { summary: 'My profile', tags: ['me'], response: { 200: ProfileResponse } } },
    async (request) => readProfile(deps, actorOf(request).personId),
  );

  app.patch(
    '/api/me/profile',
    {
      config: { access: own('changing the profile') },
      schema: { summary: 'Change my profile (title, specialty, expertise, languages, time zone, interface language)', tags: ['me'], body: ProfilePatch, response: { 200: ProfileResponse } },
    },
    async (request) => {
      const actor = actorOf(request);
      const { diseaseGroupIds, ...fields } = request.body;
      if (diseaseGroupIds?.length) {
        const known = await deps.db.select({ id: diseaseGroups.id }).from(diseaseGroups).where(inArray(diseaseGroups.id, diseaseGroupIds));
        if (known.length !== new Set(diseaseGroupIds).size) throw new AppError('unprocessable', 'One of the thematic areas does not exist.');
      }
      await deps.db.transaction(async (tx) => {
        if (Object.keys(fields).length > 0) await tx.update(people).set(fields).where(eq(people.id, actor.personId));
        if (diseaseGroupIds) {
          await tx.delete(personDiseaseGroups).where(eq(personDiseaseGroups.personId, actor.personId));
          if (diseaseGroupIds.length) await tx.insert(personDiseaseGroups).values(diseaseGroupIds.map((id) => ({ personId: actor.personId, diseaseGroupId: id }))).onConflictDoNothing();
        }
        await recordAudit(tx, deps.clock, { partition: PLATFORM_PARTITION, actorId: actor.personId, action: 'profile.updated', targetType: 'person', targetId: actor.personId, clientAddress: request.ip, details: { fields: Object.keys(request.body) } });
      });
      return readProfile(deps, actor.personId);
    },
  );
};
