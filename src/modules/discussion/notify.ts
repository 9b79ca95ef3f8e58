import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../db/database.ts';
import { notifications, people, type notificationKinds } from '../../db/schema/index.ts';
import type { Clock } from '../../platform/clock.ts';
import { publishEvent } from '../../realtime/publish-event.ts';
import { queueNotificationEmail } from '../notifications/notification-email.ts';
import type { EmailCategory } from '../notifications/notification-categories.contract.ts';

/*
 * The write side of the inbox, kept free of the panels module's imports so that the modules which cause
 * notifications (panels, consent) can call it without an import cycle.
 */

export type NotificationKind = (typeof notificationKinds)[number];

export interface NewNotification {
  kind: NotificationKind;
  panelId?: string | null;
  meetingId?: string | null;
  /** The message, information request or report version it is about. */
  subjectId?: string | null;
  /** Who caused it; never notified of their own act. */
  actorId?: string | null;
}

export const inboxStream = (personId: string) => `inbox:${personId.toLowerCase()}`;

/**
 * Puts a notification in each person's inbox, in the caller's transaction, and tells their open pages
 * (`inbox:<personId>`, ids only). Nothing is written or announced if the transaction rolls back.
 */
export async function notify(tx: Db | Tx, clock: Clock, personIds: readonly string[], notification: NewNotification): Promise<void> {
  const recipients = [...new Set(personIds.map((id) => id.toLowerCase()))].filter((id) => id !== notification.actorId?.toLowerCase());
  if (recipients.length === 0) return;
  const createdAt = clock.now().toISOString();
  const rows = await tx
    .insert(notifications)
    .values(recipients.map((personId) => ({ personId, kind: notification.kind, panelId: notification.panelId ?? null, meetingId: notification.meetingId ?? null, subjectId: notification.subjectId ?? null, actorId: notification.actorId ?? null, createdAt })))
    .returning({ id: notifications.id, personId: notifications.personId });
  for (const row of rows) await publishEvent(tx, clock, { stream: inboxStream(row.personId), type: 'notification.created', data: { notificationId: row.id, kind: notification.kind } });
}

/** The e-mails an inbox item may be mirrored by: a subject, one sentence and a link — never clinical content. */
export type NotificationMail = 'infoRequest' | 'infoAnswered' | 'contributionPosted';

const mails: Record<NotificationMail, { subject: string; body: string; category: EmailCategory }> = {
  infoRequest: { subject: 'Open CPMS: a panel asks you for more information', body: 'A panel on a patient of your hospital asks for more information. Sign in to read the question and answer it:', category: 'informationRequests' },
  infoAnswered: { subject: 'Open CPMS: your question to the enrolling clinician was answered', body: 'The enrolling clinician answered your request for more information. Sign in to read the answer:', category: 'informationRequests' },
  contributionPosted: { subject: 'Open CPMS: a new expert contribution on a panel', body: 'An expert wrote or updated their contribution on a panel you take part in. Sign in to read it:', category: 'contributions' },
};

/** Queues the content-free e-mail to each (active) person, in the caller's transaction. */
export async function mailPeople(tx: Db | Tx, clock: Clock, publicUrl: string, personIds: readonly string[], kind: NotificationMail, path: string): Promise<void> {
  if (personIds.length === 0) return;
  const recipients = await tx
    .select({ id: people.id, email: people.email })
    .from(people)
    .where(and(inArray(people.id, [...new Set(personIds)]), isNull(people.deactivatedAt)));
  const mail = mails[kind];
  for (const recipient of recipients) await queueNotificationEmail(tx, clock, mail.category, { recipientId: recipient.id, to: recipient.email, subject: mail.subject, text: `${mail.body}\n${publicUrl}${path}\n` });
}

/** Marks the person's notifications read (all of them, or those ids), and tells their other open pages. */
export async function markRead(tx: Db | Tx, clock: Clock, personId: string, ids: readonly string[] | 'all'): Promise<number> {
  const readAt = clock.now().toISOString();
  const marked = await tx
    .update(notifications)
    .set({ readAt })
    .where(and(eq(notifications.personId, personId), isNull(notifications.readAt), ids === 'all' ? undefined : inArray(notifications.id, [...ids])))
    .returning({ id: notifications.id });
  if (marked.length > 0) await publishEvent(tx, clock, { stream: inboxStream(personId), type: 'notification.read', data: { count: marked.length } });
  return marked.length;
}
