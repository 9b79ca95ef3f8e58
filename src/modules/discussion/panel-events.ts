import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../db/database.ts';
import { consents, panelMembers, panels } from '../../db/schema/index.ts';
import type { Clock } from '../../platform/clock.ts';
import { publishEvent } from '../../realtime/publish-event.ts';
import { mailPeople, notify } from './notify.ts';

/*
 * What happens on a panel, told to its open pages (`panel:<panelId>`, ids and small facts only) inside the
 * writing transaction. The panels and consent modules call these, so this file imports neither of them
 * (nor anything that does): no import cycle.
 */

export const panelStream = (panelId: string) => `panel:${panelId.toLowerCase()}`;

export type PanelEventType =
  | 'message.posted'
  | 'message.edited'
  | 'message.deleted'
  | 'infoRequest.asked'
  | 'infoRequest.answered'
  | 'transition'
  | 'share.added'
  | 'contribution.saved'
  | 'member.invited'
  | 'invitation.answered'
  | 'case.withheld';

export const publishPanelEvent = (tx: Db | Tx, clock: Clock, panelId: string, type: PanelEventType, data: Record<string, string | number | boolean | null>) =>
  publishEvent(tx, clock, { stream: panelStream(panelId), type, data });

/** The accepted lead, members and guests of a panel. */
export async function acceptedMembers(tx: Db | Tx, panelId: string): Promise<string[]> {
  const rows = await tx.select({ personId: panelMembers.personId }).from(panelMembers).where(and(eq(panelMembers.panelId, panelId), eq(panelMembers.status, 'accepted')));
  return rows.map((r) => r.personId);
}

/** A panel moved: its pages reload, and its other members find it in their inbox. */
export async function panelTransitioned(tx: Tx, clock: Clock, step: { panelId: string; actorId: string; action: string; from: string | null; to: string }): Promise<void> {
  await publishPanelEvent(tx, clock, step.panelId, 'transition', { action: step.action, from: step.from, to: step.to });
  await notify(tx, clock, await acceptedMembers(tx, step.panelId), { kind: 'panelTransition', panelId: step.panelId, actorId: step.actorId });
}

/** A (new) share of the record was given to the panel. */
export const panelShared = (tx: Tx, clock: Clock, panelId: string, seq: number) => publishPanelEvent(tx, clock, panelId, 'share.added', { seq });

/** A member wrote or edited their contribution: the panel's pages reload it; the other members are told (in-app and by e-mail, as they chose). */
export async function contributionSaved(tx: Tx, clock: Clock, publicUrl: string, panelId: string, contribution: { authorId: string; version: number }): Promise<void> {
  await publishPanelEvent(tx, clock, panelId, 'contribution.saved', { authorId: contribution.authorId, version: contribution.version });
  const others = (await acceptedMembers(tx, panelId)).filter((id) => id !== contribution.authorId);
  await notify(tx, clock, others, { kind: 'contributionPosted', panelId, actorId: contribution.authorId });
  await mailPeople(tx, clock, publicUrl, others, 'contributionPosted', `/panels/${panelId}`);
}

/** Someone was invited: the panel's pages reload its members; the invitee finds the invitation in their inbox. */
export async function memberInvited(tx: Tx, clock: Clock, invitation: { panelId: string; personId: string; actorId: string }): Promise<void> {
  await publishPanelEvent(tx, clock, invitation.panelId, 'member.invited', { personId: invitation.personId });
  await notify(tx, clock, [invitation.personId], { kind: 'panelInvitation', panelId: invitation.panelId, actorId: invitation.actorId });
}

export const invitationAnswered = (tx: Tx, clock: Clock, answer: { panelId: string; personId: string; accepted: boolean }) =>
  publishPanelEvent(tx, clock, answer.panelId, 'invitation.answered', { personId: answer.personId, accepted: answer.accepted });

/** Panels still at work: the ones whose members must learn at once that the case is withheld. */
const runningStatuses = ['submitted', 'open', 'outcomeDrafting'] as const;

/**
 * Called in the transaction that withdraws a consent: once the patient has no care consent in force, every
 * running panel on the patient is told `case.withheld` (its pages reload and show why the record is gone).
 * Withdrawing another kind, or one care consent while another stays in force, announces nothing.
 */
export async function announceCaseWithheld(tx: Tx, clock: Clock, patientId: string, withdrawnKind: string): Promise<void> {
  if (withdrawnKind !== 'care') return;
  const [care] = await tx
    .select({ id: consents.id })
    .from(consents)
    .where(and(eq(consents.patientId, patientId), eq(consents.kind, 'care'), isNull(consents.withdrawnAt)))
    .limit(1);
  if (care) return;
  const running = await tx
    .select({ id: panels.id })
    .from(panels)
    .where(and(eq(panels.patientId, patientId), inArray(panels.status, [...runningStatuses])));
  for (const panel of running) await publishPanelEvent(tx, clock, panel.id, 'case.withheld', { reason: 'careConsentWithdrawn' });
}
