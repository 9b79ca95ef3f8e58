import { z } from 'zod';

/** The patient's de-identification key, for the uploader's browser only (the enrolling hospital's staff). */
export const DeidentificationKeyView = z.object({
  /** 32 bytes, hex: HMAC key turning each original UID into a `2.25.` UID. */
  uidKey: z.string().regex(/^[0-9a-f]{64}$/),
  /** Days added to every date of this patient's studies (negative). */
  dateShiftDays: z.int(),
});
export type DeidentificationKeyView = z.infer<typeof DeidentificationKeyView>;

/** One received file: stored now, or already stored before (a resumed or repeated upload). */
export const StoredInstance = z.object({
  status: z.enum(['stored', 'alreadyStored']),
  studyId: z.string(),
  studyInstanceUid: z.string(),
  seriesInstanceUid: z.string(),
  sopInstanceUid: z.string(),
});
export type StoredInstance = z.infer<typeof StoredInstance>;

/** A study as the platform lists it (a panel sees it under the sharer's label). */
export const StudySummary = z.object({
  id: z.string(),
  studyInstanceUid: z.string(),
  /** Shifted (YYYYMMDD), empty if unknown. */
  studyDate: z.string(),
  modalities: z.array(z.string()),
  seriesCount: z.int(),
  instanceCount: z.int(),
  label: z.string().nullable(),
});
export type StudySummary = z.infer<typeof StudySummary>;

export const StudyList = z.object({ studies: z.array(StudySummary) });
export type StudyList = z.infer<typeof StudyList>;

/** QIDO-RS query parameters this server honours (others are ignored, as PS3.18 allows). */
export const QidoQuery = z
  .object({
    StudyInstanceUID: z.string().max(64).optional(),
    SeriesInstanceUID: z.string().max(64).optional(),
    SOPInstanceUID: z.string().max(64).optional(),
    limit: z.coerce.number().int().min(1).max(1000).optional(),
    offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
  })
  .loose();
export type QidoQuery = z.infer<typeof QidoQuery>;

/** A DICOM JSON model dataset (PS3.18 F.2). */
export const DicomJson = z.record(z.string(), z.unknown());
export const DicomJsonList = z.array(DicomJson);
