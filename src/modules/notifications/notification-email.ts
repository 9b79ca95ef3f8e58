import { and, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../db/database.ts';
import { notificationPreferences, people } from '../../db/schema/index.ts';
import { queueEmail, type EmailMessage } from '../../mail/queue-email.ts';
import type { Clock } from '../../platform/clock.ts';
import type { emailCategories as storedCategories, emailModes as storedModes } from '../../db/schema/index.ts';
import { DIGEST_HOUR, defaultEmailModes, type EmailCategory, type EmailMode } from './notification-categories.contract.ts';

// The contract's lists (which the web app reads) and the schema's (which the database checks) are the same.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const categoriesAgree: Same<(typeof storedCategories)[number], EmailCategory> = true;
const modesAgree: Same<(typeof storedModes)[number], EmailMode> = true;
void [categoriesAgree, modesAgree];

/** How this person wants e-mails of this category (their choice, else the default). */
export async function emailModeOf(tx: Db | Tx, personId: string, category: EmailCategory): Promise<EmailMode> {
  const [row] = await tx
    .select({ mode: notificationPreferences.mode })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.personId, personId), eq(notificationPreferences.category, category)));
  return row?.mode ?? defaultEmailModes[category];
}

const hourFormats = new Map<string, Intl.DateTimeFormat>();
function localHourAndMinute(at: Date, timeZone: string): { hour: number; minute: number } {
  let format = hourFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    hourFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(at);
  return { hour: Number(parts.find((p) => p.type === 'hour')!.value), minute: Number(parts.find((p) => p.type === 'minute')!.value) };
}

/**
 * The next DIGEST_HOUR:00 in the person's time zone, strictly after `now`. Every time zone's offset is a
 * multiple of a quarter hour, so walking UTC quarter hours meets that local instant exactly (a day where it
 * does not exist, at a daylight-saving jump, yields the next quarter hour that reads DIGEST_HOUR).
 */
export function nextDigestAt(now: Date, timeZone: string): Date {
  const quarter = 15 * 60_000;
  let at = new Date(Math.floor(now.getTime() / quarter) * quarter + quarter);
  for (let step = 0; step < 4 * 26; step++, at = new Date(at.getTime() + quarter)) {
    const local = localHourAndMinute(at, timeZone);
    if (local.hour === DIGEST_HOUR && local.minute < 15) return at;
  }
  return at; // unreachable for real time zones: a day always has that hour or the next
}

/**
 * Queues a notification e-mail to a person as they asked for that category: at once, held for their daily
 * summary, or not at all (the in-app inbox has it either way). Calendar invitations are never held. Returns
 * whether anything was queued. Like every e-mail: links and times only, never clinical content.
 */
export async function queueNotificationEmail(tx: Db | Tx, clock: Clock, category: EmailCategory, message: EmailMessage & { recipientId: string }): Promise<boolean> {
  const mode = await emailModeOf(tx, message.recipientId, category);
  if (mode === 'off') return false;
  if (mode === 'dailyDigest' && !message.calendar) {
    const [person] = await tx.select({ timeZone: people.timeZone }).from(people).where(and(eq(people.id, message.recipientId), isNull(people.deactivatedAt)));
    if (!person) return false;
    await queueEmail(tx, clock, { ...message, digestDueAt: nextDigestAt(clock.now(), person.timeZone).toISOString() });
    return true;
  }
  await queueEmail(tx, clock, message);
  return true;
}
