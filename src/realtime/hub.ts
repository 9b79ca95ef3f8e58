import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { Actor } from '../access/actor.ts';
import type { Database, Db } from '../db/database.ts';
import type { ResolvedSession } from '../http/enforce-access.ts';
import { EventListener } from './event-listener.ts';
import { REALTIME_CLOSE } from './realtime.contract.ts';
import { RealtimeConnection } from './realtime-connection.ts';
import { StreamKinds, type StoredEvent, type StreamKind } from './stream-kinds.ts';
import { readEventsAfter, readHead, readHeads } from './stream-queries.ts';
import type { Subscription } from './subscription.ts';

export interface RealtimeHubOptions {
  database: Database;
  db: Db;
  log: FastifyBaseLogger;
  /** The session behind the upgrade request, resolved again before every delivery. */
  resolveSession: (request: FastifyRequest) => Promise<ResolvedSession | undefined>;
  /** How often to ping the sockets, send the LISTEN heartbeat and catch up from the stream heads; 0: never (tests call `tick()`). */
  tickMs?: number;
  backoffMs?: (attempt: number) => number;
}

/** What the hub knows of one stream that sockets on this node follow. */
interface Feed {
  stream: string;
  /** The last seq fanned out (or the head when the feed opened). */
  seen: number;
  /** The highest seq announced; the feed reads the database up to it. */
  wanted: number;
  ready: Promise<void>;
  isReady: boolean;
  pumping: boolean;
  subscribers: Set<Subscription>;
}

const PAGE = 200;

/**
 * The process's real-time hub: one LISTEN for the whole node; per followed stream, a feed that reads the
 * events after the last one it fanned out (so a gap in notifications costs nothing but a larger read) and
 * offers them, in order, to the subscriptions, which authorize each one again before sending it.
 */
export class RealtimeHub {
  readonly #options: RealtimeHubOptions;
  readonly #kinds = new StreamKinds();
  readonly #feeds = new Map<string, Feed>();
  readonly #connections = new Set<RealtimeConnection>();
  readonly #inflight = new Set<Promise<unknown>>();
  readonly #listener: EventListener;
  #timer: NodeJS.Timeout | undefined;
  #started = false;
  #closing = false;

