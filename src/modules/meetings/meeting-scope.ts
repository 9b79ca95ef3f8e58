import { and, asc, eq, exists, inArray, or, sql } from 'drizzle-orm';
import { ernsWhere, isUuid, type Actor } from '../../access/actor.ts';
import type { Db, Tx } from '../../db/database.ts';
import { erns, meetingAgendaItems, meetings, panelMembers, panels, patients } from '../../db/schema/index.ts';
import { panelScope } from '../panels/panel-scope.ts';

export type MeetingRow = typeof meetings.$inferSelect;

export interface ScopedAgendaItem {
  item: typeof meetingAgendaItems.$inferSelect;
  panel: { id: string; title: string; status: string; patientId: string; patientHospitalId: string };
  /** Accepted lead, member or guest of this item's panel, or a coordinator of the ERN. */
  canEditNotes: boolean;
}

export interface ScopedMeeting {
  meeting: MeetingRow;
  ernCode: string;
  /** The organiser or a coordinator of the meeting's ERN. */
  canManage: boolean;
  /** The items of panels within the actor's panel scope, in agenda order. */
  visible: ScopedAgendaItem[];
  otherItems: number;
}

/**
 * The one place that decides who sees a meeting: its organiser, the coordinators of its ERN, and whoever sees
 * at least one panel on its agenda (panelScope). Each person sees only the agenda items of panels they see.
 */
export function meetingScope(actor: Actor, db: Db | Tx) {
  const coordinated = ernsWhere(actor, 'coordinator');
  const onMyPanel = exists(
    db
      .select({ one: sql`1` })
      .from(meetingAgendaItems)
      .innerJoin(panels, eq(panels.id, meetingAgendaItems.panelId))
      .where(and(eq(meetingAgendaItems.meetingId, meetings.id), panelScope(actor, db))),
  );
  return or(eq(meetings.organizerId, actor.personId), coordinated.length ? inArray(meetings.ernId, coordinated) : sql`false`, onMyPanel)!;
}

/** One meeting within the actor's scope, or undefined (the caller answers 404). `lock` takes the meeting row FOR UPDATE. */
export async function findMeeting(db: Db | Tx, actor: Actor, id: string, options: { lock?: boolean } = {}): Promise<ScopedMeeting | undefined> {
  if (!isUuid(id)) return undefined;
  const query = db.select({ meeting: meetings, ernCode: erns.code }).from(meetings).innerJoin(erns, eq(erns.id, meetings.ernId)).where(and(eq(meetings.id, id), meetingScope(actor, db)));
  const [row] = options.lock ? await query.for('update', { of: meetings }) : await query;
  if (!row) return undefined;
  const coordinator = ernsWhere(actor, 'coordinator').includes(row.meeting.ernId);
  const items = await db
    .select({
      item: meetingAgendaItems,
      panel: { id: panels.id, title: panels.title, status: panels.status, patientId: panels.patientId, patientHospitalId: patients.hospitalId },
      visible: sql<boolean>`${panelScope(actor, db)}`,
    })
    .from(meetingAgendaItems)
    .innerJoin(panels, eq(panels.id, meetingAgendaItems.panelId))
    .innerJoin(patients, eq(patients.id, panels.patientId))
    .where(eq(meetingAgendaItems.meetingId, id))
    .orderBy(asc(meetingAgendaItems.position));
  const visibleItems = items.filter((i) => i.visible);
  const accepted = visibleItems.length
    ? await db
        .select({ panelId: panelMembers.panelId })
        .from(panelMembers)
        .where(and(eq(panelMembers.personId, actor.personId), eq(panelMembers.status, 'accepted'), inArray(panelMembers.panelId, visibleItems.map((i) => i.panel.id))))
    : [];
  const acceptedPanels = new Set(accepted.map((a) => a.panelId));
  return {
    meeting: row.meeting,
    ernCode: row.ernCode,
    canManage: coordinator || row.meeting.organizerId === actor.personId,
    visible: visibleItems.map((i) => ({ item: i.item, panel: i.panel, canEditNotes: coordinator || acceptedPanels.has(i.panel.id) })),
    otherItems: items.length - visibleItems.length,
  };
}

/** Everyone a meeting's calendar entries go to: the organiser and the accepted members of the panels on its agenda. */
export async function meetingAttendees(db: Db | Tx, meetingId: string, organizerId: string): Promise<string[]> {
  const rows = await db
    .select({ personId: panelMembers.personId })
    .from(meetingAgendaItems)
    .innerJoin(panelMembers, eq(panelMembers.panelId, meetingAgendaItems.panelId))
    .where(and(eq(meetingAgendaItems.meetingId, meetingId), eq(panelMembers.status, 'accepted')));
  return [...new Set([organizerId, ...rows.map((r) => r.personId)])];
}
