import type { Db, Tx } from '../db/database.ts';
import { emailOutbox } from '../db/schema/index.ts';
import type { Clock } from '../platform/clock.ts';

export interface EmailMessage {
  recipientId: string | null;
  to: string;
  subject: string;
  /** Plain text with links only: never clinical content, never patient data. */
  text: string;
}

/**
 * Queues an e-mail in the caller's transaction: it is sent only if the change that causes it commits,
 * and it is not lost if the process stops before delivery.
 */
export async function queueEmail(tx: Db | Tx, clock: Clock, message: EmailMessage): Promise<void> {
  const now = clock.now().toISOString();
  await tx.insert(emailOutbox).values({
    recipientId: message.recipientId,
    toAddress: message.to,
    subject: message.subject,
    bodyText: message.text,
    createdAt: now,
    nextAttemptAt: now,
  });
}
