import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

export type CalendarMethod = 'REQUEST' | 'CANCEL';

export interface MeetingCalendarEntry {
  meetingId: string;
  /** iCalendar SEQUENCE: a later entry with a higher number replaces the earlier one in the person's calendar. */
  sequence: number;
  startsAt: string;
  durationMinutes: number;
  /** Generic, typed by no one (e.g. "ERN-RND panel meeting"): calendar entries leave the platform. */
  summary: string;
  /** The meeting's page on the platform: the only way to its agenda. */
  url: string;
  /** The platform's sender address, as the organiser (RFC 5546 wants one on a REQUEST). */
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
  /** DTSTAMP: when this entry was made. */
  stamp: Date;
}

/**
 * One person's calendar entry for a meeting (RFC 5545/5546): a REQUEST to add or update it, or a CANCEL.
 * It carries the time, a generic summary and a link — never the agenda, panels or anything clinical.
 * The UID is stable per meeting, so calendars update the same entry.
 */
export function meetingCalendar(entry: MeetingCalendarEntry, method: CalendarMethod): string {
  const calendar = ical({
    prodId: { company: 'Open CPMS', product: 'meetings', language: 'EN' },
    method: method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  const start = new Date(entry.startsAt);
  calendar.createEvent({
    id: `meeting-${entry.meetingId}@open-cpms`,
    sequence: entry.sequence,
    stamp: entry.stamp,
    start,
    end: new Date(start.getTime() + entry.durationMinutes * 60_000),
    summary: entry.summary,
    description: `Agenda and call: ${entry.url}`,
    url: entry.url,
    status: method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: entry.organizer,
    attendees: [{ name: entry.attendee.name, email: entry.attendee.email, role: ICalAttendeeRole.REQ, status: ICalAttendeeStatus.NEEDSACTION, rsvp: false }],
  });
  return calendar.toString();
}
