import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { EVENTS_CHANNEL } from './publish-event.ts';

/**
 * `Database.listen`, with the optional third argument a driver can use to say the LISTEN connection was
 * lost (PostgreSQL's dedicated client can drop). Without it, the heartbeat still finds out.
 */
export type ListenFn = (channel: string, onPayload: (payload: string) => void, onLost?: (error: Error) => void) => Promise<() => Promise<void>>;

const EventNotice = z.object({ stream: z.string(), seq: z.number().int().positive() });
const HeartbeatNotice = z.object({ heartbeat: z.string(), n: z.number().int() });

export interface EventListenerOptions {
  database: Database;
  log: FastifyBaseLogger;
  onEvent(stream: string, seq: number): void;
  /** After listening again: notifications may have been missed, so catch up from the database. */
  onResync(): void;
  /** Delay before re-listening attempt n (0 = first); the default backs off from 0 to 30 s, with jitter. */
  backoffMs?: (attempt: number) => number;
}

const defaultBackoff = (attempt: number) => (attempt === 0 ? 0 : Math.min(30_000, 500 * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2));

/**
 * The process's one LISTEN on the events channel. A lost connection — reported by the driver, or found by
 * a heartbeat (a NOTIFY this listener sends itself and must receive before the next one) — is replaced
 * with backoff, and the hub is told to catch up. Logs carry no payloads.
 */
export class EventListener {
  readonly #options: EventListenerOptions;
  readonly #id = randomUUID();
  #unlisten: (() => Promise<void>) | undefined;
  #generation = 0;
  #heartbeatSent = 0;
  #heartbeatSeen = 0;
  #relistening: Promise<void> | undefined;
  #lostAgain: Error | undefined;
  #closed = false;
  #wakeUp: (() => void) | undefined;

  constructor(options: EventListenerOptions) {
    this.#options = options;
  }

  async start(): Promise<void> {
    await this.#listenOnce();
  }

  /** Resolves once listening again after a loss (at once when nothing is being repaired). */
  async settled(): Promise<void> {
    await this.#relistening;
  }

  /**
   * Called periodically by the hub: if the previous heartbeat never came back, the connection is dead
   * although the driver did not say so; then sends the next one.
   */
  async heartbeat(): Promise<void> {
    if (this.#closed || this.#relistening) return;
    if (this.#heartbeatSeen < this.#heartbeatSent) {
      this.lost(new Error('heartbeat not received'));
      return;
    }
    this.#heartbeatSent += 1;
    await this.#options.database.query('select pg_notify($1, $2)', [EVENTS_CHANNEL, JSON.stringify({ heartbeat: this.#id, n: this.#heartbeatSent })]);
  }

  /** The LISTEN connection is gone (or presumed so): listen again, with backoff, then resync. */
  lost(error: Error): void {
    if (this.#closed) return;
    if (this.#relistening) {
      this.#lostAgain = error; // the new connection may already be gone: repair again once this attempt ends
      return;
    }
    this.#options.log.warn({ reason: error.message }, 'realtime: the LISTEN connection was lost; listening again');
    this.#relistening = this.#relisten().finally(() => {
      this.#relistening = undefined;
      const again = this.#lostAgain;
      this.#lostAgain = undefined;
      if (again) this.lost(again);
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#wakeUp?.();
    await this.#relistening;
    await this.#drop();
  }

  async #listenOnce(): Promise<void> {
    const generation = ++this.#generation;
    const onLost = (error: Error) => {
      if (generation === this.#generation) this.lost(error);
    };
    const listen: ListenFn = this.#options.database.listen.bind(this.#options.database);
    this.#unlisten = await listen(EVENTS_CHANNEL, (payload) => this.#onPayload(payload), onLost);
    this.#heartbeatSent = 0;
    this.#heartbeatSeen = 0;
  }

  async #drop(): Promise<void> {
    const unlisten = this.#unlisten;
    this.#unlisten = undefined;
    this.#generation += 1; // a loss the old connection reports from now on is ignored
    try {
      await unlisten?.();
    } catch {
      // the connection is already gone
    }
  }

  async #relisten(): Promise<void> {
    await this.#drop();
    this.#lostAgain = undefined; // losses reported before the drop concern the old connection
    const backoff = this.#options.backoffMs ?? defaultBackoff;
    for (let attempt = 0; !this.#closed; attempt += 1) {
      await this.#sleep(backoff(attempt));
      if (this.#closed) return;
      try {
        await this.#listenOnce();
        this.#options.log.info({ attempt }, 'realtime: listening again');
        this.#options.onResync();
        return;
      } catch (error) {
        this.#options.log.warn({ attempt, reason: (error as Error).message }, 'realtime: listening again failed; retrying');
      }
    }
  }

  #sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wakeUp = done;
    });
  }

  #onPayload(payload: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch {
      return;
    }
    const event = EventNotice.safeParse(parsed);
    if (event.success) {
      this.#options.onEvent(event.data.stream, event.data.seq);
      return;
    }
    const heartbeat = HeartbeatNotice.safeParse(parsed);
    if (heartbeat.success && heartbeat.data.heartbeat === this.#id) this.#heartbeatSeen = Math.max(this.#heartbeatSeen, heartbeat.data.n);
  }
}
