import { queryOptions } from '@tanstack/react-query';
import type { AttachmentKind, AttachmentList, AttachmentView } from '../../../src/modules/attachments/attachments.contract.ts';
import { apiGet, apiSend, ApiError, type ProblemDetails } from './api-client.ts';
import { csrfToken } from './csrf-token.ts';

export type { AttachmentKind, AttachmentList, AttachmentView };

const base = (patientId: string) => `/api/patients/${encodeURIComponent(patientId)}/attachments` as const;

export const attachmentsQuery = (patientId: string) =>
  queryOptions({
    queryKey: ['patients', patientId, 'attachments'],
    queryFn: ({ signal }) => apiGet<AttachmentList>(base(patientId), { signal }),
    staleTime: 0,
  });

/** Where the browser downloads the file (a same-origin GET; the server always answers it as a download). */
export const attachmentContentHref = (patientId: string, attachmentId: string) => `${base(patientId)}/${encodeURIComponent(attachmentId)}/content`;

export const deleteAttachment = (patientId: string, attachmentId: string) => apiSend<undefined>('DELETE', `${base(patientId)}/${encodeURIComponent(attachmentId)}`);

/** The person cancelled the upload (xhr.abort); nothing was stored. */
export class UploadCancelled extends Error {
  constructor() {
    super('The upload was cancelled.');
    this.name = 'UploadCancelled';
  }
}

/** The connection failed mid-upload (or the server closed it, as it does after refusing a large file). */
export class UploadInterrupted extends Error {
  constructor() {
    super('The upload was interrupted.');
    this.name = 'UploadInterrupted';
  }
}

export interface NewAttachment {
  kind: AttachmentKind;
  description: string;
  file: File;
}

export interface Upload {
  /** The stored attachment; rejects with ApiError, UploadCancelled or UploadInterrupted. */
  done: Promise<AttachmentView>;
  abort: () => void;
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
 * Uploads one file as multipart/form-data over XMLHttpRequest, the one browser API that reports upload
 * progress (fetch does not). The fields go before the file: the server decides on them before reading
 * the file. Carries the session's CSRF token like every unsafe request of the API client.
 */
export function uploadAttachment(patientId: string, upload: NewAttachment, onProgress: (percent: number) => void): Upload {
  const xhr = new XMLHttpRequest();
  const done = new Promise<AttachmentView>((resolve, reject) => {
    xhr.open('POST', base(patientId));
    xhr.responseType = 'text';
    xhr.setRequestHeader('accept', 'application/json');
    const token = csrfToken();
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(Math.min(100, Math.floor((event.loaded / event.total) * 100)));
    });
    xhr.upload.addEventListener('load', () => onProgress(100));
    xhr.addEventListener('load', () => {
      if (xhr.status === 201) {
        resolve(JSON.parse(xhr.responseText) as AttachmentView);
        return;
      }
      reject(new ApiError(xhr.status, problemOf(xhr)));
    });
    xhr.addEventListener('error', () => reject(new UploadInterrupted()));
    xhr.addEventListener('abort', () => reject(new UploadCancelled()));
    const form = new FormData();
    form.append('kind', upload.kind);
    form.append('description', upload.description);
    form.append('file', upload.file, upload.file.name);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
