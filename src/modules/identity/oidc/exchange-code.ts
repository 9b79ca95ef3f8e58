import * as client from 'openid-client';
import { errorCodeOf, OidcSignInFailure } from './oidc-sign-in-failure.ts';
import type { Claims } from './provider-identity.ts';

export interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/**
 * Redeems the authorization code (checking state, PKCE, issuer, and the ID token's signature, audience
 * and nonce — openid-client does each) and, when the ID token carries no e-mail, asks UserInfo for the
 * profile, as conforming providers release scope claims only there.
 */
export async function exchangeCode(
  configuration: client.Configuration,
  callbackUrl: URL,
  login: PendingLogin,
): Promise<{ idToken: Claims; userInfo: Claims | undefined }> {
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: login.codeVerifier,
      expectedState: login.state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    const cancelled = error instanceof client.AuthorizationResponseError && error.error === 'access_denied';
    throw new OidcSignInFailure(cancelled ? 'oidcCancelled' : 'oidcFailed', errorCodeOf(error));
  }
  const idToken = tokens.claims();
  if (!idToken) throw new OidcSignInFailure('oidcFailed', 'noIdToken');
  if (typeof idToken.email === 'string' || configuration.serverMetadata().userinfo_endpoint === undefined) return { idToken, userInfo: undefined };
  try {
    return { idToken, userInfo: await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub) };
  } catch (error) {
    throw new OidcSignInFailure('oidcFailed', errorCodeOf(error));
  }
}
