import { and, asc, count, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import { erns, meetingAgendaItems, meetings, panels, people } from '../../db/schema/index.ts';
import { AppError } from '../../http/errors.ts';
import { auditPanel } from '../panels/panel-audit.ts';
import { panelScope } from '../panels/panel-scope.ts';
import { findMeeting, meetingScope } from './meeting-scope.ts';
import type { MeetingList, MeetingView } from './meetings.contract.ts';

const endOf = (startsAt: string, minutes: number) => new Date(new Date(startsAt).getTime() + minutes * 60_000).toISOString();

/** One meeting with the agenda items the person may see (their notes are about patients: each read is audited on its panel). */
export async function viewMeeting(deps: AppDeps, actor: Actor, id: string, clientAddress: string): Promise<MeetingView> {
  return deps.db.transaction(async (tx) => {
    const scoped = await findMeeting(tx, actor, id);
    if (!scoped) throw new AppError('notFound', 'No such meeting.');
    const { meeting } = scoped;
    const names = await tx
      .select({ id: people.id, displayName: people.displayName })
      .from(people)
      .where(inArray(people.id, [meeting.organizerId, ...scoped.visible.flatMap((v) => (v.item.notesUpdatedBy ? [v.item.notesUpdatedBy] : []))]));
    const person = (personId: string) => ({ id: personId, displayName: names.find((n) => n.id === personId)?.displayName ?? '' });
    let offset = 0;
    const positions = new Map<string, number>();
    // Item start times count every item before it, also those the person does not see.
    const all = await tx.select({ id: meetingAgendaItems.id, minutes: meetingAgendaItems.minutes }).from(meetingAgendaItems).where(eq(meetingAgendaItems.meetingId, id)).orderBy(asc(meetingAgendaItems.position));
    for (const item of all) {
      positions.set(item.id, offset);
      offset += item.minutes;
    }
    for (const v of scoped.visible) {
      await auditPanel(tx, deps.clock, { panelId: v.panel.id, patientId: v.panel.patientId, patientHospitalId: v.panel.patientHospitalId }, { actorId: actor.personId, action: 'meeting.viewed', clientAddress, targetType: 'agendaItem', targetId: v.item.id, details: { meetingId: id } });
    }
    return {
      id: meeting.id,
      ernId: meeting.ernId,
      ernCode: scoped.ernCode,
      title: meeting.title,
      startsAt: new Date(meeting.startsAt).toISOString(),
      endsAt: endOf(meeting.startsAt, meeting.durationMinutes),
      durationMinutes: meeting.durationMinutes,
      timeZone: meeting.timeZone,
      organizer: person(meeting.organizerId),
      cancelledAt: meeting.cancelledAt,
      sequence: meeting.sequence,
      canManage: scoped.canManage && meeting.cancelledAt === null,
      agenda: scoped.visible.map((v) => ({
        id: v.item.id,
        position: v.item.position,
        minutes: v.item.minutes,
        startsAt: new Date(new Date(meeting.startsAt).getTime() + (positions.get(v.item.id) ?? 0) * 60_000).toISOString(),
        panel: { id: v.panel.id, title: v.panel.title, status: v.panel.status },
        notes: v.item.notes,
        notesVersion: v.item.notesVersion,
        notesUpdatedAt: v.item.notesUpdatedAt,
        notesUpdatedBy: v.item.notesUpdatedBy ? person(v.item.notesUpdatedBy) : null,
        canEditNotes: v.canEditNotes && meeting.cancelledAt === null,
      })),
      otherItems: scoped.otherItems,
    };
  });
}

/** The person's meetings from `from` on (titles and times only: no agenda, so no patient data and no audit). */
export async function listMeetings(deps: AppDeps, actor: Actor, options: { from: Date; cancelled: boolean }): Promise<MeetingList> {
  const rows = await deps.db
    .select({ id: meetings.id, ernCode: erns.code, title: meetings.title, startsAt: meetings.startsAt, durationMinutes: meetings.durationMinutes, cancelledAt: meetings.cancelledAt })
    .from(meetings)
    .innerJoin(erns, eq(erns.id, meetings.ernId))
    .where(and(meetingScope(actor, deps.db), gt(sql`${meetings.startsAt} + make_interval(mins => ${meetings.durationMinutes})`, options.from.toISOString()), options.cancelled ? undefined : isNull(meetings.cancelledAt)))
    .orderBy(asc(meetings.startsAt))
    .limit(200);
  const counts = rows.length
    ? await deps.db
        .select({ meetingId: meetingAgendaItems.meetingId, items: count() })
        .from(meetingAgendaItems)
        .innerJoin(panels, eq(panels.id, meetingAgendaItems.panelId))
        .where(and(inArray(meetingAgendaItems.meetingId, rows.map((r) => r.id)), panelScope(actor, deps.db)))
        .groupBy(meetingAgendaItems.meetingId)
    : [];
  return {
    meetings: rows.map((r) => ({
      id: r.id,
      ernCode: r.ernCode,
      title: r.title,
      startsAt: new Date(r.startsAt).toISOString(),
      endsAt: endOf(r.startsAt, r.durationMinutes),
      cancelled: r.cancelledAt !== null,
      myItems: counts.find((c) => c.meetingId === r.id)?.items ?? 0,
    })),
  };
}
