import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import type { Db } from '../../db/database.ts';
import { notificationPreferences, people } from '../../db/schema/index.ts';
import { actorOf, sessionAccess } from '../../http/access.ts';
import { PLATFORM_PARTITION } from '../audit/audit-actions.contract.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { DIGEST_HOUR, defaultEmailModes, type EmailCategory, type EmailMode } from './notification-categories.contract.ts';
import { NotificationPreferences, NotificationPreferencesPatch } from './notification-preferences.contract.ts';

const own = (what: string) => sessionAccess(`the signed-in person, ${what} (their own only)`, { secondFactor: false });

async function readPreferences(db: Db, personId: string): Promise<NotificationPreferences> {
  const rows = await db.select({ category: notificationPreferences.category, mode: notificationPreferences.mode }).from(notificationPreferences).where(eq(notificationPreferences.personId, personId));
  const [person] = await db.select({ timeZone: people.timeZone }).from(people).where(eq(people.id, personId));
  const email: Record<EmailCategory, EmailMode> = { ...defaultEmailModes };
  for (const row of rows) email[row.category] = row.mode;
  return { email, digestHour: DIGEST_HOUR, timeZone: person?.timeZone ?? 'UTC' };
}

/** Each person's choice of how notification e-mails reach them; the in-app inbox always has everything. */
export const notificationPreferencesRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  app.get(
    '/api/me/notification-preferences',
    { config: { access: own('reading notification preferences') }, schema: { summary: 'How my notification e-mails reach me', tags: ['me'], response: { 200: NotificationPreferences } } },
    async (request) => readPreferences(deps.db, actorOf(request).personId),
  );

  app.patch(
    '/api/me/notification-preferences',
    {
      config: { access: own('changing notification preferences') },
      schema: { summary: 'Choose, per kind, whether notification e-mails come at once, in a daily summary, or not at all', tags: ['me'], body: NotificationPreferencesPatch, response: { 200: NotificationPreferences } },
    },
    async (request) => {
      const actor = actorOf(request);
      const changes = Object.entries(request.body.email) as [EmailCategory, EmailMode][];
      await deps.db.transaction(async (tx) => {
        const updatedAt = deps.clock.now().toISOString();
        for (const [category, mode] of changes) {
          await tx
            .insert(notificationPreferences)
            .values({ personId: actor.personId, category, mode, updatedAt })
            .onConflictDoUpdate({ target: [notificationPreferences.personId, notificationPreferences.category], set: { mode, updatedAt } });
        }
        await recordAudit(tx, deps.clock, { partition: PLATFORM_PARTITION, actorId: actor.personId, action: 'profile.updated', targetType: 'person', targetId: actor.personId, clientAddress: request.ip, details: { notificationPreferences: Object.fromEntries(changes) } });
      });
      return readPreferences(deps.db, actor.personId);
    },
  );
};
