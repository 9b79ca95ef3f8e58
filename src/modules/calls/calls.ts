import { and, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import { callParticipants, callSignals, panelCalls, panels } from '../../db/schema/index.ts';
import { AppError } from '../../http/errors.ts';
import { publishEvent } from '../../realtime/publish-event.ts';
import { audited, auditPanel } from '../panels/panel-audit.ts';
import type { ScopedPanel } from '../panels/panel-scope.ts';
import { callStream, HEARTBEAT_SECONDS, MAX_CALL_PARTICIPANTS, type CallView, type HeartbeatAnswer, type JoinedCall, type NewSignal, type SignalView } from './calls.contract.ts';
import { endCallIfEmpty, endPeer, endSilentPeers, ownPeer, participantsOf, runningCall } from './call-participants.ts';
import { iceServersFor } from './ice-servers.ts';

type Deps = Pick<AppDeps, 'db' | 'clock' | 'config'>;

/** A call runs while the panel does its work: open, or drafting its outcome. */
export const callRuns = (scoped: ScopedPanel): boolean => scoped.panel.status === 'open' || scoped.panel.status === 'outcomeDrafting';

/** Only the panel's accepted lead, members and guests take part (coordinators who are not members, invitees: no). */
export const takesPart = (scoped: ScopedPanel): boolean => scoped.role !== null;

const notInCall = () => new AppError('conflict', 'This window is no longer in the call (it was left, timed out or joined from elsewhere). Join again.');

/** The call as the panel page shows it before joining: who is in it now. */
export async function viewCall(deps: Deps, scoped: ScopedPanel): Promise<CallView> {
  return deps.db.transaction(async (tx) => {
    const call = await runningCall(tx, scoped.panel.id);
    return {
      panelId: scoped.panel.id,
      panelTitle: scoped.panel.title,
      callId: call?.id ?? null,
      participants: call ? await participantsOf(tx, call) : [],
      maxParticipants: MAX_CALL_PARTICIPANTS,
      canJoin: callRuns(scoped),
    };
  });
}

/**
 * Joins the panel's call (starting it if none runs). One page per person: joining again — a reload, a dropped
 * network, a second window — ends the person's previous peer. Joins of one panel are serialised on its row, so
 * the cap holds under concurrent joins.
 */
export async function joinCall(deps: Deps, actor: Actor, scoped: ScopedPanel, clientAddress: string): Promise<JoinedCall> {
  if (!callRuns(scoped)) throw new AppError('conflict', 'The panel\'s call runs while the panel is open or drafting its outcome.');
  const panel = audited(scoped);
  return deps.db.transaction(async (tx) => {
    await tx.select({ id: panels.id }).from(panels).where(eq(panels.id, panel.panelId)).for('update');
    const now = deps.clock.now().toISOString();
    let call = await runningCall(tx, panel.panelId);
    if (call) {
      await endSilentPeers(tx, deps.clock, panel, call.id);
      const mine = await tx.select().from(callParticipants).where(and(eq(callParticipants.callId, call.id), eq(callParticipants.personId, actor.personId), isNull(callParticipants.leftAt)));
      for (const peer of mine) await endPeer(tx, deps.clock, panel, peer, 'rejoined', clientAddress);
      if (await endCallIfEmpty(tx, deps.clock, call.id)) call = undefined;
    }
    call ??= (await tx.insert(panelCalls).values({ panelId: panel.panelId, startedBy: actor.personId, startedAt: now }).returning())[0]!;
    const participants = await participantsOf(tx, call);
    if (participants.length >= MAX_CALL_PARTICIPANTS) {
      throw new AppError('conflict', `The call is full: a call carries at most ${MAX_CALL_PARTICIPANTS} participants.`);
    }
    const [peer] = await tx.insert(callParticipants).values({ callId: call.id, personId: actor.personId, joinedAt: now, lastSeenAt: now }).returning();
    await auditPanel(tx, deps.clock, panel, { actorId: actor.personId, action: 'call.joined', clientAddress, targetType: 'call', targetId: call.id, details: { callId: call.id, peerId: peer!.id } });
    const streamHead = await publishEvent(tx, deps.clock, { stream: callStream(panel.panelId), type: 'participant.joined', data: { peerId: peer!.id, personId: actor.personId } });
    return { callId: call.id, peerId: peer!.id, participants, ice: iceServersFor(deps.config.ice, deps.clock.now(), peer!.id), heartbeatSeconds: HEARTBEAT_SECONDS, streamHead };
  });
}

/** Leaves the call (idempotent: a peer already out is left alone). The last one out ends the call. */
export async function leaveCall(deps: Deps, actor: Actor, scoped: ScopedPanel, peerId: string, clientAddress: string): Promise<void> {
  const panel = audited(scoped);
  await deps.db.transaction(async (tx) => {
    await tx.select({ id: panels.id }).from(panels).where(eq(panels.id, panel.panelId)).for('update');
    const call = await runningCall(tx, panel.panelId);
    const peer = call && (await ownPeer(tx, call.id, actor.personId, peerId));
    if (!call || !peer) return;
    await endPeer(tx, deps.clock, panel, peer, 'left', clientAddress);
    await endCallIfEmpty(tx, deps.clock, call.id);
  });
}

/** The page says it is still there; the answer is who is in the call and fresh ICE credentials. */
export async function heartbeat(deps: Deps, actor: Actor, scoped: ScopedPanel, peerId: string): Promise<HeartbeatAnswer> {
  const panel = audited(scoped);
  return deps.db.transaction(async (tx) => {
    await tx.select({ id: panels.id }).from(panels).where(eq(panels.id, panel.panelId)).for('update');
    const call = await runningCall(tx, panel.panelId);
    const peer = call && (await ownPeer(tx, call.id, actor.personId, peerId));
    if (!call || !peer) throw notInCall();
    await tx.update(callParticipants).set({ lastSeenAt: deps.clock.now().toISOString() }).where(eq(callParticipants.id, peer.id));
    await endSilentPeers(tx, deps.clock, panel, call.id);
    return { participants: await participantsOf(tx, call), ice: iceServersFor(deps.config.ice, deps.clock.now(), peer.id) };
  });
}

/**
 * Relays an offer, answer or ICE candidate from the caller's own peer to another peer of the same running call:
 * stored (an SDP is larger than an event may be) and announced on the call's stream to the addressee only.
 */
export async function sendSignal(deps: Deps, actor: Actor, scoped: ScopedPanel, signal: NewSignal): Promise<{ id: string }> {
  return deps.db.transaction(async (tx) => {
    const call = await runningCall(tx, scoped.panel.id);
    const from = call && (await ownPeer(tx, call.id, actor.personId, signal.from));
    if (!call || !from) throw notInCall();
    const [to] = await tx.select().from(callParticipants).where(and(eq(callParticipants.id, signal.to), eq(callParticipants.callId, call.id), isNull(callParticipants.leftAt)));
    if (!to) throw new AppError('conflict', 'That participant has left the call.');
    const now = deps.clock.now().toISOString();
    const [row] = await tx.insert(callSignals).values({ callId: call.id, fromPeer: from.id, toPeer: to.id, kind: signal.kind, payload: signal.payload, createdAt: now }).returning({ id: callSignals.id });
    await tx.update(callParticipants).set({ lastSeenAt: now }).where(eq(callParticipants.id, from.id));
    await publishEvent(tx, deps.clock, { stream: callStream(scoped.panel.id), type: 'signal', data: { signalId: row!.id, from: from.id, to: to.id, toPersonId: to.personId, kind: signal.kind } });
    return { id: row!.id };
  });
}

/** A signal addressed to one of the caller's peers in the panel's call; anyone else's is not found. */
export async function readSignal(deps: Deps, actor: Actor, scoped: ScopedPanel, signalId: string): Promise<SignalView> {
  const [row] = await deps.db
    .select({ s: callSignals })
    .from(callSignals)
    .innerJoin(callParticipants, eq(callParticipants.id, callSignals.toPeer))
    .innerJoin(panelCalls, eq(panelCalls.id, callSignals.callId))
    .where(and(eq(callSignals.id, signalId), eq(callParticipants.personId, actor.personId), eq(panelCalls.panelId, scoped.panel.id)));
  if (!row) throw new AppError('notFound', 'No such signalling message.');
  const s = row.s;
  return { id: s.id, from: s.fromPeer, to: s.toPeer, kind: s.kind as SignalView['kind'], payload: s.payload, createdAt: s.createdAt };
}
