import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { EnrolPatient, PatientDetail, PatientIdentity, PatientList, PatientSummary } from '../../../src/modules/patients/patients.contract.ts';
import type { Sex } from '../../../src/modules/patients/patients.contract.ts';
import { apiGet, apiSend, withQuery } from './api-client.ts';

export type { EnrolPatient, PatientDetail, PatientIdentity, PatientSummary };
export type PatientSex = z.infer<typeof Sex>;

/** My hospitals' patients, pseudonymised; `q` matches a nickname or platform id (never identifying). */
export const patientListQuery = (q: string) =>
  queryOptions({
    queryKey: ['patients', 'list', q],
    queryFn: ({ signal }) => apiGet<PatientList>(withQuery('/api/patients', { q: q || undefined }), { signal }),
    staleTime: 0,
  });

export const patientQuery = (id: string) =>
  queryOptions({
    queryKey: ['patients', id, 'detail'],
    queryFn: ({ signal }) => apiGet<PatientDetail>(`/api/patients/${encodeURIComponent(id)}`, { signal }),
    staleTime: 0,
  });

export const enrolPatient = (body: EnrolPatient) => apiSend<PatientDetail>('POST', '/api/patients', body);

/** A record number is identifying: it goes in a POST body, never in a URL. */
export const searchByRecordNumber = (body: { hospitalId: string; recordNumber: string }) =>
  apiSend<PatientList>('POST', '/api/patients/record-number-search', body);

/** Corrects the identifying data (enrolling hospital's staff); another patient's record number answers 409. */
export const updateIdentity = (patientId: string, identity: PatientIdentity) =>
  apiSend<PatientDetail>('PUT', `/api/patients/${encodeURIComponent(patientId)}/identity`, identity);
