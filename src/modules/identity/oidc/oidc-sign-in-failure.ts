import type { OidcSignInError } from './oidc.contract.ts';

/**
 * A refused OIDC sign-in. The callback answers a browser navigation, so it becomes a redirect to
 * `/sign-in?error=<code>` rather than a problem document; `reason` (a library or protocol error code,
 * never the provider's text) goes to the log and the audit trail.
 */
export class OidcSignInFailure extends Error {
  readonly code: OidcSignInError;
  readonly reason: string;
  readonly personId: string | null;
  /** Set when a step-up failed: the person is still signed in and goes back where they were, told why. */
  stepUpReturnTo: string | undefined;
  constructor(code: OidcSignInError, reason: string, personId: string | null = null) {
    super(`OIDC sign-in refused: ${code} (${reason})`);
    this.name = 'OidcSignInFailure';
    this.code = code;
    this.reason = reason;
    this.personId = personId;
  }
}

/** The error code of a library or protocol error, for logs: never its message, which may quote the provider. */
export function errorCodeOf(error: unknown): string {
  if (typeof error !== 'object' || error === null) return 'unknown';
  const { code, error: protocolError, name } = error as { code?: unknown; error?: unknown; name?: unknown };
  const parts = [name, code, protocolError].filter((part): part is string => typeof part === 'string' && /^[\w.:-]{1,80}$/.test(part));
  return parts.length > 0 ? parts.join(':') : 'unknown';
}
