import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { WebSocket } from 'ws';
import type { ServerMessage } from './realtime.contract.ts';

/** Starts the test app on a loopback port (once) and returns its ws:// address of /api/realtime. */
export async function realtimeUrl(t: { app: FastifyInstance }): Promise<string> {
  if (!t.app.server.listening) await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  return `ws://127.0.0.1:${port}/api/realtime`;
}

export interface TestSocketOptions {
  cookie?: string;
  /** Defaults to the origin of the address connected to (what a browser on the app's page sends). */
  origin?: string | null;
}

/** A real `ws` client that queues what the server sends, for tests to take one message at a time. */
export class TestSocket {
  readonly socket: WebSocket;
  readonly received: ServerMessage[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  #waiting: ((message: ServerMessage) => void) | undefined;

  constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as ServerMessage;
      this.received.push(message);
      const waiting = this.#waiting;
      this.#waiting = undefined;
      waiting?.(message);
    });
    this.closed = new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  #cursor = 0;

  /** The next message not yet taken (waits for it; the test's own timeout bounds the wait). */
  async next(): Promise<ServerMessage> {
    const ready = this.received[this.#cursor];
    if (ready) {
      this.#cursor += 1;
      return ready;
    }
    await new Promise<ServerMessage>((resolve) => (this.#waiting = resolve));
    return this.next();
  }

  /** The next `count` messages. */
  async take(count: number): Promise<ServerMessage[]> {
    const taken: ServerMessage[] = [];
    while (taken.length < count) taken.push(await this.next());
    return taken;
  }

  async subscribe(stream: string, after?: number): Promise<ServerMessage> {
    this.send(after === undefined ? { type: 'subscribe', stream } : { type: 'subscribe', stream, after });
    return this.next();
  }

  async close(): Promise<void> {
    if (this.socket.readyState !== WebSocket.CLOSED) this.socket.close();
    await this.closed;
  }
}

/** Opens a socket; resolves once open. */
export async function openTestSocket(url: string, options: TestSocketOptions = {}): Promise<TestSocket> {
  const origin = options.origin === undefined ? new URL(url.replace(/^ws/, 'http')).origin : options.origin;
  const socket = new WebSocket(url, { headers: options.cookie ? { cookie: options.cookie } : {}, ...(origin === null ? {} : { origin }) });
  const client = new TestSocket(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return client;
}

/**
 * The HTTP status with which the server refuses the upgrade (101 when it accepts). After a refusal it waits
 * for the server to close the connection: a server that left the socket open would make the test time out.
 */
export async function upgradeStatus(url: string, options: TestSocketOptions = {}): Promise<number> {
  const origin = options.origin === undefined ? new URL(url.replace(/^ws/, 'http')).origin : options.origin;
  const socket = new WebSocket(url, { headers: options.cookie ? { cookie: options.cookie } : {}, ...(origin === null ? {} : { origin }) });
  return new Promise<number>((resolve) => {
    socket.once('unexpected-response', (_request, response) => {
      response.resume();
      response.socket.once('close', () => resolve(response.statusCode ?? 0));
    });
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('error', () => undefined);
  });
}

export const events = (messages: ServerMessage[]) => messages.filter((m): m is Extract<ServerMessage, { type: 'event' }> => m.type === 'event');
