import { z } from 'zod';
import { Diagnosis, Genetics, HistologyReport, History, LaboratoryResult, PhenotypicFeature } from './record-sections.contract.ts';

export const recordSections = ['history', 'phenotypicFeatures', 'laboratoryResults', 'genetics', 'histology', 'diagnoses'] as const;
export const RecordSection = z.enum(recordSections);
export type RecordSection = z.infer<typeof RecordSection>;

/** The case record document: what one record version holds. */
export const RecordContent = z.object({
  history: History,
  phenotypicFeatures: z.array(PhenotypicFeature),
  laboratoryResults: z.array(LaboratoryResult),
  genetics: Genetics,
  histology: z.array(HistologyReport),
  diagnoses: z.array(Diagnosis),
});
export type RecordContent = z.infer<typeof RecordContent>;

export const emptyRecord = (): RecordContent => ({
  history: { medicalHistory: '', familyHistory: '' },
  phenotypicFeatures: [],
  laboratoryResults: [],
  genetics: { tests: [], variants: [] },
  histology: [],
  diagnoses: [],
});

/** Computed on every read from value, comparator and reference range; never stored. */
export const OutOfRange = z.enum(['low', 'high']).nullable();

/** The record as the API shows it: the stored document plus what is computed from it. */
export const RecordView = RecordContent.extend({
  laboratoryResults: z.array(LaboratoryResult.extend({ outOfRange: OutOfRange })),
});
export type RecordView = z.infer<typeof RecordView>;

export const RecordVersionSource = z.enum(['edit', 'phenopacketImport']);

export const VersionAuthor = z.object({ personId: z.string(), displayName: z.string() });

export const RecordVersionSummary = z.object({
  version: z.int(),
  createdAt: z.string(),
  createdBy: VersionAuthor,
  changedSections: z.array(RecordSection),
  source: RecordVersionSource,
});
export type RecordVersionSummary = z.infer<typeof RecordVersionSummary>;

/** The current record; version 0 (with empty content) until the first change. */
export const CurrentRecord = z.object({
  patientId: z.string(),
  version: z.int(),
  updatedAt: z.string().nullable(),
  updatedBy: VersionAuthor.nullable(),
  content: RecordView,
});
export type CurrentRecord = z.infer<typeof CurrentRecord>;

export const RecordVersionDetail = RecordVersionSummary.extend({ patientId: z.string(), content: RecordView });
export type RecordVersionDetail = z.infer<typeof RecordVersionDetail>;

export const RecordHistory = z.object({ patientId: z.string(), currentVersion: z.int(), versions: z.array(RecordVersionSummary) });
export type RecordHistory = z.infer<typeof RecordHistory>;

/** What a section update answers: the record as saved (the same version when nothing changed). */
export const SavedRecord = z.object({ patientId: z.string(), version: z.int(), content: RecordView });
export type SavedRecord = z.infer<typeof SavedRecord>;

export const ExpectedVersion = z.int().min(0).meta({ description: 'The version the change was made on; a stale one answers 409.' });

/** The section's content is validated against its own schema by the use case (precise problems per item). */
export const SectionUpdate = z.object({
  expectedVersion: ExpectedVersion,
  content: z.unknown().meta({ description: 'The whole section, as in RecordContent (item ids optional on new items).' }),
});

export const PhenopacketImport = z.object({
  expectedVersion: ExpectedVersion,
  /**
   * merge: the file's items are added to the record, updating the ones they match (same term, code or
   * variant); replace: what the file brings (features; measurements; diseases with variants) replaces
   * those sections. History, histology and genetic tests are never touched by an import.
   */
  mode: z.enum(['replace', 'merge']),
  /** Validate and show the would-be record without saving it. */
  preview: z.boolean().default(false),
  phenopacket: z.unknown().meta({ description: 'A GA4GH Phenopacket v2 as JSON.' }),
});
export type PhenopacketImport = z.infer<typeof PhenopacketImport>;

export const ImportNote = z.object({ path: z.string(), message: z.string() });

export const PhenopacketImportResult = z.object({
  preview: z.boolean(),
  /** The new version, or (preview, or nothing changed) the version the record stays at. */
  version: z.int(),
  changedSections: z.array(RecordSection),
  content: RecordView,
  /** Parts of the file the record has no place for, said out loud rather than dropped silently. */
  notImported: z.array(ImportNote),
});
export type PhenopacketImportResult = z.infer<typeof PhenopacketImportResult>;

/**
 * The export as the API answers it: an allowlist at the subject (the platform id and sex only, so an
 * identifying field can never slip out), the clinical parts as built from the record.
 */
export const PhenopacketExport = z
  .object({
    id: z.string(),
    subject: z.object({ id: z.string(), sex: z.enum(['UNKNOWN_SEX', 'FEMALE', 'MALE', 'OTHER_SEX']) }),
    phenotypicFeatures: z.array(z.unknown()).optional(),
    measurements: z.array(z.unknown()).optional(),
    interpretations: z.array(z.unknown()).optional(),
    diseases: z.array(z.unknown()).optional(),
    metaData: z.object({ created: z.string(), createdBy: z.string(), resources: z.array(z.unknown()), phenopacketSchemaVersion: z.string() }),
  })
  .meta({ description: 'A GA4GH Phenopacket v2 (protobuf JSON form)' });
