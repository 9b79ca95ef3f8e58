import { and, inArray, isNull } from 'drizzle-orm';
import type { AppDeps } from '../../app-deps.ts';
import type { Tx } from '../../db/database.ts';
import { people } from '../../db/schema/index.ts';
import { queueNotificationEmail } from '../notifications/notification-email.ts';
import { meetingCalendar, type CalendarMethod } from './meeting-calendar.ts';
import type { MeetingRow } from './meeting-scope.ts';

export type MeetingMail = 'invitation' | 'update' | 'cancellation' | 'reminder';

const subjects: Record<MeetingMail, string> = {
  invitation: 'Open CPMS: meeting invitation',
  update: 'Open CPMS: meeting changed',
  cancellation: 'Open CPMS: meeting cancelled',
  reminder: 'Open CPMS: meeting reminder',
};
const openings: Record<MeetingMail, string> = {
  invitation: 'You are invited to a meeting on Open CPMS.',
  update: 'A meeting you are invited to has changed.',
  cancellation: 'A meeting you were invited to has been cancelled.',
  reminder: 'A meeting you are invited to begins soon.',
};

/** The meeting's time in the person's own time zone, e.g. "Thursday 3 December 2026, 16:00 (Europe/Brussels)". */
export function localTime(instant: string, timeZone: string): string {
  const formatted = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(instant));
  return `${formatted} (${timeZone})`;
}

/**
 * Queues one e-mail per person, with their calendar entry attached (REQUEST, or CANCEL for a cancellation).
 * Content-free: the time, the network and a link. Never the title, the agenda, panels or patients.
 */
export async function queueMeetingMail(tx: Tx, deps: Pick<AppDeps, 'clock' | 'config'>, kind: MeetingMail, meeting: MeetingRow, ernCode: string, personIds: string[]): Promise<void> {
  if (personIds.length === 0) return;
  const recipients = await tx
    .select({ id: people.id, email: people.email, displayName: people.displayName, timeZone: people.timeZone })
    .from(people)
    .where(and(inArray(people.id, personIds), isNull(people.deactivatedAt)));
  const url = `${deps.config.publicUrl}/meetings/${meeting.id}`;
  const method: CalendarMethod = kind === 'cancellation' ? 'CANCEL' : 'REQUEST';
  for (const person of recipients) {
    const calendar =
      kind === 'reminder'
        ? undefined
        : meetingCalendar(
            {
              meetingId: meeting.id,
              sequence: meeting.sequence,
              startsAt: meeting.startsAt,
              durationMinutes: meeting.durationMinutes,
              summary: `${ernCode.toUpperCase()} panel meeting`,
              url,
              organizer: { name: 'Open CPMS', email: deps.config.mailFrom },
              attendee: { name: person.displayName, email: person.email },
              stamp: deps.clock.now(),
            },
            method,
          );
    await queueNotificationEmail(tx, deps.clock, 'meetings', {
      recipientId: person.id,
      to: person.email,
      subject: subjects[kind],
      text: `${openings[kind]}\n\nWhen: ${localTime(meeting.startsAt, person.timeZone)}, ${meeting.durationMinutes} minutes.\nAgenda and call (sign in to see them):\n${url}\n`,
      ...(calendar ? { calendar: { method, content: calendar } } : {}),
    });
  }
}
