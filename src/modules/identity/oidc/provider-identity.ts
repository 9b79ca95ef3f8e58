import type { OidcConfig } from '../../../config/config.ts';

/** Claims as openid-client hands them over: the ID token's, and the UserInfo response's when fetched. */
export type Claims = Record<string, unknown> & { sub: string };

/** Who the provider says signed in, reduced to what the platform uses. */
export interface ProviderIdentity {
  subject: string;
  email: string | undefined;
  emailVerified: boolean;
  displayName: string | undefined;
  /** The provider claims multi-factor authentication in a way this platform is configured to trust. */
  providerMfa: boolean;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

function plausibleEmail(value: unknown): string | undefined {
  const email = text(value);
  return email !== undefined && email.length <= 320 && /^[^\s@]+@[^\s@]+$/.test(email) ? email : undefined;
}

/**
 * acr and amr are read from the ID token only — the signed statement about this authentication — and
 * trusted only when configured: an empty list trusts nothing, so the local TOTP stays owed.
 */
export function claimsProviderMfa(idToken: Claims, settings: Pick<OidcConfig, 'mfaAcrValues' | 'mfaAmrValues'>): boolean {
  const acr = text(idToken.acr);
  if (acr !== undefined && settings.mfaAcrValues.includes(acr)) return true;
  const amr = Array.isArray(idToken.amr) ? idToken.amr.filter((m): m is string => typeof m === 'string') : [];
  return amr.some((method) => settings.mfaAmrValues.includes(method));
}

/** Profile claims may come in the ID token or only from UserInfo (as with conforming providers); UserInfo wins. */
export function readProviderIdentity(idToken: Claims, userInfo: Claims | undefined, settings: Pick<OidcConfig, 'mfaAcrValues' | 'mfaAmrValues'>): ProviderIdentity {
  const profile: Record<string, unknown> = { ...idToken, ...userInfo };
  const fullName = [text(profile.given_name), text(profile.family_name)].filter(Boolean).join(' ');
  return {
    subject: idToken.sub,
    email: plausibleEmail(profile.email),
    // some providers send the string "true"; anything else is not a verification
    emailVerified: profile.email_verified === true || profile.email_verified === 'true',
    displayName: (text(profile.name) ?? (fullName || undefined))?.slice(0, 200),
    providerMfa: claimsProviderMfa(idToken, settings),
  };
}
