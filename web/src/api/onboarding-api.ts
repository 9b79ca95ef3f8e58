import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AccessRequestList,
  AccessRequestQuery,
  AccessRequestStatus,
  AccessRequestView,
  AffiliationResponse,
  FileAccessRequest,
  RequestableRole,
} from '../../../src/modules/identity/onboarding.contract.ts';
import type { HospitalListResponse } from '../../../src/modules/organisations/organisations.contract.ts';
import { apiGet, apiSend, withQuery } from './api-client.ts';

export type { AccessRequestView, FileAccessRequest };
export type AccessRequestStatus = z.infer<typeof AccessRequestStatus>;
export type RequestableRole = z.infer<typeof RequestableRole>;
export type AccessRequestFilter = z.input<typeof AccessRequestQuery>;

export const hospitalListQuery = queryOptions({
  queryKey: ['hospitals'],
  queryFn: ({ signal }) => apiGet<HospitalListResponse>('/api/hospitals', { signal }),
  staleTime: 5 * 60_000,
});

export const fileAccessRequest = (body: FileAccessRequest) => apiSend<AccessRequestView>('POST', '/api/access-requests', body);

export const myAccessRequestsQuery = queryOptions({
  queryKey: ['access-requests', 'mine'],
  queryFn: ({ signal }) => apiGet<AccessRequestList>('/api/access-requests/mine', { signal }),
});

/** The requests the caller may act on or see: their ERNs' (coordinators), their hospitals' (representatives). */
export const accessRequestsQuery = (filter: AccessRequestFilter) =>
  queryOptions({
    queryKey: ['access-requests', 'queue', filter],
    queryFn: ({ signal }) => apiGet<AccessRequestList>(withQuery('/api/access-requests', { ...filter }), { signal }),
  });

const requestPath = (id: string, action: string) => `/api/access-requests/${encodeURIComponent(id)}/${action}` as const;

export const confirmEmployment = (id: string) => apiSend<AccessRequestView>('POST', requestPath(id, 'employment-confirmation'));

export const approveAccessRequest = (id: string, reason: string) =>
  apiSend<AccessRequestView>('POST', requestPath(id, 'approval'), reason.trim() ? { reason: reason.trim() } : {});

export const rejectAccessRequest = (id: string, reason: string) =>
  apiSend<AccessRequestView>('POST', requestPath(id, 'rejection'), { reason: reason.trim() });

export const extendGuestAccount = (affiliationId: string, until: string) =>
  apiSend<z.infer<typeof AffiliationResponse>>('POST', `/api/affiliations/${encodeURIComponent(affiliationId)}/extension`, { until });
