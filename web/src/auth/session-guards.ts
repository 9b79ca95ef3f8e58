import type { QueryClient } from '@tanstack/react-query';
import { redirect, type ParsedLocation } from '@tanstack/react-router';
import { sessionQuery, type SessionInfo } from '../api/auth-api.ts';
import { safeReturnTo } from './return-to.ts';

export interface RouterContext {
  queryClient: QueryClient;
}

interface GuardArgs {
  context: RouterContext;
  location: ParsedLocation;
}

type SignInStep = '/sign-in' | '/sign-in/second-factor' | '/sign-in/authenticator';

/** TanStack Router stops a navigation by throwing its redirect (a Response-like object, not an Error). */
function redirectTo(step: SignInStep, returnTo: string | undefined): never {
  // eslint-disable-next-line @typescript-eslint/only-throw-error
  throw redirect({ to: step, search: returnTo ? { returnTo } : {} });
}

function redirectToHref(href: string): never {
  // eslint-disable-next-line @typescript-eslint/only-throw-error
  throw redirect({ href });
}

/** The session, refreshed; a fresh fetch after sign-in, sign-out or a 401. */
export const refreshSession = (queryClient: QueryClient) => queryClient.fetchQuery({ ...sessionQuery, staleTime: 0 });

/** Signed in at all (the second factor may still be owed): else to sign-in, coming back here afterwards. */
export async function requireSession({ context, location }: GuardArgs): Promise<SessionInfo> {
  const session = await context.queryClient.ensureQueryData(sessionQuery);
  if (!session) redirectTo('/sign-in', safeReturnTo(location.href));
  return session;
}

/** Signed in with nothing owed: a person who still owes the second factor goes to that step first. */
export async function requireFullSession(args: GuardArgs): Promise<SessionInfo> {
  const session = await requireSession(args);
  if (session.secondFactor.owed) {
    redirectTo(session.secondFactor.enrolled ? '/sign-in/second-factor' : '/sign-in/authenticator', safeReturnTo(args.location.href));
  }
  return session;
}

/**
 * For the code step: a person with an authenticator who has not confirmed it in this session. One
 * without an authenticator sets one up if they owe a second factor; anyone else goes on.
 */
export async function requireSecondFactorPending(args: GuardArgs & { search: { returnTo?: string } }): Promise<void> {
  const session = await requireSession(args);
  const returnTo = safeReturnTo(args.search.returnTo);
  const { confirmed, enrolled, owed } = session.secondFactor;
  if (!confirmed && !enrolled && owed) redirectTo('/sign-in/authenticator', returnTo);
  if (confirmed || !enrolled) redirectToHref(returnTo ?? '/');
}

/** Setting up an authenticator: one who has one must confirm it in this session before replacing it. */
export async function requireAuthenticatorChangeable(args: GuardArgs & { search: { returnTo?: string } }): Promise<void> {
  const session = await requireSession(args);
  const { confirmed, enrolled } = session.secondFactor;
  if (enrolled && !confirmed) redirectTo('/sign-in/second-factor', safeReturnTo(args.search.returnTo));
}
