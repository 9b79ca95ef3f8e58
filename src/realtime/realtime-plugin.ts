import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import type { Database, Db } from '../db/database.ts';
import { RealtimeHub, type RealtimeHubOptions } from './hub.ts';
import { inboxStreamKind } from './stream-kinds.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The node's real-time hub: modules register their stream kinds on it. */
    readonly realtime: RealtimeHub;
  }
}

/** Above this a client frame closes the socket (1009); above REALTIME_LIMITS.maxClientMessageBytes it gets an error frame. */
const MAX_FRAME_BYTES = 16 * 1024;

/**
 * Registers @fastify/websocket and the node's hub (as `app.realtime`, with the `inbox` stream kind); the hub
 * starts listening when the app is ready and closes every socket when it closes. Call it before the session
 * hook and every route: the plugin must see each upgrade first, so a refused one (401 from the session hook)
 * has its socket destroyed after the answer and an upgrade to any other route is closed, never left open.
 */
export async function registerRealtime(
  app: FastifyInstance,
  deps: { database: Database; db: Db },
  options: Pick<RealtimeHubOptions, 'resolveSession' | 'tickMs' | 'backoffMs'>,
): Promise<RealtimeHub> {
  const hub = new RealtimeHub({ database: deps.database, db: deps.db, log: app.log, ...options });
  hub.registerStreamKind('inbox', inboxStreamKind);
  app.decorate('realtime', hub);
  await app.register(websocket, {
    options: { maxPayload: MAX_FRAME_BYTES },
    preClose: async () => {
      await hub.close();
      app.websocketServer.close();
    },
  });
  app.addHook('onReady', async () => {
    await hub.start();
  });
  return hub;
}
