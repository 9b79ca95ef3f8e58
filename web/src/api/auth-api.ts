import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  NextResponse,
  RecoveryCodesResponse,
  SessionInfo,
  SignInRequest,
  SignInResponse,
  TotpEnrolmentResponse,
} from '../../../src/modules/identity/identity.contract.ts';
import { ApiError, apiGet, apiSend } from './api-client.ts';
import { setCsrfToken } from './csrf-token.ts';

export type { SessionInfo };
export type SignInNext = z.infer<typeof SignInResponse>['next'];
export type TotpEnrolment = z.infer<typeof TotpEnrolmentResponse>;

/**
 * Who is signed in, or null when nobody is (401). Keeps the CSRF token current. Every guard and the
 * header read this one query.
 */
export const sessionQuery = queryOptions({
  queryKey: ['session'],
  queryFn: async ({ signal }): Promise<SessionInfo | null> => {
    try {
      const session = await apiGet<SessionInfo>('/api/auth/session', { signal });
      setCsrfToken(session.csrfToken);
      return session;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setCsrfToken(undefined);
        return null;
      }
      throw error;
    }
  },
  staleTime: 60_000,
});

export async function signIn(credentials: z.input<typeof SignInRequest>): Promise<SignInNext> {
  const result = await apiSend<z.infer<typeof SignInResponse>>('POST', '/api/auth/sign-in', credentials);
  setCsrfToken(result.csrfToken);
  return result.next;
}

export const confirmSecondFactor = (code: string) =>
  apiSend<z.infer<typeof NextResponse>>('POST', '/api/auth/second-factor', { code });

export const submitRecoveryCode = (code: string) =>
  apiSend<z.infer<typeof NextResponse>>('POST', '/api/auth/recovery-code', { code });

export const startTotpEnrolment = () => apiSend<TotpEnrolment>('POST', '/api/auth/totp/enrolment');

export const confirmTotpEnrolment = (code: string) =>
  apiSend<z.infer<typeof RecoveryCodesResponse>>('POST', '/api/auth/totp/confirmation', { code });

export async function signOut(): Promise<void> {
  await apiSend('POST', '/api/auth/sign-out');
  setCsrfToken(undefined);
}
