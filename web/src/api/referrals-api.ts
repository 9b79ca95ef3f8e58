import { queryOptions } from '@tanstack/react-query';
import type { ErnGuide, NewReferral, ReferralDetail, ReferralList, ReferrerErns } from '../../../src/modules/referrals/referrals.contract.ts';
import { ApiError, apiGet, apiSend, type ProblemDetails } from './api-client.ts';
import { csrfToken } from './csrf-token.ts';

export type { ErnGuide, ReferralDetail, ReferralList };
export type NewReferralBody = Omit<NewReferral, 'keyResults' | 'phenotypicFeatures' | 'phenopacket'> & Partial<Pick<NewReferral, 'keyResults' | 'phenotypicFeatures' | 'phenopacket'>>;
export type ReferralFileKind = ReferralDetail['files'][number]['kind'];

const referral = (id: string) => `/api/referrals/${encodeURIComponent(id)}` as const;

export const referralsQuery = queryOptions({
  queryKey: ['referrals', 'list'],
  queryFn: ({ signal }) => apiGet<ReferralList>('/api/referrals', { signal }),
  staleTime: 0,
});

export const referralQuery = (id: string) =>
  queryOptions({
    queryKey: ['referrals', id],
    queryFn: ({ signal }) => apiGet<ReferralDetail>(referral(id), { signal }),
    staleTime: 0,
  });

export const referrerErnsQuery = queryOptions({
  queryKey: ['referrals', 'erns'],
  queryFn: ({ signal }) => apiGet<ReferrerErns>('/api/referrals/erns', { signal }),
});

export const ernGuideQuery = (ernId: string) =>
  queryOptions({
    queryKey: ['referrals', 'guide', ernId],
    queryFn: ({ signal }) => apiGet<ErnGuide>(`/api/referrals/guide/${encodeURIComponent(ernId)}`, { signal }),
  });

export const sendReferral = (body: NewReferralBody) => apiSend<ReferralDetail>('POST', '/api/referrals', body);
export const postReferralMessage = (id: string, body: { body: string; requestsInformation: boolean }) => apiSend<{ id: string }>('POST', `${referral(id)}/messages`, body);
export const reviewReferral = (id: string) => apiSend<undefined>('POST', `${referral(id)}/review`);
export const acceptReferral = (id: string) => apiSend<{ referralId: string; patientId: string }>('POST', `${referral(id)}/acceptance`, {});
export const declineReferral = (id: string, body: { reason: string; suggestion: string | null }) => apiSend<undefined>('POST', `${referral(id)}/decline`, body);

export const referralFileHref = (id: string, fileId: string) => `${referral(id)}/files/${encodeURIComponent(fileId)}/content`;
export const referralOutcomeHref = (id: string) => `${referral(id)}/outcome-report`;

/** Uploads one file to the referral (multipart, the kind before the file), with the session's CSRF token. */
export async function uploadReferralFile(id: string, kind: ReferralFileKind, file: File): Promise<void> {
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', file, file.name);
  const token = csrfToken();
  const response = await fetch(`${referral(id)}/files`, { method: 'POST', body: form, headers: { accept: 'application/json', ...(token ? { 'x-csrf-token': token } : {}) } });
  if (response.status !== 201) {
    const problem = (response.headers.get('content-type') ?? '').includes('json') ? ((await response.json()) as ProblemDetails) : undefined;
    throw new ApiError(response.status, problem);
  }
}
