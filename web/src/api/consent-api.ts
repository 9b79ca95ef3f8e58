import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AttachmentView } from '../../../src/modules/attachments/attachments.contract.ts';
import type { ConsentEvidence, ConsentKind, ConsentList, ConsentView, NewConsent, Withdrawal } from '../../../src/modules/consent/consent.contract.ts';
import type { ConsentTemplateFields, ConsentTemplateFilter, ConsentTemplateList, ConsentTemplateView } from '../../../src/modules/consent/consent-templates.contract.ts';
import { ApiError, apiGet, apiSend, withQuery, type ProblemDetails } from './api-client.ts';
import { csrfToken } from './csrf-token.ts';

export type { ConsentEvidence, ConsentKind, ConsentList, ConsentTemplateView, ConsentView, NewConsent };
export type NewConsentBody = z.input<typeof NewConsent>;
export type ConsentWithdrawal = z.infer<typeof Withdrawal>;
export type ConsentTemplateFieldsBody = z.input<typeof ConsentTemplateFields>;

const id = (value: string) => encodeURIComponent(value);
const base = (patientId: string) => `/api/patients/${id(patientId)}/consents` as const;

export const consentsQuery = (patientId: string) =>
  queryOptions({
    queryKey: ['patients', patientId, 'consents'],
    queryFn: ({ signal }) => apiGet<ConsentList>(base(patientId), { signal }),
    staleTime: 0,
  });

/** The patient's files (another panel lists them): refreshed once a signed form joins them. */
export const attachmentsQueryKey = (patientId: string) => ['patients', patientId, 'attachments'] as const;

export const recordConsent = (patientId: string, body: NewConsentBody) => apiSend<ConsentList>('POST', base(patientId), body);

export const withdrawConsent = (patientId: string, consentId: string, body: ConsentWithdrawal) =>
  apiSend<ConsentList>('POST', `${base(patientId)}/${id(consentId)}/withdrawal`, body);

/** Makes an uploaded signed form the evidence of a consent recorded on attestation. */
export const attachConsentEvidence = (patientId: string, consentId: string, attachmentId: string) =>
  apiSend<ConsentList>('POST', `${base(patientId)}/${id(consentId)}/evidence`, { attachmentId });

/** Where the signed form of a consent downloads from (the patient's attachment). */
export const consentFormUrl = (patientId: string, attachmentId: string) => `/api/patients/${id(patientId)}/attachments/${id(attachmentId)}/content`;

async function problemOf(response: Response): Promise<ProblemDetails | undefined> {
  if (!(response.headers.get('content-type') ?? '').includes('json')) return undefined;
  return (await response.json().catch(() => undefined)) as ProblemDetails | undefined;
}

/**
 * Sends a multipart form: its text fields first, then the one file (the server decides on the fields
 * before it reads the file), with the session's CSRF token like every unsafe request.
 */
async function sendForm<T>(path: `/api/${string}`, fields: Record<string, string>, file: File): Promise<T> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', file, file.name);
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = csrfToken();
  if (token) headers['x-csrf-token'] = token;
  const response = await fetch(path, { method: 'POST', headers, body: form, credentials: 'same-origin' });
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  return (await response.json()) as T;
}

/** Uploads a signed consent form (PDF or a scan) as the patient's attachment of kind consentForm. */
export const uploadConsentForm = (patientId: string, file: File, description: string) =>
  sendForm<AttachmentView>(`/api/patients/${id(patientId)}/attachments`, { kind: 'consentForm', description }, file);

/** The model forms in use (any member of staff). */
export const consentTemplatesQuery = (filter: ConsentTemplateFilter) =>
  queryOptions({
    queryKey: ['consent-templates', filter],
    queryFn: ({ signal }) => apiGet<ConsentTemplateList>(withQuery('/api/consent-templates', { ...filter }), { signal }),
    staleTime: 60_000,
  });

export const consentTemplateUrl = (templateId: string) => `/api/consent-templates/${id(templateId)}/content`;

/** Every model form, retired ones included (administrators). */
export const allConsentTemplatesQuery = queryOptions({
  queryKey: ['admin', 'consent-templates'],
  queryFn: ({ signal }) => apiGet<ConsentTemplateList>('/api/admin/consent-templates', { signal }),
});

export const publishConsentTemplate = (fields: ConsentTemplateFieldsBody, file: File) =>
  sendForm<ConsentTemplateView>('/api/admin/consent-templates', { kind: fields.kind, ernId: fields.ernId ?? '', language: fields.language, version: fields.version, title: fields.title }, file);

export const retireConsentTemplate = (templateId: string) => apiSend<ConsentTemplateView>('POST', `/api/admin/consent-templates/${id(templateId)}/retirement`);
