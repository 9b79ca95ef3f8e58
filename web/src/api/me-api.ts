import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  EndedResponse,
  ProfilePatch,
  ProfileResponse,
  SessionListResponse,
} from '../../../src/modules/identity/identity.contract.ts';
import { apiGet, apiSend } from './api-client.ts';

export type { ProfileResponse, SessionListResponse };
export type SessionEntry = SessionListResponse['sessions'][number];
type Ended = z.infer<typeof EndedResponse>;

export const profileQuery = queryOptions({
  queryKey: ['me', 'profile'],
  queryFn: ({ signal }) => apiGet<ProfileResponse>('/api/me/profile', { signal }),
});

export const updateProfile = (patch: z.input<typeof ProfilePatch>) => apiSend<ProfileResponse>('PATCH', '/api/me/profile', patch);

export const mySessionsQuery = queryOptions({
  queryKey: ['me', 'sessions'],
  queryFn: ({ signal }) => apiGet<SessionListResponse>('/api/me/sessions', { signal }),
});

export const endSession = (id: string) => apiSend<Ended>('DELETE', `/api/me/sessions/${encodeURIComponent(id)}`);

export const endAllSessions = () => apiSend<Ended>('POST', '/api/me/sessions/end-all');
