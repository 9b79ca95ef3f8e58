import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { referrals } from '../../db/schema/index.ts';
import type { Clock } from '../../platform/clock.ts';
import { moveReferral } from './referral-history.ts';
import { announceReferral } from './referral-notify.ts';

/*
 * The panels module calls these inside its own transactions (it imports this file, never the reverse), so a
 * referral follows its patient's panel: opened, then signed.
 */

/** A panel on a patient accepted from a referral has opened: the referral links it (the first one only) and the referrer hears of it. */
export async function referralPanelOpened(tx: Tx, clock: Clock, publicUrl: string, input: { panelId: string; patientId: string; actorId: string }): Promise<void> {
  const [referral] = await tx
    .select()
    .from(referrals)
    .where(and(eq(referrals.patientId, input.patientId), eq(referrals.status, 'accepted'), isNull(referrals.panelId)))
    .for('update');
  if (!referral) return;
  await moveReferral(tx, clock, referral, 'panelOpened', { actorId: input.actorId, clientAddress: null, patientId: input.patientId }, { panelId: input.panelId });
  await announceReferral(tx, clock, publicUrl, { referralId: referral.id, personIds: [referral.referrerId], actorId: input.actorId, mail: 'updated' });
}

/** The linked panel's outcome report was signed (version 1): the referrer may now download that report, and only that. */
export async function referralOutcomeSigned(tx: Tx, clock: Clock, publicUrl: string, input: { panelId: string; outcomeReportId: string; actorId: string }): Promise<void> {
  const [referral] = await tx
    .select()
    .from(referrals)
    .where(and(eq(referrals.panelId, input.panelId), eq(referrals.status, 'panelOpened')))
    .for('update');
  if (!referral) return;
  await moveReferral(tx, clock, referral, 'outcomeAvailable', { actorId: input.actorId, clientAddress: null, patientId: referral.patientId }, { outcomeReportId: input.outcomeReportId });
  await announceReferral(tx, clock, publicUrl, { referralId: referral.id, personIds: [referral.referrerId], actorId: input.actorId, mail: 'updated' });
}
