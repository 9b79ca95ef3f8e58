import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type {
  DiscussionFileView,
  HospitalInfoRequest,
  HospitalInfoRequestList,
  InfoRequestAnswer,
  InfoRequestView,
  MessageEdit,
  MessagePage,
  MessageView,
  NewMessage,
  NotificationKind,
  NotificationList,
  NotificationView,
  PanelInfoRequests,
  PanelTimeline,
  ThreadView,
  TimelineEntry,
  UnreadCount,
} from '../../../src/modules/discussion/discussion.contract.ts';
import { apiGet, apiSend, ApiError, withQuery, type ProblemDetails } from './api-client.ts';
import { csrfToken } from './csrf-token.ts';

export type {
  DiscussionFileView,
  HospitalInfoRequest,
  InfoRequestAnswer,
  InfoRequestView,
  MessageView,
  NotificationKind,
  NotificationView,
  PanelInfoRequests,
  ThreadView,
  TimelineEntry,
};

/** What the web app sends for a new message (the server fills the defaults). */
export type NewMessageInput = Pick<NewMessage, 'body'> & Partial<Pick<NewMessage, 'parentId' | 'mentions' | 'fileIds'>>;

const panel = (id: string) => `/api/panels/${encodeURIComponent(id)}` as const;

/** Everything the discussion tab shows about one panel lives under this key: one invalidation refreshes it. */
export const discussionKey = (panelId: string) => ['panels', panelId, 'discussion'] as const;

/** The threads, page by page (older pages appended as the person asks for them). */
export const messagesQuery = (panelId: string) =>
  infiniteQueryOptions({
    queryKey: [...discussionKey(panelId), 'messages'],
    queryFn: ({ pageParam, signal }) => apiGet<MessagePage>(withQuery(`${panel(panelId)}/messages`, { before: pageParam }), { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    staleTime: 0,
  });

export const panelInfoRequestsQuery = (panelId: string) =>
  queryOptions({
    queryKey: [...discussionKey(panelId), 'info-requests'],
    queryFn: ({ signal }) => apiGet<PanelInfoRequests>(`${panel(panelId)}/info-requests`, { signal }),
    staleTime: 0,
  });

export const timelineQuery = (panelId: string) =>
  queryOptions({
    queryKey: [...discussionKey(panelId), 'timeline'],
    queryFn: ({ signal }) => apiGet<PanelTimeline>(`${panel(panelId)}/timeline`, { signal }),
    staleTime: 0,
  });

export const postMessage = (panelId: string, body: NewMessageInput) => apiSend<MessageView>('POST', `${panel(panelId)}/messages`, body);

export const editMessage = (panelId: string, messageId: string, body: MessageEdit) => apiSend<MessageView>('PATCH', `${panel(panelId)}/messages/${encodeURIComponent(messageId)}`, body);

export const deleteMessage = (panelId: string, messageId: string) => apiSend<undefined>('DELETE', `${panel(panelId)}/messages/${encodeURIComponent(messageId)}`);

export const askInfoRequest = (panelId: string, question: string) => apiSend<InfoRequestView>('POST', `${panel(panelId)}/info-requests`, { question });

export const answerInfoRequest = (id: string, body: InfoRequestAnswer) => apiSend<InfoRequestView>('POST', `/api/info-requests/${encodeURIComponent(id)}/answer`, body);

/** Where the browser downloads a discussion file (a same-origin GET; always answered as a download). */
export const discussionFileHref = (panelId: string, fileId: string) => `${panel(panelId)}/files/${encodeURIComponent(fileId)}/content`;

/** The requests for more information on my hospitals' patients (the enrolling hospital's staff). */
export const hospitalInfoRequestsQuery = (open: boolean) =>
  queryOptions({
    queryKey: ['info-requests', open ? 'open' : 'all'],
    queryFn: ({ signal }) => apiGet<HospitalInfoRequestList>(withQuery('/api/info-requests', { open: open ? 'true' : undefined }), { signal }),
    staleTime: 0,
  });

// --- uploads --------------------------------------------------------------------------------------

/** The person cancelled the upload (xhr.abort); nothing was stored. */
export class FileUploadCancelled extends Error {
  constructor() {
    super('The upload was cancelled.');
    this.name = 'FileUploadCancelled';
  }
}

/** The connection failed mid-upload (or the server closed it after refusing the file). */
export class FileUploadInterrupted extends Error {
  constructor() {
    super('The upload was interrupted.');
    this.name = 'FileUploadInterrupted';
  }
}

function problemOf(xhr: XMLHttpRequest): ProblemDetails | undefined {
  if (!(xhr.getResponseHeader('content-type') ?? '').includes('json')) return undefined;
  try {
    return JSON.parse(xhr.responseText) as ProblemDetails;
  } catch {
    return undefined;
  }
}

/**
 * Uploads one file for the discussion over XMLHttpRequest (fetch reports no upload progress), with the session's
 * CSRF token; it is posted afterwards with a message. Rejects with ApiError, FileUploadCancelled or FileUploadInterrupted.
 */
export function uploadDiscussionFile(panelId: string, file: File, onProgress: (percent: number) => void): { done: Promise<DiscussionFileView>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<DiscussionFileView>((resolve, reject) => {
    xhr.open('POST', `${panel(panelId)}/files`);
    xhr.responseType = 'text';
    xhr.setRequestHeader('accept', 'application/json');
    const token = csrfToken();
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(Math.min(100, Math.floor((event.loaded / event.total) * 100)));
    });
    xhr.upload.addEventListener('load', () => onProgress(100));
    xhr.addEventListener('load', () => {
      if (xhr.status === 201) resolve(JSON.parse(xhr.responseText) as DiscussionFileView);
      else reject(new ApiError(xhr.status, problemOf(xhr)));
    });
    xhr.addEventListener('error', () => reject(new FileUploadInterrupted()));
    xhr.addEventListener('abort', () => reject(new FileUploadCancelled()));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}

// --- inbox ----------------------------------------------------------------------------------------

export const inboxKey = ['notifications'] as const;

export const unreadCountQuery = queryOptions({
  queryKey: [...inboxKey, 'unread-count'],
  queryFn: ({ signal }) => apiGet<UnreadCount>('/api/notifications/unread-count', { signal }),
  staleTime: 30_000,
});

export const notificationsQuery = (limit = 20) =>
  queryOptions({
    queryKey: [...inboxKey, 'list', limit],
    queryFn: ({ signal }) => apiGet<NotificationList>(withQuery('/api/notifications', { limit }), { signal }),
    staleTime: 0,
  });

export const markNotificationRead = (id: string) => apiSend<UnreadCount>('POST', `/api/notifications/${encodeURIComponent(id)}/read`);

export const markAllNotificationsRead = () => apiSend<UnreadCount>('POST', '/api/notifications/read-all');
