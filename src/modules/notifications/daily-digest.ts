import { and, asc, inArray, isNull, lte } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { emailOutbox } from '../../db/schema/index.ts';
import { queueEmail } from '../../mail/queue-email.ts';
import type { Clock } from '../../platform/clock.ts';

const BATCH = 500;

/**
 * Sends each person's held notification e-mails (those they chose to receive as a daily summary) as one
 * message, once their summary hour has come. The held rows are claimed FOR UPDATE SKIP LOCKED, so several
 * nodes may run this at once; each is marked sent and names the summary that carried it. The summary is
 * made of the held messages' own subjects and links, which carry no clinical content.
 */
export async function sendDailyDigests(db: Db, clock: Clock): Promise<{ summaries: number; messages: number }> {
  return db.transaction(async (tx) => {
    const now = clock.now().toISOString();
    const held = await tx
      .select({ id: emailOutbox.id, recipientId: emailOutbox.recipientId, to: emailOutbox.toAddress, subject: emailOutbox.subject, text: emailOutbox.bodyText })
      .from(emailOutbox)
      .where(and(isNull(emailOutbox.sentAt), lte(emailOutbox.digestDueAt, now)))
      .orderBy(asc(emailOutbox.createdAt), asc(emailOutbox.id))
      .limit(BATCH)
      .for('update', { skipLocked: true });
    const byRecipient = Map.groupBy(held, (m) => m.to);
    for (const [to, messages] of byRecipient) {
      const items = messages.map((m, i) => `${String(i + 1)}. ${m.subject.replace(/^Open CPMS: /, '')}\n${m.text.trim()}`);
      const summaryId = await queueEmail(tx, clock, {
        recipientId: messages[0]!.recipientId,
        to,
        subject: `Open CPMS: your daily summary (${String(messages.length)} ${messages.length === 1 ? 'update' : 'updates'})`,
        text: `Since your last summary:\n\n${items.join('\n\n')}\n\nYou chose to receive these e-mails once a day; change that under Profile, Notifications.\n`,
      });
      await tx
        .update(emailOutbox)
        .set({ sentAt: now, digestedInto: summaryId })
        .where(inArray(emailOutbox.id, messages.map((m) => m.id)));
    }
    return { summaries: byRecipient.size, messages: held.length };
  });
}
