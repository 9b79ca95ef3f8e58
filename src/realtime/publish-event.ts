import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/database.ts';
import { streamEvents, streamHeads } from '../db/schema/index.ts';
import type { Clock } from '../platform/clock.ts';
import { parseStreamName } from './stream-kinds.ts';

/** The one NOTIFY channel; payloads are `{ stream, seq }` (ids only, far below the 8,000-byte limit). */
export const EVENTS_CHANNEL = 'cpms_events';

/** An event's data: ids and small facts only, never clinical content or identifying data. */
export const MAX_EVENT_DATA_BYTES = 2048;

export interface NewEvent {
  /** `<kind>:<id>`, e.g. `inbox:<personId>`. */
  stream: string;
  /** What happened, e.g. `message.posted`. */
  type: string;
  data: Record<string, unknown>;
}

/**
 * Publishes an event inside the caller's transaction: the stream's counter is incremented (the head row's
 * lock orders the writers of one stream, so counters commit gap-free and in order), the event is stored for
 * replay, and a NOTIFY — delivered only at commit — tells every node. A rolled-back transaction announces
 * nothing. Returns the event's counter.
 */
export async function publishEvent(tx: Db | Tx, clock: Clock, event: NewEvent): Promise<number> {
  if (!parseStreamName(event.stream)) throw new Error('publishEvent: the stream name must look like "<kind>:<id>".');
  if (!/^[a-zA-Z][a-zA-Z0-9._-]{0,63}$/.test(event.type)) throw new Error('publishEvent: the event type must be a short dotted name.');
  if (Buffer.byteLength(JSON.stringify(event.data)) > MAX_EVENT_DATA_BYTES) {
    throw new Error(`publishEvent: event data must stay under ${MAX_EVENT_DATA_BYTES} bytes (ids only).`);
  }
  const [head] = await tx
    .insert(streamHeads)
    .values({ stream: event.stream, lastSeq: 1 })
    .onConflictDoUpdate({ target: streamHeads.stream, set: { lastSeq: sql`${streamHeads.lastSeq} + 1` } })
    .returning({ seq: streamHeads.lastSeq });
  const seq = head!.seq;
  await tx.insert(streamEvents).values({ stream: event.stream, seq, type: event.type, data: event.data, createdAt: clock.now().toISOString() });
  await tx.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${JSON.stringify({ stream: event.stream, seq })})`);
  return seq;
}
