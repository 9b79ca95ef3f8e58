import type { Actor } from '../access/actor.ts';
import type { Db } from '../db/database.ts';
import { STREAM_NAME_PATTERN } from './realtime.contract.ts';

/** One stored event, as the hub reads it and the client receives it. */
export interface StoredEvent {
  stream: string;
  seq: number;
  type: string;
  data: Record<string, unknown>;
}

/**
 * Who may follow a kind of stream. The hub asks on subscribe and again before every event it delivers or
 * replays, so a person who loses access (removed from a panel, signed out) stops receiving at once.
 * Answer false for what the actor may not see: the client learns only "not found".
 */
export interface StreamKind {
  authorize(actor: Actor, streamId: string, db: Db): Promise<boolean> | boolean;
  /** A finer check per event (e.g. an event about one patient in a panel's stream); skipped events are not sent. */
  authorizeEvent?(actor: Actor, event: StoredEvent, db: Db): Promise<boolean> | boolean;
}

export interface ParsedStream {
  kind: string;
  id: string;
}

export function parseStreamName(stream: string): ParsedStream | undefined {
  const match = STREAM_NAME_PATTERN.exec(stream);
  return match ? { kind: match[1]!, id: match[2]! } : undefined;
}

/** A person's own inbox: `inbox:<personId>`, followed by that person only. */
export const inboxStreamKind: StreamKind = {
  authorize: (actor, streamId) => actor.personId.toLowerCase() === streamId.toLowerCase(),
};

/** The stream kinds modules register (`panel`, `inbox`, …); one registry per application. */
export class StreamKinds {
  readonly #kinds = new Map<string, StreamKind>();

  register(prefix: string, kind: StreamKind): void {
    if (!/^[a-z][a-zA-Z0-9]{0,31}$/.test(prefix)) throw new Error(`Stream kind "${prefix}" must be a short lower-camel-case word.`);
    if (this.#kinds.has(prefix)) throw new Error(`Stream kind "${prefix}" is registered twice.`);
    this.#kinds.set(prefix, kind);
  }

  /** The kind and id of a stream name, or undefined for a malformed name or an unknown kind. */
  resolve(stream: string): { kind: StreamKind; id: string } | undefined {
    const parsed = parseStreamName(stream);
    const kind = parsed && this.#kinds.get(parsed.kind);
    return parsed && kind ? { kind, id: parsed.id } : undefined;
  }
}
