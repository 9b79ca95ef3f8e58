import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { people } from './identity.ts';
import { patients } from './patients.ts';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/** consentForm: a signed consent form kept as a consent's evidence (PDF or a scan). */
export const attachmentKinds = ['document', 'image', 'photograph', 'vcf', 'report', 'consentForm'] as const;

/**
 * A file attached to a patient. The content lives in the blob store, encrypted under its own data key
 * (wrapped here, never beside the file); the file name and description can identify the patient, so they
 * are sealed under the patient's data key like the identity. Deletion is soft; a purge job removes blobs.
 */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id').notNull().references(() => patients.id),
    kind: text('kind', { enum: attachmentKinds }).notNull(),
    /** The sanitised file name, sealed under the patient's data key. */
    sealedFileName: text('sealed_file_name').notNull(),
    /** The uploader's description, sealed under the patient's data key; null when none was given. */
    sealedDescription: text('sealed_description'),
    /** Sniffed from the content, never taken from the client. */
    mediaType: text('media_type').notNull(),
    /** Plaintext bytes (a bigint read as a number by Drizzle on both drivers). */
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    blobKey: text('blob_key').notNull().unique(),
    /** The blob's data key sealed by the file key-encryption key (carries its key version). */
    wrappedKey: text('wrapped_key').notNull(),
    uploadedBy: uuid('uploaded_by').notNull().references(() => people.id),
    uploadedAt: instant('uploaded_at').notNull(),
    deletedAt: instant('deleted_at'),
    deletedBy: uuid('deleted_by').references(() => people.id),
  },
  (t) => [
    index('attachments_patient').on(t.patientId),
    check('attachments_kind', sql.raw(`kind in (${attachmentKinds.map((k) => `'${k}'`).join(', ')})`)),
    check('attachments_size', sql`${t.size} >= 0`),
    check('attachments_sha256', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check('attachments_deletion', sql`(${t.deletedAt} is null) = (${t.deletedBy} is null)`),
  ],
);
