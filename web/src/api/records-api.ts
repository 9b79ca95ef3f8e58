import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CurrentRecord, PhenopacketImport, PhenopacketImportResult, RecordHistory, RecordSection, SavedRecord } from '../../../src/modules/records/records.contract.ts';
import type { SectionContent } from '../../../src/modules/records/record-sections.contract.ts';
import type { OntologyTerm, TimeElement } from '../../../src/modules/records/record-values.contract.ts';
import { apiGet, apiSend } from './api-client.ts';

export type { CurrentRecord, OntologyTerm, PhenopacketImportResult, RecordHistory, RecordSection, SectionContent, TimeElement };

/** The sections whose content is a list of items. */
export type ListSection = 'phenotypicFeatures' | 'laboratoryResults' | 'histology' | 'diagnoses';
/** One item of a section as the web app sends it (the id may be left out on new items). */
export type SectionItem<S extends ListSection> = SectionContent[S][number];
export type GeneticTestItem = SectionContent['genetics']['tests'][number];
export type VariantItem = SectionContent['genetics']['variants'][number];
/** A laboratory result as the server shows it: with its out-of-range flag (computed, never sent back). */
export type LaboratoryResultView = CurrentRecord['content']['laboratoryResults'][number];

const base = (patientId: string) => `/api/patients/${encodeURIComponent(patientId)}/record` as const;

export const recordQuery = (patientId: string) =>
  queryOptions({
    queryKey: ['patients', patientId, 'record'],
    queryFn: ({ signal }) => apiGet<CurrentRecord>(base(patientId), { signal }),
    staleTime: 0,
  });

export const recordHistoryQuery = (patientId: string) =>
  queryOptions({
    queryKey: ['patients', patientId, 'record', 'versions'],
    queryFn: ({ signal }) => apiGet<RecordHistory>(`${base(patientId)}/versions`, { signal }),
    staleTime: 0,
  });

/** Saves one section; a stale expectedVersion answers 409 (someone else changed the record). */
export const saveSection = <S extends RecordSection>(patientId: string, section: S, expectedVersion: number, content: SectionContent[S]) =>
  apiSend<SavedRecord>('PUT', `${base(patientId)}/sections/${section}`, { expectedVersion, content });

export const importPhenopacket = (patientId: string, body: z.input<typeof PhenopacketImport>) =>
  apiSend<PhenopacketImportResult>('POST', `${base(patientId)}/phenopacket-import`, body);

/** Where the browser downloads the pseudonymous Phenopacket export (a same-origin GET). */
export const phenopacketExportHref = (patientId: string) => `${base(patientId)}/phenopacket`;
