import { validateReturnTo } from './return-to.ts';

/** The search of the sign-in page. */
export interface SignInSearch {
  returnTo?: string;
  /** A code from the identity provider's callback, e.g. /sign-in?error=oidcFailed. */
  error?: string;
  signedOut?: boolean;
}

export const validateSignInSearch = (search: Record<string, unknown>): SignInSearch => ({
  ...validateReturnTo(search),
  ...(typeof search.error === 'string' && search.error ? { error: search.error.slice(0, 64) } : {}),
  ...(search.signedOut === true || search.signedOut === 'true' ? { signedOut: true } : {}),
});
