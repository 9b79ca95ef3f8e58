import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../config/config.ts';
import { actorOf, sessionAccess } from '../http/access.ts';
import { AppError } from '../http/errors.ts';
import type { RealtimeHub } from './hub.ts';
import { REALTIME_LIMITS } from './realtime.contract.ts';

/**
 * The upgrade must come from this installation's own pages: the Origin is the public URL's, or names the
 * host the request was sent to. Cookies ride along on cross-site WebSocket handshakes and CSRF tokens do not
 * apply, so this check is what stops another site from opening a socket in a signed-in person's name.
 */
export function isOwnOrigin(request: FastifyRequest, publicUrl: string): boolean {
  const origin = request.headers.origin;
  if (typeof origin !== 'string') return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin === new URL(publicUrl).origin) return true;
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.host === request.headers.host?.toLowerCase();
}

const description = [
  'Open as a WebSocket from the web app\'s origin. Client frames (JSON, at most',
  `${REALTIME_LIMITS.maxClientMessageBytes} bytes): {type:"subscribe", stream, after?}, {type:"unsubscribe", stream}, {type:"ping"}.`,
  'Server frames: {type:"subscribed", stream, head}, {type:"event", stream, seq, eventType, data},',
  '{type:"refused", stream, reason}, {type:"pong"}, {type:"error", reason}. Subscribing with `after` replays every',
  'stored event after that counter, each authorized again, before the live ones. At most',
  `${REALTIME_LIMITS.subscriptionsPerSocket} subscriptions per socket. A plain request without the upgrade is answered 400.`,
].join(' ');

/**
 * GET /api/realtime, the WebSocket endpoint: a signed-in person with their second factor (401 otherwise,
 * before any upgrade), from this installation's origin (403); a plain request without the upgrade gets 400.
 */
export const realtimeRoutes =
  (deps: { config: Pick<Config, 'publicUrl'> }, hub: RealtimeHub): FastifyPluginAsyncZod =>
  async (app) => {
    app.route({
      method: 'GET',
      url: '/api/realtime',
      config: {
        access: sessionAccess('any signed-in person, from this installation\'s origin; each stream is authorized on subscribe and again on every event', {
          authorize: async (request) => {
            if (request.ws && !isOwnOrigin(request, deps.config.publicUrl)) {
              throw new AppError('forbidden', 'Real-time connections are accepted only from this installation\'s own pages.');
            }
          },
        }),
      },
      schema: { summary: 'Real-time events (WebSocket)', description, tags: ['realtime'] },
      handler: async () => {
        throw new AppError('badRequest', 'Open this address as a WebSocket (Upgrade: websocket).');
      },
      wsHandler: (socket, request) => {
        hub.attach(socket, request, actorOf(request));
      },
    });
  };
