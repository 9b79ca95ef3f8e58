import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { people } from './identity.ts';
import { panels } from './panels.ts';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/** A panel's video call: at most one running per panel; it ends when its last participant leaves. No recording. */
export const panelCalls = pgTable(
  'panel_calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    panelId: uuid('panel_id').notNull().references(() => panels.id),
    startedBy: uuid('started_by').notNull().references(() => people.id),
    startedAt: instant('started_at').notNull(),
    endedAt: instant('ended_at'),
  },
  (t) => [uniqueIndex('panel_calls_running').on(t.panelId).where(sql`${t.endedAt} is null`)],
);

/**
 * One browser page in a call (its id is the peer id the signalling addresses). A person has at most one running
 * peer per call: joining again (a reloaded page, a dropped network) ends the previous one. A peer whose page stopped
 * sending heartbeats is ended by the next join or heartbeat of anyone in the call.
 */
export const callParticipants = pgTable(
  'call_participants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callId: uuid('call_id').notNull().references(() => panelCalls.id),
    personId: uuid('person_id').notNull().references(() => people.id),
    joinedAt: instant('joined_at').notNull(),
    lastSeenAt: instant('last_seen_at').notNull(),
    leftAt: instant('left_at'),
    /** left, rejoined (a newer page of the same person), timedOut (no heartbeat), callEnded. */
    leftReason: text('left_reason'),
  },
  (t) => [
    index('call_participants_call').on(t.callId).where(sql`${t.leftAt} is null`),
    check('call_participants_left', sql`(${t.leftAt} is null) = (${t.leftReason} is null)`),
  ],
);

/**
 * A WebRTC signalling message (offer, answer, ICE candidate) from one peer to another. Kept here because an SDP is
 * larger than a real-time event may carry; the event names it and the addressee fetches it.
 */
export const callSignals = pgTable(
  'call_signals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callId: uuid('call_id').notNull().references(() => panelCalls.id),
    fromPeer: uuid('from_peer').notNull().references(() => callParticipants.id),
    toPeer: uuid('to_peer').notNull().references(() => callParticipants.id),
    kind: text('kind').notNull(),
    payload: text('payload').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('call_signals_to').on(t.toPeer), check('call_signals_kind', sql`${t.kind} in ('offer', 'answer', 'candidate')`)],
);
