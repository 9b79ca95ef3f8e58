import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
  },
  (t) => [index('email_outbox_pending').on(t.sentAt, t.nextAttemptAt)],
);