  constructor(options: RealtimeHubOptions) {
    this.#options = options;
    this.#listener = new EventListener({
      database: options.database,
      log: options.log,
      onEvent: (stream, seq) => this.#announce(stream, seq),
      onResync: () => this.#track(this.catchUp()),
      ...(options.backoffMs ? { backoffMs: options.backoffMs } : {}),
    });
  }

  get db(): Db {
    return this.#options.db;
  }

  get log(): FastifyBaseLogger {
    return this.#options.log;
  }

  get listener(): EventListener {
    return this.#listener;
  }

  /** Modules register their stream kinds (`panel`, …) with who may follow them. */
  registerStreamKind(prefix: string, kind: StreamKind): void {
    this.#kinds.register(prefix, kind);
  }

  resolveStream(stream: string): { kind: StreamKind; id: string } | undefined {
    return this.#kinds.resolve(stream);
  }

  resolveSession(request: FastifyRequest): Promise<ResolvedSession | undefined> {
    return this.#options.resolveSession(request);
  }

  async start(): Promise<void> {
    await this.#listener.start();
    this.#started = true;
    const tickMs = this.#options.tickMs ?? 30_000;
    if (tickMs > 0) {
      this.#timer = setInterval(() => {
        for (const connection of this.#connections) connection.checkAlive();
        this.#track(this.tick());
      }, tickMs);
      this.#timer.unref();
    }
  }

  /** A socket that passed the upgrade checks. */
  attach(socket: WebSocket, request: FastifyRequest, actor: Actor): void {
    if (this.#closing) {
      socket.close(REALTIME_CLOSE.goingAway, 'server shutting down');
      return;
    }
    const connection = new RealtimeConnection(this, socket, request, actor);
    this.#connections.add(connection);
    socket.once('close', () => this.#connections.delete(connection));
  }

  get connectionCount(): number {
    return this.#connections.size;
  }

  /**
   * Adds the subscription to its stream's feed once the feed knows the stream's head; `begin(head)` runs
   * synchronously at that moment, so the subscription sees every event after `head` and none before.
   */
  async join(subscription: Subscription, begin: (head: number) => void): Promise<void> {
    for (;;) {
      const feed = this.#feeds.get(subscription.stream) ?? this.#openFeed(subscription.stream);
      await feed.ready;
      if (subscription.cancelled) {
        if (feed.subscribers.size === 0 && this.#feeds.get(subscription.stream) === feed) this.#feeds.delete(subscription.stream);
        return;
      }
      if (this.#feeds.get(subscription.stream) !== feed) continue; // closed while we waited: open a fresh one
      begin(feed.seen);
      feed.subscribers.add(subscription);
      return;
    }
  }

  leave(subscription: Subscription): void {
    const feed = this.#feeds.get(subscription.stream);
    if (!feed) return;
    feed.subscribers.delete(subscription);
    if (feed.subscribers.size === 0 && feed.isReady) this.#feeds.delete(subscription.stream);
  }

  /** One page of stored events in (after, upTo], for a replay. */
  readEvents(stream: string, after: number, upTo: number): Promise<StoredEvent[]> {
    return readEventsAfter(this.#options.db, stream, after, { upTo, limit: PAGE });
  }

  /** The periodic work on the events: LISTEN heartbeat, then catching up from the heads. Tests call it directly. */
  async tick(): Promise<void> {
    if (!this.#started || this.#closing) return;
    try {
      await this.#listener.heartbeat();
    } catch (error) {
      this.log.warn({ reason: (error as Error).message }, 'realtime: heartbeat failed');
    }
    await this.catchUp();
  }

  /** Reads the heads of every followed stream and fetches what the notifications did not announce. */
  async catchUp(): Promise<void> {
    if (this.#feeds.size === 0 || this.#closing) return;
    try {
      const heads = await readHeads(this.#options.db, [...this.#feeds.keys()]);
      for (const [stream, head] of heads) this.#announce(stream, head);
    } catch (error) {
      this.log.warn({ reason: (error as Error).message }, 'realtime: catching up from the stream heads failed');
    }
  }

  /** Closes every socket (1001, so clients reconnect elsewhere), stops listening; bounded, never hangs. */
  async close(): Promise<void> {
    this.#closing = true;
    clearInterval(this.#timer);
    await Promise.all([...this.#connections].map((c) => c.close(REALTIME_CLOSE.goingAway, 'server shutting down')));
    await this.#listener.close();
    await Promise.allSettled([...this.#inflight]);
  }

  #openFeed(stream: string): Feed {
    const feed: Feed = { stream, seen: 0, wanted: 0, ready: Promise.resolve(), isReady: false, pumping: false, subscribers: new Set() };
    feed.ready = readHead(this.#options.db, stream).then(
      (head) => {
        feed.seen = head;
        feed.isReady = true;
        this.#pump(feed);
      },
      (error: unknown) => {
        if (this.#feeds.get(stream) === feed) this.#feeds.delete(stream);
        throw error;
      },
    );
    this.#feeds.set(stream, feed);
    return feed;
  }

  #announce(stream: string, seq: number): void {
    const feed = this.#feeds.get(stream);
    if (!feed) return; // nobody on this node follows it
    feed.wanted = Math.max(feed.wanted, seq);
    this.#pump(feed);
  }

  #pump(feed: Feed): void {
    if (!feed.isReady || feed.pumping || feed.wanted <= feed.seen || this.#closing) return;
    feed.pumping = true;
    this.#track(
      this.#drain(feed)
        .catch((error: unknown) => {
          feed.wanted = feed.seen; // the next notification or tick tries again
          this.log.warn({ reason: (error as Error).message }, 'realtime: reading stream events failed');
        })
        .finally(() => {
          feed.pumping = false;
          this.#pump(feed);
        }),
    );
  }

  async #drain(feed: Feed): Promise<void> {
    while (feed.wanted > feed.seen && !this.#closing) {
      const events = await readEventsAfter(this.#options.db, feed.stream, feed.seen, { limit: PAGE });
      if (events.length === 0) {
        feed.wanted = feed.seen;
        return;
      }
      for (const event of events) {
        feed.seen = event.seq;
        for (const subscription of feed.subscribers) subscription.offer(event);
      }
    }
  }

  #track(work: Promise<unknown>): void {
    const tracked = work.catch(() => undefined).finally(() => this.#inflight.delete(tracked));
    this.#inflight.add(tracked);
  }
}
