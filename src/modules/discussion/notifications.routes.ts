import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.ts';
import { actorOf, sessionAccess } from '../../http/access.ts';
import { AppError } from '../../http/errors.ts';
import { NotificationList, NotificationsQuery, UnreadCount } from './discussion.contract.ts';
import { findOwnNotification, listNotifications, unreadCount } from './inbox.ts';
import { markRead } from './notify.ts';

const IdParams = z.object({ id: z.string() });
const tags = ['notifications'];
const own = 'the person themselves: their own inbox';

/** The in-app inbox: each person's own notifications (real time on `inbox:<personId>`). */
export const notificationRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  app.get(
    '/api/notifications',
    { config: { access: sessionAccess(own) }, schema: { summary: 'My notifications, newest first (unread=true: only unread)', tags, querystring: NotificationsQuery, response: { 200: NotificationList } } },
    async (request) => listNotifications(deps.db, actorOf(request), request.query),
  );

  app.get(
    '/api/notifications/unread-count',
    { config: { access: sessionAccess(own) }, schema: { summary: 'How many of my notifications are unread', tags, response: { 200: UnreadCount } } },
    async (request) => ({ unread: await unreadCount(deps.db, actorOf(request).personId) }),
  );

  app.post(
    '/api/notifications/:id/read',
    {
      config: {
        access: sessionAccess(own, {
          authorize: async (request, actor) => {
            if (!(await findOwnNotification(deps.db, actor, (request.params as { id?: string }).id ?? ''))) throw new AppError('notFound', 'No such notification.');
          },
        }),
      },
      schema: { summary: 'Mark one of my notifications read', tags, params: IdParams, response: { 200: UnreadCount } },
    },
    async (request) => {
      const personId = actorOf(request).personId;
      await deps.db.transaction((tx) => markRead(tx, deps.clock, personId, [request.params.id]));
      return { unread: await unreadCount(deps.db, personId) };
    },
  );

  app.post(
    '/api/notifications/read-all',
    { config: { access: sessionAccess(own) }, schema: { summary: 'Mark all my notifications read', tags, response: { 200: UnreadCount } } },
    async (request) => {
      const personId = actorOf(request).personId;
      await deps.db.transaction((tx) => markRead(tx, deps.clock, personId, 'all'));
      return { unread: 0 };
    },
  );
};
