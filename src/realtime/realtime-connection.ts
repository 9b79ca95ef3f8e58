import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import { secondFactorOwed, type Actor } from '../access/actor.ts';
import type { Db } from '../db/database.ts';
import type { ResolvedSession } from '../http/enforce-access.ts';
import { ClientMessage, REALTIME_CLOSE, REALTIME_LIMITS, type ServerMessage } from './realtime.contract.ts';
import type { StoredEvent, StreamKind } from './stream-kinds.ts';
import { Subscription, type SubscriptionOwner } from './subscription.ts';

/** What a connection needs from the hub (an interface, so the two files do not import each other). */
export interface ConnectionHost {
  readonly db: Db;
  readonly log: FastifyBaseLogger;
  resolveStream(stream: string): { kind: StreamKind; id: string } | undefined;
  resolveSession(request: FastifyRequest): Promise<ResolvedSession | undefined>;
  join(subscription: Subscription, begin: (head: number) => void): Promise<void>;
  leave(subscription: Subscription): void;
  readEvents(stream: string, after: number, upTo: number): Promise<StoredEvent[]>;
}

/** Subscribe/unsubscribe messages waiting beyond this: the client is flooding; close with 1008. */
const MAX_PENDING_CONTROL = 100;
/** Unsent bytes beyond this: the client is not reading; close with 1013 (it reconnects and replays). */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** A client that does not answer the close handshake in this time is cut off, so shutdown never hangs. */
const CLOSE_GRACE_MS = 1000;

/** What a log may say about an error raised by a stream kind's check: its kind and SQLSTATE, never its message (it could quote data). */
const errorSummary = (error: unknown) => ({ name: (error as Error).name, code: (error as { code?: unknown }).code });

const asBuffer = (data: RawData): Buffer => (Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data));

/**
 * One WebSocket: parses the client's messages (zod; a bad one gets an error frame), keeps its subscriptions,
 * and before every event it sends checks again that the session is alive (else closes with 4401) and that
 * the stream — and the event — are still visible to the person (else refuses the stream).
 */
export class RealtimeConnection implements SubscriptionOwner {
  readonly #host: ConnectionHost;
  readonly #socket: WebSocket;
  readonly #request: FastifyRequest;
  readonly #sessionId: string;
  readonly #subscriptions = new Map<string, Subscription>();
  #control: Promise<void> = Promise.resolve();
  #pendingControl = 0;
  #alive = true;
  #closing: Promise<void> | undefined;

  constructor(host: ConnectionHost, socket: WebSocket, request: FastifyRequest, actor: Actor) {
    this.#host = host;
    this.#socket = socket;
    this.#request = request;
    this.#sessionId = actor.sessionId;
    socket.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
    socket.on('pong', () => {
      this.#alive = true;
    });
    socket.once('close', () => this.#dropAll());
  }

  async deliver(subscription: Subscription, event: StoredEvent): Promise<void> {
    if (subscription.cancelled || event.seq <= subscription.lastSent) return;
    const actor = await this.#currentActor();
    if (!actor || subscription.cancelled) return;
    if (!(await subscription.kind.authorize(actor, subscription.streamId, this.#host.db))) {
      this.#refuse(subscription);
      return;
    }
    const allowed = subscription.kind.authorizeEvent ? await subscription.kind.authorizeEvent(actor, event, this.#host.db) : true;
    if (subscription.cancelled || event.seq <= subscription.lastSent) return;
    subscription.lastSent = event.seq;
    if (allowed) this.#send({ type: 'event', stream: event.stream, seq: event.seq, eventType: event.type, data: event.data });
  }

  tooSlow(): void {
    void this.close(REALTIME_CLOSE.tooSlow, 'too slow');
  }

  failed(error: unknown): void {
    this.#host.log.warn({ error: errorSummary(error) }, 'realtime: a socket failed');
    void this.close(1011, 'internal error');
  }

  /** Called by the hub's tick: a socket that did not answer the previous ping is dead. */
  checkAlive(): void {
    if (this.#socket.readyState !== this.#socket.OPEN) return;
    if (!this.#alive) {
      this.#socket.terminate();
      return;
    }
    this.#alive = false;
    this.#socket.ping();
  }

  /** Closes the socket and waits until it is closed (cutting it off after a grace period). */
  close(code: number, reason: string): Promise<void> {
    this.#closing ??= (async () => {
      const running = [...this.#subscriptions.values()];
      this.#dropAll();
      const socket = this.#socket;
      if (socket.readyState !== socket.CLOSED) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => socket.terminate(), CLOSE_GRACE_MS);
          socket.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          if (socket.readyState === socket.OPEN) socket.close(code, reason);
        });
      }
      await Promise.all(running.map((s) => s.idle()));
    })();
    return this.#closing;
  }

