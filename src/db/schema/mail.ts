import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { people } from './identity.ts';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/**
 * Outgoing e-mail, written in the transaction of the change that causes it and delivered by the mail
 * worker (SMTP when configured; otherwise it stays here for the administrator to read). E-mails carry
 * links, never clinical content.
 */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recipientId: uuid('recipient_id').references(() => people.id),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    bodyText: text('body_text').notNull(),
    /** An iCalendar invitation sent along (RFC 5546 method REQUEST or CANCEL, and the entry itself). */
    calendarMethod: text('calendar_method', { enum: ['REQUEST', 'CANCEL'] }),
    calendarContent: text('calendar_content'),
    createdAt: instant('created_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: instant('next_attempt_at').notNull(),
    sentAt: instant('sent_at'),
    lastError: text('last_error'),
    /** Held for the recipient's daily summary, due then; the summary marks it sent and names itself here. */
    digestDueAt: instant('digest_due_at'),
    digestedInto: uuid('digested_into'),
  },
  (t) => [index('email_outbox_pending').on(t.sentAt, t.nextAttemptAt), index('email_outbox_digest').on(t.digestDueAt)],
);

/** What a notification e-mail is about: each person chooses per category how such e-mails reach them. */
export const emailCategories = ['invitations', 'panelRequests', 'contributions', 'informationRequests', 'meetings', 'deadlines', 'outcomes'] as const;
/** At once, gathered into one daily summary, or not at all (the in-app inbox always has them). */
export const emailModes = ['immediate', 'dailyDigest', 'off'] as const;

/** A person's choice for one category; without a row the category's default applies. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    category: text('category', { enum: emailCategories }).notNull(),
    mode: text('mode', { enum: emailModes }).notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.personId, t.category] }),
    check('notification_preferences_category', sql.raw(`category in (${emailCategories.map((c) => `'${c}'`).join(', ')})`)),
    check('notification_preferences_mode', sql.raw(`mode in (${emailModes.map((m) => `'${m}'`).join(', ')})`)),
  ],
);
