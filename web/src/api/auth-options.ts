import { queryOptions } from '@tanstack/react-query';
import type { AuthOptionsResponse as AuthOptions } from '../../../src/modules/identity/oidc/oidc.contract.ts';
import { ApiError, apiGet } from './api-client.ts';

/** How one may sign in here. A server without the route (404, an older version) has local accounts only. */
export const authOptionsQuery = queryOptions({
  queryKey: ['auth-options'],
  queryFn: async ({ signal }): Promise<AuthOptions> => {
    try {
      return await apiGet<AuthOptions>('/api/auth/options', { signal });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return { oidc: null, localAccounts: true };
      throw error;
    }
  },
  staleTime: 5 * 60_000,
});

/** The identity provider's sign-in address, coming back to `returnTo` afterwards. */
export const oidcStartHref = (returnTo: string | undefined) =>
  `/api/auth/oidc/start?returnTo=${encodeURIComponent(returnTo ?? '/')}`;
