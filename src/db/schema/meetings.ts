import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { people } from './identity.ts';
import { erns } from './organisations.ts';
import { panels } from './panels.ts';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/**
 * A scheduled session of an ERN with an agenda of panels. Times are instants (UTC); each person sees them
 * in their own time zone. `sequence` is the iCalendar SEQUENCE: it grows with every change sent to calendars.
 */
export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ernId: uuid('ern_id').notNull().references(() => erns.id),
    /** Shown in the app only, never in e-mails or calendar entries (people may type clinical words into it). */
    title: text('title').notNull(),
    startsAt: instant('starts_at').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    /** The organiser's IANA time zone, to show "as planned" beside each person's own. */
    timeZone: text('time_zone').notNull(),
    organizerId: uuid('organizer_id').notNull().references(() => people.id),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    sequence: integer('sequence').notNull().default(0),
    cancelledAt: instant('cancelled_at'),
    cancelledBy: uuid('cancelled_by').references(() => people.id),
    /** The reminder before the meeting was queued (once, whichever node's timer ran first). */
    remindedAt: instant('reminded_at'),
  },
  (t) => [
    index('meetings_ern_starts').on(t.ernId, t.startsAt),
    check('meetings_duration', sql`${t.durationMinutes} between 15 and 480`),
    check('meetings_cancelled', sql`(${t.cancelledAt} is null) = (${t.cancelledBy} is null)`),
    check('meetings_sequence', sql`${t.sequence} >= 0`),
  ],
);

/**
 * One panel on a meeting's agenda: its own call (the video issue) and its own notes, seen only by that
 * panel's members and the ERN's coordinators — never by members of the other panels of the meeting.
 */
export const meetingAgendaItems = pgTable(
  'meeting_agenda_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id').notNull().references(() => meetings.id),
    panelId: uuid('panel_id').notNull().references(() => panels.id),
    position: integer('position').notNull(),
    minutes: integer('minutes').notNull(),
    notes: text('notes').notNull().default(''),
    /** Optimistic concurrency for the notes: a save names the version it was made on. */
    notesVersion: integer('notes_version').notNull().default(0),
    notesUpdatedBy: uuid('notes_updated_by').references(() => people.id),
    notesUpdatedAt: instant('notes_updated_at'),
    addedBy: uuid('added_by').notNull().references(() => people.id),
    addedAt: instant('added_at').notNull(),
  },
  (t) => [
    unique('meeting_agenda_items_panel').on(t.meetingId, t.panelId),
    index('meeting_agenda_items_panel_id').on(t.panelId),
    check('meeting_agenda_items_minutes', sql`${t.minutes} between 5 and 240`),
    check('meeting_agenda_items_position', sql`${t.position} >= 1`),
  ],
);
