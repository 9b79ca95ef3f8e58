import { and, eq, max } from 'drizzle-orm';
import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Tx } from '../../db/database.ts';
import { erns, meetingAgendaItems, meetings } from '../../db/schema/index.ts';
import { AppError } from '../../http/errors.ts';
import { ernPartition } from '../audit/audit-actions.contract.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { auditPanel, audited } from '../panels/panel-audit.ts';
import { findPanel, type ScopedPanel } from '../panels/panel-scope.ts';
import { queueMeetingMail } from './meeting-mail.ts';
import { findMeeting, meetingAttendees, type ScopedMeeting } from './meeting-scope.ts';
import type { NewAgendaItem, NewMeeting, Reschedule } from './meetings.contract.ts';

/** Panels that can be discussed in a meeting: running ones. */
const schedulable = new Set(['open', 'outcomeDrafting']);

/**
 * The panels an agenda names, each checked: visible to the actor (else 422: the body names something the
 * actor cannot see — nothing is revealed), of the meeting's ERN and running (422), and the actor a coordinator
 * of that ERN or the panel's lead (403: they see the panel but may not schedule it).
 */
async function agendaPanels(tx: Tx, actor: Actor, ernId: string, agenda: NewAgendaItem[], firstIndex = 0): Promise<ScopedPanel[]> {
  const found: ScopedPanel[] = [];
  for (const [index, item] of agenda.entries()) {
    const path = `body.agenda.${index + firstIndex}.panelId`;
    const scoped = await findPanel(tx, actor, item.panelId);
    if (!scoped) throw new AppError('unprocessable', 'The agenda names a panel that does not exist or that you cannot see.', [{ path, message: 'no such panel' }]);
    if (!scoped.coordinator && scoped.role !== 'lead') throw new AppError('forbidden', 'Only the panel lead or a coordinator of its network can put a panel on a meeting agenda.');
    if (scoped.panel.ernId !== ernId) throw new AppError('unprocessable', 'A meeting discusses panels of its own network.', [{ path, message: 'a panel of another network' }]);
    if (!schedulable.has(scoped.panel.status)) throw new AppError('unprocessable', 'Only open panels (or panels drafting their outcome) can be discussed in a meeting.', [{ path, message: `the panel is ${scoped.panel.status}` }]);
    found.push(scoped);
  }
  return found;
}

const minutesFit = (agendaMinutes: number, durationMinutes: number) => {
  if (agendaMinutes > durationMinutes) throw new AppError('unprocessable', 'The agenda items take longer than the meeting.', [{ path: 'body.durationMinutes', message: `the agenda needs ${agendaMinutes} minutes` }]);
};

export async function createMeeting(deps: AppDeps, actor: Actor, input: NewMeeting, clientAddress: string): Promise<string> {
  return deps.db.transaction(async (tx) => {
    const scoped = await agendaPanels(tx, actor, input.ernId, input.agenda);
    const now = deps.clock.now().toISOString();
    if (new Date(input.startsAt).getTime() < deps.clock.now().getTime()) throw new AppError('unprocessable', 'A meeting is scheduled in the future.', [{ path: 'body.startsAt', message: 'in the past' }]);
    const [meeting] = await tx
      .insert(meetings)
      .values({ ernId: input.ernId, title: input.title, startsAt: new Date(input.startsAt).toISOString(), durationMinutes: input.durationMinutes, timeZone: input.timeZone, organizerId: actor.personId, createdAt: now, updatedAt: now })
      .returning();
    await tx.insert(meetingAgendaItems).values(input.agenda.map((item, index) => ({ meetingId: meeting!.id, panelId: item.panelId, position: index + 1, minutes: item.minutes, addedBy: actor.personId, addedAt: now })));
    await recordAudit(tx, deps.clock, { partition: ernPartition(input.ernId), actorId: actor.personId, action: 'meeting.created', targetType: 'meeting', targetId: meeting!.id, clientAddress, details: { panels: scoped.length } });
    for (const panel of scoped) await auditPanel(tx, deps.clock, audited(panel), { actorId: actor.personId, action: 'meeting.agendaChanged', clientAddress, details: { meetingId: meeting!.id, change: 'added' } });
    const [ern] = await tx.select({ code: erns.code }).from(erns).where(eq(erns.id, input.ernId));
    if (!ern) throw new AppError('unprocessable', 'No such network.', [{ path: 'body.ernId', message: 'unknown network' }]);
    await queueMeetingMail(tx, deps, 'invitation', meeting!, ern.code, await meetingAttendees(tx, meeting!.id, actor.personId));
    return meeting!.id;
  });
}

/** The meeting, locked, for a change only its organiser or the ERN's coordinators may make (404 / 403 / 409). */
async function managed(tx: Tx, actor: Actor, id: string): Promise<ScopedMeeting> {
  const scoped = await findMeeting(tx, actor, id, { lock: true });
  if (!scoped) throw new AppError('notFound', 'No such meeting.');
  if (!scoped.canManage) throw new AppError('forbidden', 'Only the organiser or a coordinator of the network can change this meeting.');
  if (scoped.meeting.cancelledAt !== null) throw new AppError('conflict', 'This meeting was cancelled; schedule a new one.');
  return scoped;
}

