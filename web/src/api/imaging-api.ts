import { queryOptions } from '@tanstack/react-query';
import type { DeidentificationKeyView, StoredInstance, StudyList, StudySummary } from '../../../src/modules/imaging/imaging.contract.ts';
import { apiGet, ApiError, readProblem } from './api-client.ts';
import { csrfToken } from './csrf-token.ts';

export type { DeidentificationKeyView, StoredInstance, StudyList, StudySummary };

const base = (patientId: string) => `/api/patients/${encodeURIComponent(patientId)}` as const;

export const studiesQuery = (patientId: string) =>
  queryOptions({
    queryKey: ['patients', patientId, 'imaging', 'studies'],
    queryFn: ({ signal }) => apiGet<StudyList>(`${base(patientId)}/imaging/studies`, { signal }),
    staleTime: 0,
  });

/** The patient's de-identification key (the same at every call: a resumed upload maps to the same UIDs). */
export const deidentificationKey = (patientId: string) => apiGet<DeidentificationKeyView>(`${base(patientId)}/imaging/deidentification-key`);

/** The SOP Instance UIDs of a series the server already has (QIDO-RS), so a resumed upload sends only the rest. */
export async function storedInstances(patientId: string, studyUid: string, seriesUid: string): Promise<Set<string>> {
  const response = await fetch(`${base(patientId)}/dicomweb/studies/${encodeURIComponent(studyUid)}/series/${encodeURIComponent(seriesUid)}/instances`, { headers: { accept: 'application/dicom+json' }, credentials: 'same-origin' });
  if (response.status === 404) return new Set();
  if (!response.ok) throw new ApiError(response.status, await readProblem(response));
  const instances = (await response.json()) as Record<string, { Value?: string[] }>[];
  return new Set(instances.map((i) => i['00080018']?.Value?.[0] ?? ''));
}

/** Sends one de-identified file; the server checks it again (422 with problems when it still identifies the patient). */
export async function uploadInstance(patientId: string, bytes: ArrayBuffer): Promise<StoredInstance> {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: 'application/dicom' }), 'instance.dcm');
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = csrfToken();
  if (token) headers['x-csrf-token'] = token;
  const response = await fetch(`${base(patientId)}/imaging/instances`, { method: 'POST', headers, credentials: 'same-origin', body: form });
  if (!response.ok) throw new ApiError(response.status, await readProblem(response));
  return (await response.json()) as StoredInstance;
}
