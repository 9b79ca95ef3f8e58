import { eq, max } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { referralEvents, referrals } from '../../db/schema/index.ts';
import type { Clock } from '../../platform/clock.ts';
import { hospitalPartition } from '../audit/audit-actions.contract.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ReferralStatus } from './referrals.contract.ts';

/**
 * Moves a referral (row locked by the caller) to a status: the row, the history and the audit event in the
 * caller's transaction, in the receiving hospital's chain.
 */
export async function moveReferral(
  tx: Tx,
  clock: Clock,
  referral: { id: string; hospitalId: string; status: ReferralStatus },
  to: ReferralStatus,
  by: { actorId: string | null; clientAddress: string | null; patientId?: string | null },
  changes: Partial<typeof referrals.$inferInsert> = {},
): Promise<void> {
  const now = clock.now().toISOString();
  await tx.update(referrals).set({ ...changes, status: to, updatedAt: now }).where(eq(referrals.id, referral.id));
  await appendEvent(tx, referral.id, to, by.actorId, now);
  await recordAudit(tx, clock, { partition: hospitalPartition(referral.hospitalId), actorId: by.actorId, action: 'referral.statusChanged', targetType: 'referral', targetId: referral.id, patientId: by.patientId ?? null, clientAddress: by.clientAddress, details: { from: referral.status, to } });
}

export async function appendEvent(tx: Tx, referralId: string, status: ReferralStatus, by: string | null, at: string): Promise<void> {
  const [last] = await tx.select({ seq: max(referralEvents.seq) }).from(referralEvents).where(eq(referralEvents.referralId, referralId));
  await tx.insert(referralEvents).values({ referralId, seq: (last?.seq ?? 0) + 1, status, by, at });
}
