import { z } from 'zod';

/** How people can sign in here; the sign-in page asks before showing its buttons. */
export const AuthOptionsResponse = z.object({
  /** The identity provider's button label, or null when none is configured. */
  oidc: z.object({ displayName: z.string() }).nullable(),
  localAccounts: z.boolean(),
});
export type AuthOptionsResponse = z.infer<typeof AuthOptionsResponse>;

export const OidcStartQuery = z.object({
  /** Where to land after signing in: a path of this site; anything else lands on "/". */
  returnTo: z.string().optional(),
});

/** What the provider sends back (RFC 6749 4.1.2, RFC 9207); the exchange reads the full URL. */
export const OidcCallbackQuery = z.object({
  code: z.string().optional(),
  state: z.string().optional(),
  iss: z.string().optional(),
  error: z.string().optional(),
});

/**
 * Why an OIDC sign-in failed, as `/sign-in?error=<code>`: the page explains each in its own words; the
 * provider's own text never reaches the URL or the logs.
 */
export const oidcSignInErrors = [
  'oidcUnavailable', // the provider could not be reached (discovery failed)
  'oidcCancelled', // the person cancelled or the provider refused (access_denied)
  'oidcExpired', // the login took longer than 10 minutes, was already used, or began in another browser
  'oidcFailed', // the provider's answer did not check out (code, token, nonce, issuer)
  'oidcNoEmail', // the provider released no e-mail address, which a new account needs
  'oidcEmailInUse', // an account has this e-mail but the provider did not say it is verified
  'accountDeactivated',
] as const;
export const OidcSignInError = z.enum(oidcSignInErrors);
export type OidcSignInError = z.infer<typeof OidcSignInError>;
