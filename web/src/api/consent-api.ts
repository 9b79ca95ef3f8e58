import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ConsentKind, ConsentList, ConsentView, NewConsent, Withdrawal } from '../../../src/modules/consent/consent.contract.ts';
import { apiGet, apiSend } from './api-client.ts';

export type { ConsentKind, ConsentList, ConsentView, NewConsent };
export type ConsentWithdrawal = z.infer<typeof Withdrawal>;

const base = (patientId: string) => `/api/patients/${encodeURIComponent(patientId)}/consents` as const;

export const consentsQuery = (patientId: string) =>
  queryOptions({
    queryKey: ['patients', patientId, 'consents'],
    queryFn: ({ signal }) => apiGet<ConsentList>(base(patientId), { signal }),
    staleTime: 0,
  });

export const recordConsent = (patientId: string, body: NewConsent) => apiSend<ConsentList>('POST', base(patientId), body);

export const withdrawConsent = (patientId: string, consentId: string, body: ConsentWithdrawal) =>
  apiSend<ConsentList>('POST', `${base(patientId)}/${encodeURIComponent(consentId)}/withdrawal`, body);
