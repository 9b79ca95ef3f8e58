import { describe, expect, it } from 'vitest';
import { meetingCalendar, type MeetingCalendarEntry } from './meeting-calendar.ts';

const entry: MeetingCalendarEntry = {
  meetingId: '6f1c2d3e-4b5a-4978-8a6b-1c2d3e4f5a6b',
  sequence: 2,
  startsAt: '2026-12-03T15:00:00.000Z',
  durationMinutes: 90,
  summary: 'ERN-RND panel meeting',
  url: 'https://cpms.example.org/meetings/6f1c2d3e-4b5a-4978-8a6b-1c2d3e4f5a6b',
  organizer: { name: 'Open CPMS', email: 'no-reply@cpms.example.org' },
  attendee: { name: 'Dr. Łucja Wrzosowska', email: 'lucja@example.org' },
  stamp: new Date('2026-11-22T08:00:00.000Z'),
};

/** Unfolds RFC 5545 content lines (a CRLF followed by a space continues the line). */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');

describe('the meeting calendar entry', () => {
  it('is an RFC 5545 REQUEST with a stable UID, the sequence, UTC start and end, and only a generic summary and a link', () => {
    const ics = unfold(meetingCalendar(entry, 'REQUEST'));
    expect(ics.split('\r\n')[0]).toBe('BEGIN:VCALENDAR');
    for (const line of ['METHOD:REQUEST', 'UID:meeting-6f1c2d3e-4b5a-4978-8a6b-1c2d3e4f5a6b@open-cpms', 'SEQUENCE:2', 'DTSTART:20261203T150000Z', 'DTEND:20261203T163000Z', 'SUMMARY:ERN-RND panel meeting', 'STATUS:CONFIRMED', 'DTSTAMP:20261122T080000Z']) {
      expect(ics).toContain(`\r\n${line}\r\n`);
    }
    expect(ics).toMatch(/\r\nORGANIZER;CN="?Open CPMS"?:mailto:no-reply@cpms.example.org\r\n/);
    expect(ics).toMatch(/\r\nATTENDEE;[^\r]*CN="Dr. Łucja Wrzosowska":mailto:lucja@example.org\r\n/i);
    expect(ics).toContain(`URL;VALUE=URI:${entry.url}`);
  });

  it('cancels the same entry', () => {
    const ics = unfold(meetingCalendar({ ...entry, sequence: 3 }, 'CANCEL'));
    expect(ics).toContain('\r\nMETHOD:CANCEL\r\n');
    expect(ics).toContain('\r\nSTATUS:CANCELLED\r\n');
    expect(ics).toContain('\r\nUID:meeting-6f1c2d3e-4b5a-4978-8a6b-1c2d3e4f5a6b@open-cpms\r\n');
    expect(ics).toContain('\r\nSEQUENCE:3\r\n');
  });
});
