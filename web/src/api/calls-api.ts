import { queryOptions } from '@tanstack/react-query';
import type { CallParticipant, CallView, HeartbeatAnswer, IceServers, JoinedCall, NewSignal, SignalView, TechnicalRequirements } from '../../../src/modules/calls/calls.contract.ts';
import { apiGet, apiSend } from './api-client.ts';
import { csrfToken } from './csrf-token.ts';

export type { CallParticipant, CallView, HeartbeatAnswer, IceServers, JoinedCall, NewSignal, SignalView, TechnicalRequirements };

const call = (panelId: string) => `/api/panels/${encodeURIComponent(panelId)}/call` as const;

/** The call stream's name (the server's callStream, repeated: the contract is imported for types only). */
export const callStreamOf = (panelId: string) => `call:${panelId.toLowerCase()}`;

export const callQuery = (panelId: string) =>
  queryOptions({ queryKey: ['calls', panelId], queryFn: ({ signal }) => apiGet<CallView>(call(panelId), { signal }), staleTime: 0, retry: false });

export const iceServersQuery = () => queryOptions({ queryKey: ['calls', 'ice-servers'], queryFn: ({ signal }) => apiGet<IceServers>('/api/calls/ice-servers', { signal }), staleTime: 0 });

export const joinCall = (panelId: string) => apiSend<JoinedCall>('POST', `${call(panelId)}/join`, {});
export const leaveCall = (panelId: string, peerId: string) => apiSend<undefined>('POST', `${call(panelId)}/leave`, { peerId });
export const sendHeartbeat = (panelId: string, peerId: string) => apiSend<HeartbeatAnswer>('POST', `${call(panelId)}/heartbeat`, { peerId });
export const sendSignal = (panelId: string, signal: NewSignal) => apiSend<{ id: string }>('POST', `${call(panelId)}/signals`, signal);
export const fetchSignal = (panelId: string, signalId: string) => apiGet<SignalView>(`${call(panelId)}/signals/${encodeURIComponent(signalId)}`);

/** Leaves while the page is going away (closing the tab): a keepalive request outlives the page. */
export function leaveOnUnload(panelId: string, peerId: string): void {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const token = csrfToken();
  if (token) headers['x-csrf-token'] = token;
  void fetch(`${call(panelId)}/leave`, { method: 'POST', headers, body: JSON.stringify({ peerId }), keepalive: true, credentials: 'same-origin' }).catch(() => undefined);
}

export const requirementsQuery = () => queryOptions({ queryKey: ['calls', 'requirements'], queryFn: ({ signal }) => apiGet<TechnicalRequirements>('/api/calls/requirements', { signal }) });

/** Downloads the speed-test bytes; the estimate in megabits per second. */
export async function measureDownloadMbps(): Promise<number> {
  const started = performance.now();
  const response = await fetch('/api/calls/speed-test', { credentials: 'same-origin', cache: 'no-store' });
  const bytes = (await response.arrayBuffer()).byteLength;
  const seconds = Math.max(0.001, (performance.now() - started) / 1000);
  return (bytes * 8) / seconds / 1_000_000;
}
