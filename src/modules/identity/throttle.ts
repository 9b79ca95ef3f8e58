import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { signInThrottle } from '../../db/schema/index.ts';
import type { Clock } from '../../platform/clock.ts';

/**
 * Progressive delays after failed sign-ins, per account and per client address, with separate
 * thresholds: an account slows down after a few failures; an address only after many, so one
 * attacker cannot lock a whole hospital out behind its NAT address, and no one is locked out for good.
 * Unknown accounts are throttled exactly like known ones: the answer never tells whether one exists.
 */
const policy = {
  account: { free: 5, baseMs: 2_000, maxMs: 15 * 60_000 },
  address: { free: 50, baseMs: 1_000, maxMs: 5 * 60_000 },
};
/** Failures older than this are forgotten. */
const FORGET_AFTER_MS = 24 * 60 * 60_000;

export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
export const addressKey = (address: string) => `address:${address}`;

function delayFor(kind: keyof typeof policy, failures: number): number {
  const { free, baseMs, maxMs } = policy[kind];
  if (failures < free) return 0;
  return Math.min(maxMs, baseMs * 2 ** (failures - free));
}

/** Milliseconds until another attempt is allowed for these keys (0 = now). */
export async function retryAfterMs(db: Db, clock: Clock, keys: string[]): Promise<number> {
  const now = clock.now().getTime();
  const rows = await db.select().from(signInThrottle).where(inArray(signInThrottle.key, keys));
  return Math.max(0, ...rows.map((row) => (row.blockedUntil ? new Date(row.blockedUntil).getTime() - now : 0)));
}

export async function recordFailure(db: Db, clock: Clock, keys: { account: string; address: string }): Promise<void> {
  const now = clock.now();
  for (const [kind, key] of Object.entries(keys) as [keyof typeof policy, string][]) {
    const [existing] = await db.select().from(signInThrottle).where(eq(signInThrottle.key, key));
    const stale = existing && now.getTime() - new Date(existing.lastFailureAt).getTime() > FORGET_AFTER_MS;
    const failures = existing && !stale ? existing.failures + 1 : 1;
    const delay = delayFor(kind, failures);
    const values = {
      key,
      failures,
      lastFailureAt: now.toISOString(),
      blockedUntil: delay > 0 ? new Date(now.getTime() + delay).toISOString() : null,
    };
    await db
      .insert(signInThrottle)
      .values(values)
      .onConflictDoUpdate({ target: signInThrottle.key, set: { failures: sql`excluded.failures`, lastFailureAt: sql`excluded.last_failure_at`, blockedUntil: sql`excluded.blocked_until` } });
  }
}

/** A successful sign-in clears the account's count (not the address's: others may share it). */
export async function clearAccount(db: Db, key: string): Promise<void> {
  await db.delete(signInThrottle).where(eq(signInThrottle.key, key));
}
