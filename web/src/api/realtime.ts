import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { ClientMessage, REALTIME_CLOSE, RealtimeEvent, ServerMessage } from '../../../src/realtime/realtime.contract.ts';
import { sessionQuery } from './auth-api.ts';
import { queryClient } from './query-client.ts';

export type { RealtimeEvent };

/** The server's close codes (the contract's values; type-checked against it, no zod in the bundle). */
const CLOSE = { sessionEnded: 4401, goingAway: 1001, tooSlow: 1013 } as const satisfies typeof REALTIME_CLOSE;
const PING_EVERY_MS = 25_000;
const MAX_BACKOFF_MS = 30_000;

type Listener = (event: RealtimeEvent) => void;

interface FollowedStream {
  listeners: Set<Listener>;
  /** The last counter seen; a reconnect asks for everything after it. */
  lastSeq: number | undefined;
  refused: boolean;
  /** Resolves once the server confirmed the subscription (events after that moment will come). */
  subscribed: Promise<void>;
  confirm: () => void;
}

/**
 * The web app's one WebSocket to GET /api/realtime (same origin; the session cookie authenticates it).
 * Streams are followed while some component listens; after a drop it reconnects with backoff and asks each
 * stream for what it missed since its last counter, so no event is lost. A closed session (4401) stops it
 * and lets the session query send the person to sign-in.
 */
class RealtimeClient {
  readonly #streams = new Map<string, FollowedStream>();
  #socket: WebSocket | undefined;
  #attempt = 0;
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  #pingTimer: ReturnType<typeof setInterval> | undefined;
  #opened = false;

  /** Follows `stream` until the returned function is called. */
  follow(stream: string, listener: Listener): () => void {
    let followed = this.#streams.get(stream);
    if (!followed) {
      let confirm!: () => void;
      const subscribed = new Promise<void>((resolve) => (confirm = resolve));
      followed = { listeners: new Set(), lastSeq: undefined, refused: false, subscribed, confirm };
      this.#streams.set(stream, followed);
      this.#send({ type: 'subscribe', stream });
    }
    followed.listeners.add(listener);
    this.#connect();
    return () => {
      const current = this.#streams.get(stream);
      if (!current) return;
      current.listeners.delete(listener);
      if (current.listeners.size > 0) return;
      this.#streams.delete(stream);
      this.#send({ type: 'unsubscribe', stream });
      if (this.#streams.size === 0) this.#disconnect();
    };
  }

  /** Resolves once the server answered the subscription to `stream` (subscribed or refused); never for a stream not followed. */
  subscribed(stream: string): Promise<void> {
    return this.#streams.get(stream)?.subscribed ?? new Promise(() => undefined);
  }

  #connect(): void {
    if (this.#socket || this.#reconnectTimer || this.#streams.size === 0) return;
    const url = new URL('/api/realtime', window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url);
    this.#socket = socket;
    this.#opened = false;
    socket.addEventListener('open', () => {
      this.#opened = true;
      this.#attempt = 0;
      for (const [stream, followed] of this.#streams) {
        if (!followed.refused) this.#send(followed.lastSeq === undefined ? { type: 'subscribe', stream } : { type: 'subscribe', stream, after: followed.lastSeq });
      }
      this.#pingTimer = setInterval(() => this.#send({ type: 'ping' }), PING_EVERY_MS);
    });
    socket.addEventListener('message', (message) => this.#receive(message.data));
    socket.addEventListener('close', (event) => this.#closed(socket, event.code));
  }

  #receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: ServerMessage;
    try {
      message = JSON.parse(data) as ServerMessage;
    } catch {
      return;
    }
    switch (message.type) {
      case 'subscribed': {
        const followed = this.#streams.get(message.stream);
        if (followed && followed.lastSeq === undefined) followed.lastSeq = message.head;
        followed?.confirm();
        return;
      }
      case 'event': {
        const followed = this.#streams.get(message.stream);
        if (!followed || (followed.lastSeq !== undefined && message.seq <= followed.lastSeq)) return;
        followed.lastSeq = message.seq;
        for (const listener of followed.listeners) listener(message);
        return;
      }
      case 'refused': {
        const followed = this.#streams.get(message.stream);
        if (followed) followed.refused = true;
        followed?.confirm(); // nothing will come; whoever waited learns why from the API
        return;
      }
      case 'pong':
      case 'error':
        return;
    }
  }

  #closed(socket: WebSocket, code: number): void {
    if (this.#socket !== socket) return;
    this.#socket = undefined;
    clearInterval(this.#pingTimer);
    if (code === CLOSE.sessionEnded || !this.#opened) {
      // Signed out or expired (or the upgrade was refused): the session query decides where the person goes.
      void queryClient.invalidateQueries({ queryKey: sessionQuery.queryKey });
      if (code === CLOSE.sessionEnded) return; // a later follow reconnects
    }
    if (this.#streams.size === 0) return;
    const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** this.#attempt) * (0.5 + Math.random() / 2);
    this.#attempt += 1;
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = undefined;
      this.#connect();
    }, delay);
  }

  #disconnect(): void {
    clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = undefined;
    const socket = this.#socket;
    this.#socket = undefined;
    clearInterval(this.#pingTimer);
    socket?.close(1000);
  }

  #send(message: ClientMessage): void {
    if (this.#socket?.readyState === WebSocket.OPEN) this.#socket.send(JSON.stringify(message));
  }
}

export const realtime = new RealtimeClient();

/** Calls `onEvent` for every event on `stream` while the component is mounted (nothing when `stream` is undefined). */
export function useStream(stream: string | undefined, onEvent: (event: RealtimeEvent) => void): void {
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  });
  useEffect(() => {
    if (stream === undefined) return;
    return realtime.follow(stream, (event) => handler.current(event));
  }, [stream]);
}

/** Refetches the given queries whenever something happens on `stream` (events carry ids, not content). */
export function useStreamInvalidation(stream: string | undefined, queryKeys: readonly QueryKey[]): void {
  const client = useQueryClient();
  const keys = useRef(queryKeys);
  useEffect(() => {
    keys.current = queryKeys;
  });
  useStream(stream, () => {
    for (const queryKey of keys.current) void client.invalidateQueries({ queryKey });
  });
}
