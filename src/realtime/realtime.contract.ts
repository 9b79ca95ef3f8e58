import { z } from 'zod';

/**
 * The real-time protocol over GET /api/realtime (a WebSocket), shared by the server and the web app
 * (type-only imports there). Frames are JSON text, small, and carry ids only: an event says what changed,
 * the client fetches it through the usual authorized routes.
 */

/** `<kind>:<id>`, e.g. `inbox:<personId>` or `panel:<panelId>`; ids in lower case (as PostgreSQL writes uuids), so each stream has one name. */
export const STREAM_NAME_PATTERN = /^([a-z][a-zA-Z0-9]{0,31}):([a-z0-9_-]{1,100})$/;
export const StreamName = z.string().max(133).regex(STREAM_NAME_PATTERN);

export const REALTIME_LIMITS = {
  /** A larger client frame is answered with an error frame (and above 16 KiB the socket is closed). */
  maxClientMessageBytes: 2048,
  subscriptionsPerSocket: 50,
} as const;

/** Close codes the client acts on (4000-4999 are the application's own). */
export const REALTIME_CLOSE = {
  /** The session ended, expired or owes its second factor: sign in again before reconnecting. */
  sessionEnded: 4401,
  /** The server is going away (shutdown): reconnect, perhaps to another node. */
  goingAway: 1001,
  /** The client fell too far behind: reconnect with the last counter seen, the rest is replayed. */
  tooSlow: 1013,
} as const;

export const ClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('subscribe'), stream: z.string().max(200), after: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional() }).strict(),
  z.object({ type: z.literal('unsubscribe'), stream: z.string().max(200) }).strict(),
  z.object({ type: z.literal('ping') }).strict(),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

export const ServerMessage = z.discriminatedUnion('type', [
  /** Every event after `head` follows, in order; with `after`, the stored ones after it come first. */
  z.object({ type: z.literal('subscribed'), stream: z.string(), head: z.number().int() }),
  z.object({ type: z.literal('event'), stream: z.string(), seq: z.number().int(), eventType: z.string(), data: z.record(z.string(), z.unknown()) }),
  /** Unknown, not visible, or no longer visible (then nothing more arrives on it). */
  z.object({ type: z.literal('refused'), stream: z.string(), reason: z.enum(['notFound', 'tooManySubscriptions']) }),
  z.object({ type: z.literal('pong') }),
  z.object({ type: z.literal('error'), reason: z.enum(['badMessage', 'tooLarge', 'unavailable']) }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;
export type RealtimeEvent = Extract<ServerMessage, { type: 'event' }>;
