import type { IceServers } from '../../api/calls-api.ts';

export type TurnPath = 'udp' | 'tcp' | 'tls';
export type PathResult = 'reachable' | 'unreachable' | 'notConfigured';

const PROBE_MS = 8000;

/** Which path a TURN URI offers: turns: is TLS; turn: is UDP unless ?transport=tcp. */
export function pathOf(uri: string): TurnPath {
  if (uri.startsWith('turns:')) return 'tls';
  return /transport=tcp/i.test(uri) ? 'tcp' : 'udp';
}

/** Whether the TURN server answers on this URI with these credentials: a relay candidate proves an allocation. */
export async function probeTurn(uri: string, server: { username?: string; credential?: string }): Promise<boolean> {
  const pc = new RTCPeerConnection({ iceServers: [{ urls: uri, username: server.username, credential: server.credential }], iceTransportPolicy: 'relay' });
  try {
    const found = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), PROBE_MS);
      pc.addEventListener('icecandidate', (event) => {
        if (event.candidate?.type === 'relay' || /typ relay/.test(event.candidate?.candidate ?? '')) {
          clearTimeout(timer);
          resolve(true);
        }
      });
      pc.addEventListener('icegatheringstatechange', () => {
        if (pc.iceGatheringState === 'complete') setTimeout(() => resolve(false), 0);
      });
    });
    pc.createDataChannel('probe');
    await pc.setLocalDescription();
    return await found;
  } finally {
    pc.close();
  }
}

/** Each path (UDP, TCP, TLS) of the configured TURN server: reachable, unreachable, or not offered. */
export async function probeTurnPaths(ice: IceServers): Promise<Record<TurnPath, PathResult>> {
  const results: Record<TurnPath, PathResult> = { udp: 'notConfigured', tcp: 'notConfigured', tls: 'notConfigured' };
  const probes: Promise<void>[] = [];
  for (const server of ice.iceServers) {
    if (!server.username) continue;
    for (const uri of server.urls) {
      const path = pathOf(uri);
      probes.push(
        probeTurn(uri, server).then((ok) => {
          if (ok) results[path] = 'reachable';
          else if (results[path] !== 'reachable') results[path] = 'unreachable';
        }),
      );
    }
  }
  await Promise.all(probes);
  return results;
}
