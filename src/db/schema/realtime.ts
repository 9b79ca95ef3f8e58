import { sql } from 'drizzle-orm';
import { bigint, check, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/**
 * The head of each real-time stream (a panel, a person's inbox, …): its counter is incremented inside the
 * writing transaction, so counters commit in order per stream (a database sequence would not: replay could
 * skip an event committed late). Named like `panel:<uuid>` or `inbox:<uuid>`.
 */
export const streamHeads = pgTable('stream_heads', {
  stream: text('stream').primaryKey(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
});

/**
 * Every event published on a stream, kept for replay after a reconnect. Ids only: never clinical content,
 * never identifying data (the client fetches what an event points at, through the usual authorized routes).
 */
export const streamEvents = pgTable(
  'stream_events',
  {
    stream: text('stream').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    type: text('type').notNull(),
    /** Ids and small facts (e.g. { messageId }) — the NOTIFY payload limit is 8,000 bytes. */
    data: jsonb('data').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [primaryKey({ name: 'stream_events_pk', columns: [t.stream, t.seq] }), check('stream_events_seq', sql`${t.seq} > 0`)],
);
