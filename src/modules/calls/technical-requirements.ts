import type { Config } from '../../config/config.ts';
import { MAX_CALL_PARTICIPANTS, STREAM_BUDGET, type TechnicalRequirements } from './calls.contract.ts';

const AUDIO_KBPS = 50;

/** A stun:/turn:/turns: URI's host, port and transport (RFC 7064/7065), with the standard default ports. */
export function parseIceUri(uri: string): { scheme: string; host: string; port: number; transport: 'udp' | 'tcp' } | undefined {
  const match = /^(stuns?|turns?):(\[[^\]]+\]|[^:?]+)(?::(\d+))?(?:\?transport=(udp|tcp))?$/i.exec(uri);
  if (!match) return undefined;
  const scheme = match[1]!.toLowerCase();
  const secure = scheme.endsWith('s');
  const transport = (match[4]?.toLowerCase() as 'udp' | 'tcp' | undefined) ?? (secure ? 'tcp' : 'udp');
  return { scheme, host: match[2]!, port: match[3] ? Number(match[3]) : secure ? 5349 : 3478, transport };
}

/** The streams one participant sends and receives: one per other participant, audio and video. */
export function bandwidthFor(participants: number): { uploadKbps: number; downloadKbps: number } {
  const kbps = STREAM_BUDGET.find((b) => participants <= b.upTo)!.kbps;
  const perStream = kbps + AUDIO_KBPS;
  return { uploadKbps: (participants - 1) * perStream, downloadKbps: (participants - 1) * perStream };
}

/** The technical requirements page's content, from the running configuration. */
export function technicalRequirements(config: Pick<Config, 'publicUrl' | 'ice'>): TechnicalRequirements {
  const web = new URL(config.publicUrl);
  const webPort = web.port ? Number(web.port) : web.protocol === 'https:' ? 443 : 80;
  const rules: TechnicalRequirements['rules'] = [
    { purpose: 'web', host: web.hostname, port: webPort, protocol: 'TCP', note: `${web.protocol === 'https:' ? 'HTTPS' : 'HTTP'}: the application` },
    { purpose: 'websocket', host: web.hostname, port: webPort, protocol: 'TCP', note: `WebSocket (${web.protocol === 'https:' ? 'wss' : 'ws'}://${web.host}/api/realtime): notifications and call signalling; proxies must allow the Upgrade` },
  ];
  for (const uri of [...config.ice.stunUrls, ...config.ice.turnUrls]) {
    const parsed = parseIceUri(uri);
    if (!parsed) continue;
    const tls = parsed.scheme === 'turns' || parsed.scheme === 'stuns';
    rules.push({
      purpose: parsed.scheme.startsWith('turn') ? 'turn' : 'stun',
      host: parsed.host,
      port: parsed.port,
      protocol: parsed.transport === 'udp' ? 'UDP' : 'TCP',
      note: parsed.scheme.startsWith('turn') ? (tls ? 'TURN over TLS: the path through strict firewalls (looks like HTTPS)' : `TURN over ${parsed.transport.toUpperCase()}: media relay`) : 'STUN: address discovery',
    });
  }
  if (config.ice.turnUrls.length > 0) {
    rules.push({ purpose: 'media', host: 'the TURN server\'s address', port: 49152, protocol: 'UDP', note: 'TURN relay ports 49152–65535 (UDP) on the TURN server, if the firewall filters by destination port' });
  }
  return {
    rules,
    turnConfigured: config.ice.turnUrls.length > 0,
    browsers: ['Google Chrome 110 or later', 'Microsoft Edge 110 or later', 'Mozilla Firefox 115 or later', 'Apple Safari 16.4 or later'],
    bandwidth: [2, 4, MAX_CALL_PARTICIPANTS].map((participants) => ({ participants, ...bandwidthFor(participants) })),
    maxParticipants: MAX_CALL_PARTICIPANTS,
  };
}
