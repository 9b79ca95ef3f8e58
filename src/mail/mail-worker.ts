import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Db } from '../db/database.ts';
import { emailOutbox } from '../db/schema/index.ts';
import type { Clock } from '../platform/clock.ts';

export interface MailTransport {
  send(message: { from: string; to: string; subject: string; text: string; calendar?: { method: string; content: string } }): Promise<void>;
}

export function smtpTransport(url: string): MailTransport & { close(): void } {
  const transporter = nodemailer.createTransport(url);
  return {
    async send({ calendar, ...message }) {
      // nodemailer's icalEvent: a text/calendar alternative (with its method) and an invite.ics attachment, as calendar clients expect.
      await transporter.sendMail({ ...message, ...(calendar ? { icalEvent: { method: calendar.method, filename: 'invite.ics', content: calendar.content } } : {}) });
    },
    close: () => transporter.close(),
  };
}

const MAX_ATTEMPTS = 8;
const BATCH = 20;

/**
 * Delivers due e-mails from the outbox. Rows are claimed FOR UPDATE SKIP LOCKED, so several application
 * nodes can run this at once without sending a message twice; failures back off exponentially. `only` limits
 * a run to some recipients (a test's own people, on a database other tests share).
 */
export async function deliverDueEmails(db: Db, clock: Clock, transport: MailTransport, from: string, only?: { to: readonly string[] }): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  await db.transaction(async (tx) => {
    const now = clock.now();
    const due = await tx
      .select()
      .from(emailOutbox)
      .where(and(isNull(emailOutbox.sentAt), isNull(emailOutbox.digestDueAt), lte(emailOutbox.nextAttemptAt, now.toISOString()), sql`${emailOutbox.attempts} < ${MAX_ATTEMPTS}`, only ? inArray(emailOutbox.toAddress, [...only.to]) : undefined))
      .orderBy(asc(emailOutbox.createdAt))
      .limit(BATCH)
      .for('update', { skipLocked: true });
    for (const message of due) {
      try {
        const calendar = message.calendarMethod && message.calendarContent ? { method: message.calendarMethod, content: message.calendarContent } : undefined;
        await transport.send({ from, to: message.toAddress, subject: message.subject, text: message.bodyText, ...(calendar ? { calendar } : {}) });
        await tx.update(emailOutbox).set({ sentAt: clock.now().toISOString(), attempts: message.attempts + 1, lastError: null }).where(eq(emailOutbox.id, message.id));
        sent += 1;
      } catch (error) {
        const backoffMs = 60_000 * 2 ** message.attempts;
        await tx
          .update(emailOutbox)
          .set({ attempts: message.attempts + 1, lastError: String((error as Error).message).slice(0, 500), nextAttemptAt: new Date(now.getTime() + backoffMs).toISOString() })
          .where(eq(emailOutbox.id, message.id));
        failed += 1;
      }
    }
  });
  return { sent, failed };
}

/** Runs delivery every `intervalMs` until stopped; without SMTP nothing runs and mail waits in the outbox. */
export function startMailWorker(options: { db: Db; clock: Clock; transport: MailTransport; from: string; intervalMs?: number; onError?: (error: unknown) => void }): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = deliverDueEmails(options.db, options.clock, options.transport, options.from).catch((error: unknown) => options.onError?.(error));
  }, options.intervalMs ?? 5_000);
  return async () => {
    clearInterval(timer);
    await running;
  };
}
