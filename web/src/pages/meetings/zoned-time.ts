/**
 * Wall-clock times in a named time zone, for the schedule form's <input type="datetime-local"> (which has
 * no zone): the person types a time in their profile's zone and the server receives the instant.
 */

const parts = (instant: Date, timeZone: string) => {
  const format = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const get = (type: string) => Number(format.formatToParts(instant).find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
};

/** How far the zone's clock is ahead of UTC at this instant, in milliseconds. */
function offset(instant: Date, timeZone: string): number {
  const p = parts(instant, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant.getTime() / 1000) * 1000;
}

/** "2026-03-10T14:30" read in `timeZone` → the ISO instant; undefined for an incomplete value. */
export function zonedInputToInstant(local: string, timeZone: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return undefined;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  // Two passes settle the offset also next to a daylight-saving change.
  let guess = asUtc - offset(new Date(asUtc), timeZone);
  guess = asUtc - offset(new Date(guess), timeZone);
  return new Date(guess).toISOString();
}

/** An instant as the wall-clock value the input shows in `timeZone`. */
export function instantToZonedInput(iso: string, timeZone: string): string {
  const p = parts(new Date(iso), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** Date and time of an instant in a given zone (the organiser's, say), in the person's language. */
export function formatInZone(iso: string, timeZone: string, language: string): string {
  try {
    return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23', timeZone }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }).format(new Date(iso));
  }
}
