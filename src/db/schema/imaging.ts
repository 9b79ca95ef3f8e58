import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { people } from './identity.ts';
import { panelShares } from './panels.ts';
import { patients } from './patients.ts';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/*
 * De-identified DICOM studies on a patient's record, indexed study / series / instance. Every UID here is
 * a `2.25.` UID derived in the browser under the patient's key (never the hospital's original), and every
 * date is shifted: the rows hold nothing that identifies the patient. Each instance's file lives in the
 * blob store, encrypted under its own data key (wrapped here), like an attachment's.
 */

export const imagingStudies = pgTable(
  'imaging_studies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id').notNull().references(() => patients.id),
    studyInstanceUid: text('study_instance_uid').notNull(),
    /** Shifted StudyDate (DA, YYYYMMDD), empty when the files have none. */
    studyDate: text('study_date').notNull(),
    createdBy: uuid('created_by').notNull().references(() => people.id),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [unique('imaging_studies_uid').on(t.patientId, t.studyInstanceUid), check('imaging_studies_uid_root', sql`${t.studyInstanceUid} ~ '^2\\.25\\.[0-9]+$'`)],
);

export const imagingSeries = pgTable(
  'imaging_series',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    studyId: uuid('study_id').notNull().references(() => imagingStudies.id),
    seriesInstanceUid: text('series_instance_uid').notNull(),
    modality: text('modality').notNull(),
    seriesNumber: integer('series_number'),
  },
  (t) => [unique('imaging_series_uid').on(t.studyId, t.seriesInstanceUid)],
);

export const imagingInstances = pgTable(
  'imaging_instances',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id').notNull().references(() => patients.id),
    seriesId: uuid('series_id').notNull().references(() => imagingSeries.id),
    sopInstanceUid: text('sop_instance_uid').notNull(),
    sopClassUid: text('sop_class_uid').notNull(),
    transferSyntaxUid: text('transfer_syntax_uid').notNull(),
    instanceNumber: integer('instance_number'),
    rows: integer('rows').notNull(),
    columns: integer('columns').notNull(),
    frames: integer('frames').notNull(),
    /** Native pixel data: where frame 0 starts in the file and each frame's length, so a frame is one range read. Null for compressed data. */
    pixelOffset: bigint('pixel_offset', { mode: 'number' }),
    frameLength: bigint('frame_length', { mode: 'number' }),
    /** The de-identified attributes in the DICOM JSON model, bulk data left out (QIDO-RS and metadata answers). */
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    blobKey: text('blob_key').notNull().unique(),
    wrappedKey: text('wrapped_key').notNull(),
    uploadedBy: uuid('uploaded_by').notNull().references(() => people.id),
    uploadedAt: instant('uploaded_at').notNull(),
  },
  (t) => [unique('imaging_instances_uid').on(t.patientId, t.sopInstanceUid), index('imaging_instances_series').on(t.seriesId), check('imaging_instances_frames', sql`${t.frames} >= 1`)],
);

/** Studies given to a panel with a share, under a label the sharer chose (as files are). */
export const panelShareStudies = pgTable(
  'panel_share_studies',
  {
    shareId: uuid('share_id').notNull().references(() => panelShares.id),
    studyId: uuid('study_id').notNull().references(() => imagingStudies.id),
    label: text('label').notNull(),
  },
  (t) => [primaryKey({ columns: [t.shareId, t.studyId] })],
);
