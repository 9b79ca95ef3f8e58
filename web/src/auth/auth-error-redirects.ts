import type { AnyRouter } from '@tanstack/react-router';
import type { ApiError } from '../api/api-client.ts';
import { sessionQuery } from '../api/auth-api.ts';
import { setCsrfToken } from '../api/csrf-token.ts';
import { handleAuthErrorsWith, queryClient } from '../api/query-client.ts';
import { safeReturnTo } from './return-to.ts';

/**
 * Any 401 from the API sends the person where they can fix it, and back here afterwards: the
 * second-factor step when that is what is owed, else the sign-in page (the session has ended).
 */
export function installAuthErrorRedirects(router: AnyRouter): void {
  handleAuthErrorsWith((error: ApiError) => {
    const here = router.state.location.href;
    if (here.startsWith('/sign-in')) return; // those pages show their own errors
    const returnTo = safeReturnTo(here);
    const search = returnTo ? { returnTo } : {};
    if (error.code === 'secondFactorRequired') {
      void queryClient.invalidateQueries({ queryKey: sessionQuery.queryKey });
      void router.navigate({ to: '/sign-in/second-factor', search });
      return;
    }
    setCsrfToken(undefined);
    queryClient.setQueryData(sessionQuery.queryKey, null);
    void router.navigate({ to: '/sign-in', search });
  });
}
