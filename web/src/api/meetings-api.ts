import { queryOptions } from '@tanstack/react-query';
import type { AgendaItemView, MeetingList, MeetingView, NewAgendaItem, NewMeeting, NotesUpdate, Reschedule } from '../../../src/modules/meetings/meetings.contract.ts';
import { apiGet, apiSend, withQuery } from './api-client.ts';

export type { AgendaItemView, MeetingList, MeetingView, NewMeeting, Reschedule };
export type MeetingSummary = MeetingList['meetings'][number];

const meeting = (id: string) => `/api/meetings/${encodeURIComponent(id)}` as const;

/** My meetings ending after `from` (the server's default: since yesterday); cancelled ones on request. */
export const meetingsQuery = (filter: { from?: string; cancelled: boolean }) =>
  queryOptions({
    queryKey: ['meetings', 'list', filter],
    queryFn: ({ signal }) => apiGet<MeetingList>(withQuery('/api/meetings', { from: filter.from, cancelled: filter.cancelled ? 'true' : undefined }), { signal }),
    staleTime: 0,
  });

export const meetingQuery = (id: string) =>
  queryOptions({
    queryKey: ['meetings', id],
    queryFn: ({ signal }) => apiGet<MeetingView>(meeting(id), { signal }),
    staleTime: 0,
  });

export const scheduleMeeting = (body: NewMeeting) => apiSend<MeetingView>('POST', '/api/meetings', body);

export const rescheduleMeeting = (id: string, body: Reschedule) => apiSend<MeetingView>('PUT', `${meeting(id)}/schedule`, body);

export const cancelMeeting = (id: string) => apiSend<undefined>('POST', `${meeting(id)}/cancel`);

export const addAgendaItem = (id: string, body: NewAgendaItem) => apiSend<MeetingView>('POST', `${meeting(id)}/agenda`, body);

export const removeAgendaItem = (id: string, itemId: string) => apiSend<undefined>('DELETE', `${meeting(id)}/agenda/${encodeURIComponent(itemId)}`);

/** Saves an agenda item's notes against the version I opened (409 when someone saved in between). */
export const saveAgendaNotes = (id: string, itemId: string, body: NotesUpdate) =>
  apiSend<{ notesVersion: number }>('PUT', `${meeting(id)}/agenda/${encodeURIComponent(itemId)}/notes`, body);

/** My calendar entry for the meeting (an .ics download: time, generic summary and link only). */
export const meetingCalendarHref = (id: string) => `${meeting(id)}/calendar`;
