import { useQuery } from '@tanstack/react-query';
import { sessionQuery, type SessionInfo } from '../api/auth-api.ts';

/** The signed-in person's session, or null; undefined while it is first being loaded. */
export function useSession(): SessionInfo | null | undefined {
  return useQuery(sessionQuery).data;
}

/** For pages behind the signed-in guard, where the session is known to exist. */
export function useSignedInSession(): SessionInfo {
  const session = useSession();
  if (!session) throw new Error('useSignedInSession() outside the signed-in routes');
  return session;
}
