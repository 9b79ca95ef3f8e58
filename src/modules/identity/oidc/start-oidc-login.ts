import { lt } from 'drizzle-orm';
import * as client from 'openid-client';
import type { AppDeps } from '../../../app-deps.ts';
import { oidcLogins } from '../../../db/schema/index.ts';
import type { OidcClient } from './oidc-client.ts';
import { safeReturnTo } from './return-to.ts';

/** How long a person may take at the provider before the pending login is forgotten. */
export const OIDC_LOGIN_TTL_MS = 10 * 60_000;

/**
 * Begins a sign-in (or a step-up: a signed-in person re-authenticating before an act with legal weight) at the provider: authorization code with PKCE (S256), a fresh state and nonce. The
 * pending login is kept in the database, so whichever node receives the callback can finish it.
 */
export async function startOidcLogin(
  deps: AppDeps,
  oidc: OidcClient,
  input: { returnTo: string | undefined; purpose?: 'signIn' | 'stepUp' },
): Promise<{ authorizationUrl: URL; state: string }> {
  const purpose = input.purpose ?? 'signIn';
  const configuration = await oidc.configuration();
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const now = deps.clock.now();
  await deps.db.delete(oidcLogins).where(lt(oidcLogins.createdAt, new Date(now.getTime() - OIDC_LOGIN_TTL_MS).toISOString()));
  await deps.db.insert(oidcLogins).values({ state, nonce, codeVerifier, returnTo: safeReturnTo(input.returnTo), purpose, createdAt: now.toISOString() });
  const authorizationUrl = client.buildAuthorizationUrl(configuration, {
    redirect_uri: oidc.redirectUri,
    scope: 'openid email profile',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    // A step-up must be a fresh authentication at the provider, not its remembered session (OIDC Core 3.1.2.1).
    ...(purpose === 'stepUp' ? { prompt: 'login', max_age: '0' } : {}),
  });
  return { authorizationUrl, state };
}