async function agendaMinutes(tx: Tx, meetingId: string): Promise<number> {
  const items = await tx.select({ minutes: meetingAgendaItems.minutes }).from(meetingAgendaItems).where(eq(meetingAgendaItems.meetingId, meetingId));
  return items.reduce((sum, i) => sum + i.minutes, 0);
}

export async function rescheduleMeeting(deps: AppDeps, actor: Actor, id: string, input: Reschedule, clientAddress: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const scoped = await managed(tx, actor, id);
    minutesFit(await agendaMinutes(tx, id), input.durationMinutes);
    if (new Date(input.startsAt).getTime() < deps.clock.now().getTime()) throw new AppError('unprocessable', 'A meeting is scheduled in the future.', [{ path: 'body.startsAt', message: 'in the past' }]);
    const [meeting] = await tx
      .update(meetings)
      .set({ startsAt: new Date(input.startsAt).toISOString(), durationMinutes: input.durationMinutes, sequence: scoped.meeting.sequence + 1, updatedAt: deps.clock.now().toISOString(), remindedAt: null })
      .where(eq(meetings.id, id))
      .returning();
    await recordAudit(tx, deps.clock, { partition: ernPartition(meeting!.ernId), actorId: actor.personId, action: 'meeting.rescheduled', targetType: 'meeting', targetId: id, clientAddress });
    await queueMeetingMail(tx, deps, 'update', meeting!, scoped.ernCode, await meetingAttendees(tx, id, meeting!.organizerId));
  });
}

export async function cancelMeeting(deps: AppDeps, actor: Actor, id: string, clientAddress: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const scoped = await managed(tx, actor, id);
    const now = deps.clock.now().toISOString();
    const [meeting] = await tx
      .update(meetings)
      .set({ cancelledAt: now, cancelledBy: actor.personId, sequence: scoped.meeting.sequence + 1, updatedAt: now })
      .where(eq(meetings.id, id))
      .returning();
    await recordAudit(tx, deps.clock, { partition: ernPartition(meeting!.ernId), actorId: actor.personId, action: 'meeting.cancelled', targetType: 'meeting', targetId: id, clientAddress });
    await queueMeetingMail(tx, deps, 'cancellation', meeting!, scoped.ernCode, await meetingAttendees(tx, id, meeting!.organizerId));
  });
}

export async function addAgendaItem(deps: AppDeps, actor: Actor, id: string, input: NewAgendaItem, clientAddress: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const scoped = await managed(tx, actor, id);
    const [panel] = await agendaPanels(tx, actor, scoped.meeting.ernId, [input]);
    const [existing] = await tx.select({ id: meetingAgendaItems.id }).from(meetingAgendaItems).where(and(eq(meetingAgendaItems.meetingId, id), eq(meetingAgendaItems.panelId, input.panelId)));
    if (existing) throw new AppError('conflict', 'This panel is already on the agenda.');
    minutesFit((await agendaMinutes(tx, id)) + input.minutes, scoped.meeting.durationMinutes);
    const before = new Set(await meetingAttendees(tx, id, scoped.meeting.organizerId));
    const [last] = await tx.select({ position: max(meetingAgendaItems.position) }).from(meetingAgendaItems).where(eq(meetingAgendaItems.meetingId, id));
    const now = deps.clock.now().toISOString();
    await tx.insert(meetingAgendaItems).values({ meetingId: id, panelId: input.panelId, position: (last?.position ?? 0) + 1, minutes: input.minutes, addedBy: actor.personId, addedAt: now });
    await tx.update(meetings).set({ updatedAt: now }).where(eq(meetings.id, id));
    await auditPanel(tx, deps.clock, audited(panel!), { actorId: actor.personId, action: 'meeting.agendaChanged', clientAddress, details: { meetingId: id, change: 'added' } });
    const newcomers = (await meetingAttendees(tx, id, scoped.meeting.organizerId)).filter((p) => !before.has(p));
    await queueMeetingMail(tx, deps, 'invitation', scoped.meeting, scoped.ernCode, newcomers);
  });
}

export async function removeAgendaItem(deps: AppDeps, actor: Actor, id: string, itemId: string, clientAddress: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const scoped = await managed(tx, actor, id);
    const found = scoped.visible.find((v) => v.item.id === itemId);
    if (!found) throw new AppError('notFound', 'No such agenda item.');
    if (found.item.notes.trim() !== '') throw new AppError('conflict', 'This agenda item has notes; it stays on the agenda so that they are kept.');
    const before = await meetingAttendees(tx, id, scoped.meeting.organizerId);
    await tx.delete(meetingAgendaItems).where(eq(meetingAgendaItems.id, itemId));
    await tx.update(meetings).set({ updatedAt: deps.clock.now().toISOString() }).where(eq(meetings.id, id));
    await auditPanel(tx, deps.clock, { panelId: found.panel.id, patientId: found.panel.patientId, patientHospitalId: found.panel.patientHospitalId }, { actorId: actor.personId, action: 'meeting.agendaChanged', clientAddress, details: { meetingId: id, change: 'removed' } });
    const after = new Set(await meetingAttendees(tx, id, scoped.meeting.organizerId));
    await queueMeetingMail(tx, deps, 'cancellation', scoped.meeting, scoped.ernCode, before.filter((p) => !after.has(p)));
  });
}
