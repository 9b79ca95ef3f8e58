import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { ApiError } from '../api/api-client.ts';
import { sessionQuery, signOut } from '../api/auth-api.ts';
import { setCsrfToken } from '../api/csrf-token.ts';

/**
 * Ends the session on the server, forgets everything cached for this person, and shows the sign-in
 * page saying so. `endedElsewhere` is for when the session was already ended (e.g. "end all sessions").
 */
export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const finish = async () => {
    setCsrfToken(undefined);
    queryClient.clear();
    queryClient.setQueryData(sessionQuery.queryKey, null);
    await navigate({ to: '/sign-in', search: { signedOut: true } });
  };
  const mutation = useMutation({
    mutationFn: signOut,
    onSuccess: finish,
    // Already signed out (the session expired or was ended elsewhere): the outcome is the same.
    onError: (error) => (error instanceof ApiError && error.status === 401 ? finish() : undefined),
    meta: { handlesUnauthenticated: true },
  });
  return { signOut: () => mutation.mutate(), pending: mutation.isPending, error: mutation.error, endedElsewhere: finish };
}
