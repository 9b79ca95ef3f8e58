import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { panelMembers } from '../../db/schema/index.ts';
import type { Clock } from '../../platform/clock.ts';
import { notify } from '../discussion/notify.ts';

const acceptedMembers = async (tx: Tx, panelId: string) =>
  (await tx.select({ personId: panelMembers.personId }).from(panelMembers).where(and(eq(panelMembers.panelId, panelId), eq(panelMembers.status, 'accepted')))).map((m) => m.personId);

/**
 * In-app notifications (the inbox; ids only, never content). A new version asks the members for their approval —
 * once per version, not at every saved revision, which the report page itself shows; a signature tells the
 * members and the clinician who requested the panel. The one who acted is never notified of their own act.
 */
export async function notifyApprovalRequested(tx: Tx, clock: Clock, input: { panelId: string; reportId: string; actorId: string }): Promise<void> {
  await notify(tx, clock, await acceptedMembers(tx, input.panelId), { kind: 'outcomeApprovalRequested', panelId: input.panelId, subjectId: input.reportId, actorId: input.actorId });
}

export async function notifySigned(tx: Tx, clock: Clock, input: { panelId: string; reportId: string; actorId: string; requestedBy: string }): Promise<void> {
  await notify(tx, clock, [...(await acceptedMembers(tx, input.panelId)), input.requestedBy], { kind: 'outcomeSigned', panelId: input.panelId, subjectId: input.reportId, actorId: input.actorId });
}
