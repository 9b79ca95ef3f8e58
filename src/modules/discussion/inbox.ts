import { and, count, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { isUuid, type Actor } from '../../access/actor.ts';
import type { Db } from '../../db/database.ts';
import { notifications, people } from '../../db/schema/index.ts';
import { AppError } from '../../http/errors.ts';
import type { NotificationList, NotificationView } from './discussion.contract.ts';

/** The person's unread notifications. */
export async function unreadCount(db: Db, personId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(notifications).where(and(eq(notifications.personId, personId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** The person's own inbox, newest first (only theirs: the person is the scope); `before` pages on. */
export async function listNotifications(db: Db, actor: Actor, query: { unread?: 'true' | 'false' | undefined; before?: string | undefined; limit: number }): Promise<NotificationList> {
  let cursor: SQL | undefined;
  if (query.before !== undefined) {
    const [anchor] = await db.select({ id: notifications.id }).from(notifications).where(and(eq(notifications.id, query.before), eq(notifications.personId, actor.personId)));
    if (!anchor) throw new AppError('badRequest', 'Ask for older notifications with the nextBefore of the page you have.', [{ path: 'query.before', message: 'not one of your notifications' }]);
    cursor = sql`(${notifications.createdAt}, ${notifications.id}) < (select n.created_at, n.id from notifications n where n.id = ${query.before})`;
  }
  const rows = await db
    .select({ n: notifications, actorName: people.displayName })
    .from(notifications)
    .leftJoin(people, eq(people.id, notifications.actorId))
    .where(and(eq(notifications.personId, actor.personId), query.unread === 'true' ? isNull(notifications.readAt) : undefined, cursor))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(query.limit + 1);
  const shown = rows.slice(0, query.limit);
  const views: NotificationView[] = shown.map(({ n, actorName }) => ({
    id: n.id,
    kind: n.kind,
    panelId: n.panelId,
    meetingId: n.meetingId,
    subjectId: n.subjectId,
    actor: n.actorId ? { personId: n.actorId, displayName: actorName ?? '' } : null,
    createdAt: n.createdAt,
    readAt: n.readAt,
  }));
  return { notifications: views, unread: await unreadCount(db, actor.personId), nextBefore: rows.length > query.limit ? (shown.at(-1)?.n.id ?? null) : null };
}

/** One of the person's own notifications, or undefined (404: another person's does not exist for them). */
export async function findOwnNotification(db: Db, actor: Actor, id: string): Promise<{ id: string } | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select({ id: notifications.id }).from(notifications).where(and(eq(notifications.id, id), eq(notifications.personId, actor.personId)));
  return row;
}
