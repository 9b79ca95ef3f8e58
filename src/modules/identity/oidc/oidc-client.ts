import * as client from 'openid-client';
import type { OidcConfig } from '../../../config/config.ts';
import { errorCodeOf, OidcSignInFailure } from './oidc-sign-in-failure.ts';

export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';

/** The relying party of one configured provider: its discovered configuration, fetched once per process. */
export interface OidcClient {
  readonly settings: OidcConfig;
  readonly redirectUri: string;
  /** Throws OidcSignInFailure('oidcUnavailable') while the provider cannot be discovered. */
  configuration(): Promise<client.Configuration>;
}

/**
 * openid-client refuses http issuers and nothing here relaxes that: tests run their provider over https
 * with a certificate the test process trusts. client_secret_basic is OpenID Connect's default method.
 */
export function createOidcClient(settings: OidcConfig, publicUrl: string): OidcClient {
  let discovered: Promise<client.Configuration> | undefined;
  return {
    settings,
    redirectUri: `${publicUrl}${OIDC_CALLBACK_PATH}`,
    configuration() {
      discovered ??= client
        .discovery(new URL(settings.issuer), settings.clientId, undefined, client.ClientSecretBasic(settings.clientSecret))
        .catch((error: unknown) => {
          discovered = undefined; // try again on the next sign-in rather than caching the outage
          throw new OidcSignInFailure('oidcUnavailable', errorCodeOf(error));
        });
      return discovered;
    },
  };
}
