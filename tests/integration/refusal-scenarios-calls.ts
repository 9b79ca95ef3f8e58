import type { JoinedCall } from '../../src/modules/calls/calls.contract.ts';
import type { TestApp } from '../../src/testing/test-app.ts';
import type { Cast } from './refusal-cast.ts';
import type { Scenario } from './refusal-fixtures.ts';
import { invisibleToOutsiders, openPanelOfCast, selfService } from './refusal-fixtures.ts';

/** A fresh open panel of the cast's health professional, who has joined its call. */
async function inCall(t: TestApp, cast: Cast): Promise<{ panelId: string; peerId: string }> {
  const panelId = await openPanelOfCast(t, cast);
  const joined = await t.app.inject({ method: 'POST', url: `/api/panels/${panelId}/call/join`, headers: cast.hp.session!.headers, payload: {} });
  return { panelId, peerId: joined.json<JoinedCall>().peerId };
}

/** A signal from the health professional's peer to itself (the only member of the panel). */
async function sentSignal(t: TestApp, cast: Cast): Promise<{ panelId: string; signalId: string }> {
  const { panelId, peerId } = await inCall(t, cast);
  const sent = await t.app.inject({ method: 'POST', url: `/api/panels/${panelId}/call/signals`, headers: cast.hp.session!.headers, payload: { from: peerId, to: peerId, kind: 'offer', payload: 'v=0' } });
  return { panelId, signalId: sent.json<{ id: string }>().id };
}

/** Video calls: the panel's accepted members only; to everyone else the panel does not exist (404) — before any body is read. */
export const callScenarios: Record<string, Scenario> = {
  'GET /api/panels/:id/call': { allowed: 'hp', refusals: invisibleToOutsiders, request: async (t, cast) => ({ method: 'GET', url: `/api/panels/${await openPanelOfCast(t, cast)}/call` }) },
  'POST /api/panels/:id/call/join': { allowed: 'hp', refusals: invisibleToOutsiders, request: async (t, cast) => ({ method: 'POST', url: `/api/panels/${await openPanelOfCast(t, cast)}/call/join`, payload: {} }) },
  'POST /api/panels/:id/call/leave': {
    allowed: 'hp',
    refusals: invisibleToOutsiders,
    request: async (t, cast) => {
      const { panelId, peerId } = await inCall(t, cast);
      return { method: 'POST', url: `/api/panels/${panelId}/call/leave`, payload: { peerId } };
    },
  },
  'POST /api/panels/:id/call/heartbeat': {
    allowed: 'hp',
    refusals: invisibleToOutsiders,
    request: async (t, cast) => {
      const { panelId, peerId } = await inCall(t, cast);
      return { method: 'POST', url: `/api/panels/${panelId}/call/heartbeat`, payload: { peerId } };
    },
  },
  'POST /api/panels/:id/call/signals': {
    allowed: 'hp',
    refusals: invisibleToOutsiders,
    request: async (t, cast) => {
      const { panelId, peerId } = await inCall(t, cast);
      return { method: 'POST', url: `/api/panels/${panelId}/call/signals`, payload: { from: peerId, to: peerId, kind: 'candidate', payload: '{"candidate":""}' } };
    },
  },
  'GET /api/panels/:id/call/signals/:signalId': {
    allowed: 'hp',
    refusals: invisibleToOutsiders,
    request: async (t, cast) => {
      const { panelId, signalId } = await sentSignal(t, cast);
      return { method: 'GET', url: `/api/panels/${panelId}/call/signals/${signalId}` };
    },
  },
  'GET /api/calls/speed-test': { allowed: 'hp', refusals: selfService(200), request: async () => ({ method: 'GET', url: '/api/calls/speed-test' }) },
  'GET /api/calls/requirements': { allowed: 'anonymous', refusals: 'public', request: async () => ({ method: 'GET', url: '/api/calls/requirements' }) },
  'GET /api/calls/ice-servers': { allowed: 'hp', refusals: selfService(200), request: async () => ({ method: 'GET', url: '/api/calls/ice-servers' }) },
};
