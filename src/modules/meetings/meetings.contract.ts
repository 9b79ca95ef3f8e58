import { z } from 'zod';

/** An IANA time zone this runtime knows (e.g. Europe/Warsaw). */
export const TimeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'an IANA time zone such as Europe/Brussels');

const Title = z.string().trim().min(3, 'name the meeting (no patient details: it is shown to every attendee)').max(200);
const Minutes = z.int().min(5).max(240);
const Instant = z.iso.datetime({ offset: true });

export const NewAgendaItem = z.object({ panelId: z.uuid(), minutes: Minutes });
export type NewAgendaItem = z.infer<typeof NewAgendaItem>;

export const NewMeeting = z
  .object({
    ernId: z.uuid(),
    title: Title,
    startsAt: Instant,
    durationMinutes: z.int().min(15).max(480),
    timeZone: TimeZone,
    agenda: z.array(NewAgendaItem).min(1, 'put at least one panel on the agenda').max(20),
  })
  .refine((m) => new Set(m.agenda.map((a) => a.panelId)).size === m.agenda.length, { message: 'put each panel on the agenda once', path: ['agenda'] })
  .refine((m) => m.agenda.reduce((sum, a) => sum + a.minutes, 0) <= m.durationMinutes, { message: 'the agenda items take longer than the meeting', path: ['agenda'] });
export type NewMeeting = z.infer<typeof NewMeeting>;

export const Reschedule = z.object({ startsAt: Instant, durationMinutes: z.int().min(15).max(480) });
export type Reschedule = z.infer<typeof Reschedule>;

export const NotesUpdate = z.object({ expectedVersion: z.int().min(0), notes: z.string().max(50_000) });
export type NotesUpdate = z.infer<typeof NotesUpdate>;
export const SavedNotes = z.object({ notesVersion: z.int() });

export const MeetingParams = z.object({ id: z.string() });
export const AgendaItemParams = z.object({ id: z.string(), itemId: z.string() });

export const AgendaItemView = z.object({
  id: z.string(),
  position: z.int(),
  minutes: z.int(),
  /** When this item begins: the meeting's start plus the items before it. */
  startsAt: z.string(),
  panel: z.object({ id: z.string(), title: z.string(), status: z.string() }),
  notes: z.string(),
  notesVersion: z.int(),
  notesUpdatedAt: z.string().nullable(),
  notesUpdatedBy: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  canEditNotes: z.boolean(),
});
export type AgendaItemView = z.infer<typeof AgendaItemView>;

export const MeetingView = z.object({
  id: z.string(),
  ernId: z.string(),
  ernCode: z.string(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  durationMinutes: z.int(),
  /** The organiser's time zone ("as planned"); each person sees times in their own. */
  timeZone: z.string(),
  organizer: z.object({ id: z.string(), displayName: z.string() }),
  cancelledAt: z.string().nullable(),
  sequence: z.int(),
  /** The organiser and the ERN's coordinators reschedule, cancel and change the agenda. */
  canManage: z.boolean(),
  /** Only the items of panels the person takes part in (coordinators: all). */
  agenda: z.array(AgendaItemView),
  /** Items of other panels on the same meeting: counted, never shown. */
  otherItems: z.int(),
});
export type MeetingView = z.infer<typeof MeetingView>;

export const MeetingSummary = z.object({
  id: z.string(),
  ernCode: z.string(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  cancelled: z.boolean(),
  /** How many agenda items the person can see. */
  myItems: z.int(),
});
export const MeetingList = z.object({ meetings: z.array(MeetingSummary) });
export type MeetingList = z.infer<typeof MeetingList>;

export const MeetingListQuery = z.object({
  /** Meetings ending after this instant (default: now minus a day). */
  from: Instant.optional(),
  /** Include cancelled meetings. */
  cancelled: z.enum(['true', 'false']).optional(),
});
