import { and, asc, eq, isNull, lt } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { callParticipants, callSignals, panelCalls, panelMembers, people } from '../../db/schema/index.ts';
import type { Clock } from '../../platform/clock.ts';
import { publishEvent } from '../../realtime/publish-event.ts';
import { auditPanel, type AuditedPanel } from '../panels/panel-audit.ts';
import { callStream, HEARTBEAT_TIMEOUT_SECONDS, type CallParticipant } from './calls.contract.ts';

export type LeftReason = 'left' | 'rejoined' | 'timedOut';
export type CallRow = typeof panelCalls.$inferSelect;
export type ParticipantRow = typeof callParticipants.$inferSelect;

export const runningCall = async (tx: Tx, panelId: string): Promise<CallRow | undefined> =>
  (await tx.select().from(panelCalls).where(and(eq(panelCalls.panelId, panelId), isNull(panelCalls.endedAt))))[0];

/** The peers in the call now, in joining order, with their names and roles on the panel. */
export async function participantsOf(tx: Tx, call: Pick<CallRow, 'id' | 'panelId'>): Promise<CallParticipant[]> {
  const rows = await tx
    .select({ peerId: callParticipants.id, personId: callParticipants.personId, displayName: people.displayName, role: panelMembers.role, joinedAt: callParticipants.joinedAt })
    .from(callParticipants)
    .innerJoin(people, eq(people.id, callParticipants.personId))
    .innerJoin(panelMembers, and(eq(panelMembers.panelId, call.panelId), eq(panelMembers.personId, callParticipants.personId)))
    .where(and(eq(callParticipants.callId, call.id), isNull(callParticipants.leftAt)))
    .orderBy(asc(callParticipants.joinedAt), asc(callParticipants.id));
  return rows;
}

/** The caller's running peer in the call, or undefined. */
export async function ownPeer(tx: Tx, callId: string, personId: string, peerId: string): Promise<ParticipantRow | undefined> {
  const [row] = await tx
    .select()
    .from(callParticipants)
    .where(and(eq(callParticipants.id, peerId), eq(callParticipants.callId, callId), eq(callParticipants.personId, personId), isNull(callParticipants.leftAt)));
  return row;
}

/** Takes a peer out of the call: recorded, audited (who left which call, when, why) and announced to the others. */
export async function endPeer(tx: Tx, clock: Clock, panel: AuditedPanel, peer: ParticipantRow, reason: LeftReason, clientAddress: string | null): Promise<void> {
  const now = clock.now().toISOString();
  await tx.update(callParticipants).set({ leftAt: now, leftReason: reason }).where(eq(callParticipants.id, peer.id));
  await auditPanel(tx, clock, panel, { actorId: peer.personId, action: 'call.left', clientAddress, targetType: 'call', targetId: peer.callId, details: { callId: peer.callId, peerId: peer.id, reason } });
  await publishEvent(tx, clock, { stream: callStream(panel.panelId), type: 'participant.left', data: { peerId: peer.id, personId: peer.personId, reason } });
}

/** Peers whose page stopped sending heartbeats (closed laptop, crashed browser) leave the call. */
export async function endSilentPeers(tx: Tx, clock: Clock, panel: AuditedPanel, callId: string): Promise<void> {
  const cutoff = new Date(clock.now().getTime() - HEARTBEAT_TIMEOUT_SECONDS * 1000).toISOString();
  const silent = await tx.select().from(callParticipants).where(and(eq(callParticipants.callId, callId), isNull(callParticipants.leftAt), lt(callParticipants.lastSeenAt, cutoff)));
  for (const peer of silent) await endPeer(tx, clock, panel, peer, 'timedOut', null);
}

/** With nobody left, the call ends and its signalling messages (SDPs, candidates: network addresses) are deleted. */
export async function endCallIfEmpty(tx: Tx, clock: Clock, callId: string): Promise<boolean> {
  const [someone] = await tx.select({ id: callParticipants.id }).from(callParticipants).where(and(eq(callParticipants.callId, callId), isNull(callParticipants.leftAt))).limit(1);
  if (someone) return false;
  await tx.update(panelCalls).set({ endedAt: clock.now().toISOString() }).where(eq(panelCalls.id, callId));
  await tx.delete(callSignals).where(eq(callSignals.callId, callId));
  return true;
}
