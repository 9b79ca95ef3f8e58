import type { Db, Tx } from '../db/database.ts';
import { emailOutbox } from '../db/schema/index.ts';
import type { Clock } from '../platform/clock.ts';

export interface EmailMessage {
  recipientId: string | null;
  to: string;
  subject: string;
  /** Plain text with links only: never clinical content, never patient data. */
  text: string;
  /** An iCalendar entry (RFC 5546 method and content) sent along as a calendar invitation. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
  /** Hold it for the recipient's daily summary, sent at that instant (see sendDailyDigests), instead of sending it alone. */
  digestDueAt?: string;
}

/**
 * Queues an e-mail in the caller's transaction: it is sent only if the change that causes it commits,
 * and it is not lost if the process stops before delivery.
 */
export async function queueEmail(tx: Db | Tx, clock: Clock, message: EmailMessage): Promise<string> {
  const now = clock.now().toISOString();
  const [row] = await tx
    .insert(emailOutbox)
    .values({
    recipientId: message.recipientId,
    toAddress: message.to,
    subject: message.subject,
    bodyText: message.text,
    calendarMethod: message.calendar?.method ?? null,
    calendarContent: message.calendar?.content ?? null,
    digestDueAt: message.digestDueAt ?? null,
    createdAt: now,
    nextAttemptAt: now,
    })
    .returning({ id: emailOutbox.id });
  return row!.id;
}
