import { and, asc, eq, gt, inArray, lte } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { streamEvents, streamHeads } from '../db/schema/index.ts';
import type { StoredEvent } from './stream-kinds.ts';

/** The stream's counter: the seq of its last committed event, 0 before the first. */
export async function readHead(db: Db, stream: string): Promise<number> {
  const [row] = await db.select({ lastSeq: streamHeads.lastSeq }).from(streamHeads).where(eq(streamHeads.stream, stream));
  return row?.lastSeq ?? 0;
}

/** The counters of several streams at once (the hub's periodic catch-up). */
export async function readHeads(db: Db, streams: string[]): Promise<Map<string, number>> {
  if (streams.length === 0) return new Map();
  const rows = await db.select({ stream: streamHeads.stream, lastSeq: streamHeads.lastSeq }).from(streamHeads).where(inArray(streamHeads.stream, streams));
  return new Map(rows.map((r) => [r.stream, r.lastSeq]));
}

/** Events with seq > after (and <= upTo when given), in order, at most `limit`. */
export async function readEventsAfter(db: Db, stream: string, after: number, options: { upTo?: number; limit: number }): Promise<StoredEvent[]> {
  const rows = await db
    .select({ stream: streamEvents.stream, seq: streamEvents.seq, type: streamEvents.type, data: streamEvents.data })
    .from(streamEvents)
    .where(and(eq(streamEvents.stream, stream), gt(streamEvents.seq, after), options.upTo === undefined ? undefined : lte(streamEvents.seq, options.upTo)))
    .orderBy(asc(streamEvents.seq))
    .limit(options.limit);
  return rows.map((r) => ({ ...r, data: r.data as Record<string, unknown> }));
}