  #onMessage(data: RawData, isBinary: boolean): void {
    if (this.#closing) return;
    const bytes = asBuffer(data);
    if (bytes.length > REALTIME_LIMITS.maxClientMessageBytes) return this.#send({ type: 'error', reason: 'tooLarge' });
    let parsed: ReturnType<typeof ClientMessage.safeParse>;
    try {
      parsed = ClientMessage.safeParse(isBinary ? undefined : JSON.parse(bytes.toString('utf8')));
    } catch {
      return this.#send({ type: 'error', reason: 'badMessage' });
    }
    if (!parsed.success) return this.#send({ type: 'error', reason: 'badMessage' });
    const message = parsed.data;
    switch (message.type) {
      case 'ping':
        return this.#send({ type: 'pong' });
      case 'subscribe':
        return this.#enqueueControl(() => this.#subscribe(message.stream, message.after));
      case 'unsubscribe':
        return this.#enqueueControl(async () => {
          const subscription = this.#subscriptions.get(message.stream);
          if (subscription) this.#drop(subscription);
        });
    }
  }

  #enqueueControl(work: () => Promise<void>): void {
    if (this.#pendingControl >= MAX_PENDING_CONTROL) {
      void this.close(1008, 'too many messages');
      return;
    }
    this.#pendingControl += 1;
    this.#control = this.#control
      .then(() => (this.#closing ? undefined : work()))
      .catch((error: unknown) => this.failed(error))
      .finally(() => {
        this.#pendingControl -= 1;
      });
  }

  async #subscribe(stream: string, after: number | undefined): Promise<void> {
    const existing = this.#subscriptions.get(stream);
    if (!existing && this.#subscriptions.size >= REALTIME_LIMITS.subscriptionsPerSocket) {
      return this.#send({ type: 'refused', stream, reason: 'tooManySubscriptions' });
    }
    const resolved = this.#host.resolveStream(stream);
    const actor = await this.#currentActor();
    if (!actor) return;
    if (!resolved || !(await resolved.kind.authorize(actor, resolved.id, this.#host.db))) {
      if (existing) this.#drop(existing);
      return this.#send({ type: 'refused', stream, reason: 'notFound' });
    }
    if (existing) this.#drop(existing);
    const subscription = new Subscription(stream, resolved, this);
    this.#subscriptions.set(stream, subscription);
    try {
      await this.#host.join(subscription, (head) => {
        // From here on the feed offers every event after `head`; older ones come from the replay.
        const from = after === undefined ? head : Math.min(after, head);
        subscription.lastSent = from;
        subscription.enqueue(() => this.#send({ type: 'subscribed', stream, head }));
        if (from < head) subscription.enqueue(() => this.#replay(subscription, from, head));
      });
    } catch (error) {
      this.#drop(subscription);
      this.#host.log.warn({ error: errorSummary(error) }, 'realtime: subscribing failed');
      this.#send({ type: 'error', reason: 'unavailable' });
    }
  }

  async #replay(subscription: Subscription, from: number, to: number): Promise<void> {
    let cursor = from;
    while (cursor < to && !subscription.cancelled) {
      const events = await this.#host.readEvents(subscription.stream, cursor, to);
      if (events.length === 0) return;
      for (const event of events) {
        await this.deliver(subscription, event);
        if (subscription.cancelled) return;
        cursor = event.seq;
      }
    }
  }

  /** The person behind the socket now; a session that ended, expired or owes its second factor closes it. */
  async #currentActor(): Promise<Actor | undefined> {
    const session = await this.#host.resolveSession(this.#request);
    if (session && session.actor.sessionId === this.#sessionId && !secondFactorOwed(session.actor)) return session.actor;
    void this.close(REALTIME_CLOSE.sessionEnded, 'session ended');
    return undefined;
  }

  #refuse(subscription: Subscription): void {
    this.#drop(subscription);
    this.#send({ type: 'refused', stream: subscription.stream, reason: 'notFound' });
  }

  #drop(subscription: Subscription): void {
    subscription.cancel();
    this.#host.leave(subscription);
    if (this.#subscriptions.get(subscription.stream) === subscription) this.#subscriptions.delete(subscription.stream);
  }

  #dropAll(): void {
    for (const subscription of [...this.#subscriptions.values()]) this.#drop(subscription);
  }

  #send(message: ServerMessage): void {
    const socket = this.#socket;
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) return this.tooSlow();
    socket.send(JSON.stringify(message));
  }
}
