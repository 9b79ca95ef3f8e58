import { and, eq, gt, isNull, lte } from 'drizzle-orm';
import type { AppDeps } from '../../app-deps.ts';
import { erns, meetings } from '../../db/schema/index.ts';
import { queueMeetingMail } from './meeting-mail.ts';
import { meetingAttendees } from './meeting-scope.ts';

/** How long before a meeting its attendees are reminded. */
export const REMINDER_BEFORE_MS = 24 * 3_600_000;

/**
 * Queues the reminder of every meeting that begins within the next day and has not been reminded: once per
 * meeting (a rescheduled meeting is reminded again), whichever node runs first — the row is claimed by the
 * same update that marks it. Returns how many meetings were reminded.
 */
export async function remindMeetings(deps: Pick<AppDeps, 'db' | 'clock' | 'config'>): Promise<number> {
  const now = deps.clock.now();
  const due = await deps.db
    .select({ id: meetings.id })
    .from(meetings)
    .where(and(isNull(meetings.cancelledAt), isNull(meetings.remindedAt), gt(meetings.startsAt, now.toISOString()), lte(meetings.startsAt, new Date(now.getTime() + REMINDER_BEFORE_MS).toISOString())));
  let reminded = 0;
  for (const { id } of due) {
    await deps.db.transaction(async (tx) => {
      const [meeting] = await tx.update(meetings).set({ remindedAt: now.toISOString() }).where(and(eq(meetings.id, id), isNull(meetings.remindedAt))).returning();
      if (!meeting) return;
      const [ern] = await tx.select({ code: erns.code }).from(erns).where(eq(erns.id, meeting.ernId));
      await queueMeetingMail(tx, deps, 'reminder', meeting, ern!.code, await meetingAttendees(tx, id, meeting.organizerId));
      reminded += 1;
    });
  }
  return reminded;
}
