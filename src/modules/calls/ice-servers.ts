import { createHmac, randomUUID } from 'node:crypto';
import type { IceConfig } from '../../config/config.ts';
import type { IceServers } from './calls.contract.ts';

/**
 * The ICE servers a browser gets, with TURN credentials in the TURN REST scheme (coturn's `use-auth-secret`):
 * username `<expiry unix seconds>:<opaque id>`, credential base64(HMAC-SHA1(secret, username)). The TURN server
 * recomputes the HMAC and refuses an expired username, so the credentials need no storage and die on their own.
 * The opaque id is the peer id (or a random one): no name or e-mail reaches the TURN server's logs.
 */
export function iceServersFor(ice: IceConfig, now: Date, opaqueId: string = randomUUID()): IceServers {
  const iceServers: IceServers['iceServers'] = [];
  if (ice.stunUrls.length > 0) iceServers.push({ urls: ice.stunUrls });
  let expiresAt: string | null = null;
  if (ice.turnUrls.length > 0 && ice.turnSecret !== undefined) {
    const expiry = Math.floor(now.getTime() / 1000) + ice.turnTtlSeconds;
    const username = `${expiry}:${opaqueId}`;
    const credential = createHmac('sha1', ice.turnSecret).update(username).digest('base64');
    iceServers.push({ urls: ice.turnUrls, username, credential });
    expiresAt = new Date(expiry * 1000).toISOString();
  }
  return { iceServers, expiresAt };
}
