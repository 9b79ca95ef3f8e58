import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useCallback } from 'react';
import type { SignInNext } from '../api/auth-api.ts';
import { refreshSession } from './session-guards.ts';

/**
 * After a step of signing in: reload the session (the guards read it), then go on to the step the
 * server asked for, or to where the person was going.
 */
export function useContinueSignIn(returnTo: string | undefined): (next: SignInNext) => Promise<void> {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useCallback(
    async (next: SignInNext) => {
      await refreshSession(queryClient);
      const search = returnTo ? { returnTo } : {};
      switch (next) {
        case 'secondFactor':
          await navigate({ to: '/sign-in/second-factor', search });
          return;
        case 'enrolSecondFactor':
          await navigate({ to: '/sign-in/authenticator', search });
          return;
        case 'done':
          await navigate({ href: returnTo ?? '/' });
          return;
      }
    },
    [navigate, queryClient, returnTo],
  );
}
