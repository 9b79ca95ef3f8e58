import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  EndedResponse,
  ProfilePatch,
  ProfileResponse,
  SessionListResponse,
} from '../../../src/modules/identity/identity.contract.ts';
import type { NotificationPreferences, NotificationPreferencesPatch } from '../../../src/modules/notifications/notification-preferences.contract.ts';
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

export type { NotificationPreferences };

export const notificationPreferencesQuery = queryOptions({
  queryKey: ['me', 'notification-preferences'],
  queryFn: ({ signal }) => apiGet<NotificationPreferences>('/api/me/notification-preferences', { signal }),
});

export const updateNotificationPreferences = (patch: NotificationPreferencesPatch) => apiSend<NotificationPreferences>('PATCH', '/api/me/notification-preferences', patch);
