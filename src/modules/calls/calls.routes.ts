import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isUuid } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import { randomBytes } from 'node:crypto';
import { actorOf, publicAccess, scopedOf, sessionAccess } from '../../http/access.ts';
import { AppError } from '../../http/errors.ts';
import { onPanel } from '../panels/panel-access.ts';
import type { ScopedPanel } from '../panels/panel-scope.ts';
import { callStreamKind } from './call-stream.ts';
import { CallView, HeartbeatAnswer, IceServers, JoinedCall, NewSignal, PeerBody, SignalView, SPEED_TEST_BYTES, TechnicalRequirements } from './calls.contract.ts';
import { heartbeat, joinCall, leaveCall, readSignal, sendSignal, takesPart, viewCall } from './calls.ts';
import { iceServersFor } from './ice-servers.ts';
import { technicalRequirements } from './technical-requirements.ts';

const IdParams = z.object({ id: z.string() });
const SignalParams = z.object({ id: z.string(), signalId: z.string() });
const NoFields = z.object({}).strict();
const tags = ['calls'];

/**
 * A panel's video call: the membership decides (panel scope 404, accepted member 403) before anything is read;
 * media never passes through the server — only the signalling, on the `call:<panelId>` stream.
 */
export const callsRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  app.realtime.registerStreamKind('call', callStreamKind);
  const members = onPanel(deps, 'the panel\'s lead, members and guests who accepted', takesPart, 'Only the panel\'s members who accepted take part in its call.');
  const scoped = (request: Parameters<typeof scopedOf>[0]) => scopedOf<ScopedPanel>(request);

  app.get(
    '/api/panels/:id/call',
    { config: { access: members }, schema: { summary: 'The panel\'s call: who is in it now', tags, params: IdParams, response: { 200: CallView } } },
    async (request) => viewCall(deps, scoped(request)),
  );

  app.post(
    '/api/panels/:id/call/join',
    { config: { access: members }, schema: { summary: 'Join the panel\'s call (starting it); ends this person\'s previous window in it. Audited.', tags, params: IdParams, body: NoFields, response: { 200: JoinedCall } } },
    async (request) => joinCall(deps, actorOf(request), scoped(request), request.ip),
  );

  app.post(
    '/api/panels/:id/call/leave',
    { config: { access: members }, schema: { summary: 'Leave the call (idempotent). Audited.', tags, params: IdParams, body: PeerBody } },
    async (request, reply) => {
      await leaveCall(deps, actorOf(request), scoped(request), request.body.peerId, request.ip);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/panels/:id/call/heartbeat',
    { config: { access: members }, schema: { summary: 'This window is still in the call: who is in it, and fresh ICE credentials (409 once it is out: join again)', tags, params: IdParams, body: PeerBody, response: { 200: HeartbeatAnswer } } },
    async (request) => heartbeat(deps, actorOf(request), scoped(request), request.body.peerId),
  );

  app.post(
    '/api/panels/:id/call/signals',
    { config: { access: members }, schema: { summary: 'Send an offer, answer or ICE candidate from my peer to another peer of the call', tags, params: IdParams, body: NewSignal, response: { 202: z.object({ id: z.uuid() }) } } },
    async (request, reply) => reply.status(202).send(await sendSignal(deps, actorOf(request), scoped(request), request.body)),
  );

  app.get(
    '/api/panels/:id/call/signals/:signalId',
    { config: { access: members }, schema: { summary: 'A signalling message addressed to one of my peers', tags, params: SignalParams, response: { 200: SignalView } } },
    async (request) => {
      if (!isUuid(request.params.signalId)) throw new AppError('notFound', 'No such signalling message.');
      return readSignal(deps, actorOf(request), scoped(request), request.params.signalId);
    },
  );

  app.get(
    '/api/calls/ice-servers',
    { config: { access: sessionAccess('any signed-in person (the setup check tries the TURN server before a meeting)') }, schema: { summary: 'ICE servers with short-lived TURN credentials', tags, response: { 200: IceServers } } },
    async () => iceServersFor(deps.config.ice, deps.clock.now()),
  );

  app.get(
    '/api/calls/speed-test',
    { config: { access: sessionAccess('any signed-in person (the setup check estimates the bandwidth)') }, schema: { summary: `${SPEED_TEST_BYTES} random bytes, never cached, to estimate the bandwidth`, tags } },
    async (_request, reply) => reply.header('content-type', 'application/octet-stream').header('cache-control', 'no-store').send(randomBytes(SPEED_TEST_BYTES)),
  );

  app.get(
    '/api/calls/requirements',
    { config: { access: publicAccess('what hospital IT departments must allow: host names, ports, protocols, browsers, bandwidth (from the configuration)') }, schema: { summary: 'Technical requirements for video calls', tags, response: { 200: TechnicalRequirements } } },
    async () => technicalRequirements(deps.config),
  );
};
