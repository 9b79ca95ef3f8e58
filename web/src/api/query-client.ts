import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-client.ts';

declare module '@tanstack/react-query' {
  interface Register {
    /** A mutation that shows its own 401 (a wrong password) opts out of the redirect to sign-in. */
    mutationMeta: { handlesUnauthenticated?: boolean };
  }
}

type AuthErrorHandler = (error: ApiError) => void;
let onAuthError: AuthErrorHandler = () => undefined;

/** The router registers what a 401 leads to (sign-in, or the second-factor step). */
export function handleAuthErrorsWith(handler: AuthErrorHandler): void {
  onAuthError = handler;
}

const isAuthError = (error: unknown): error is ApiError => error instanceof ApiError && error.status === 401;

export const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error) => {
      if (isAuthError(error)) onAuthError(error);
    },
  }),
  mutationCache: new MutationCache({
    onError: (error, _variables, _context, mutation) => {
      if (isAuthError(error) && !mutation.meta?.handlesUnauthenticated) onAuthError(error);
    },
  }),
  defaultOptions: {
    queries: {
      // A 4xx will not change by asking again; a network failure or 5xx might.
      retry: (failures, error) => failures < 1 && !(error instanceof ApiError && error.status < 500),
      refetchOnWindowFocus: true,
    },
  },
});
