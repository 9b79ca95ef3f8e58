import type { Socket } from 'node:net';
import type { TestApp } from '../../src/testing/test-app.ts';
import type { Request, Scenario } from './refusal-fixtures.ts';
import { selfService } from './refusal-fixtures.ts';

/**
 * GET /api/realtime is a WebSocket: `app.inject` cannot upgrade, so the matrix sends these requests through
 * `app.injectWS` (answerUpgrade) and the positive control is the upgrade itself, 101 Switching Protocols.
 * Every signed-in person with their second factor may open a socket (streams are authorized one by one
 * inside it, see src/realtime); anonymous and deactivated callers get 401 before any upgrade.
 */
export const realtimeScenarios: Record<string, Scenario> = {
  'GET /api/realtime': {
    allowed: 'hp',
    refusals: selfService(101),
    request: async (t) => ({ method: 'GET', url: '/api/realtime', headers: { upgrade: 'websocket', origin: t.config.publicUrl } }),
  },
};

export const isUpgrade = (request: Pick<Request, 'headers'>): boolean => request.headers?.upgrade === 'websocket';

/** Sends an upgrade through injectWS: 101 when the socket opens (then closed at once), else the refusal's status. */
export async function answerUpgrade(t: TestApp, request: Pick<Request, 'url' | 'headers'>): Promise<{ status: number; body: string }> {
  const { upgrade: _upgrade, ...headers } = request.headers ?? {};
  try {
    // injectWS's request has no socket; the rate limiter reads the client address from one.
    const socket = await t.app.injectWS(request.url, { headers, socket: { remoteAddress: '127.0.0.1' } as Socket });
    socket.terminate();
    return { status: 101, body: '' };
  } catch (error) {
    const status = /Unexpected server response: (\d+)/.exec((error as Error).message)?.[1];
    if (!status) throw error;
    return { status: Number(status), body: '' };
  }
}
