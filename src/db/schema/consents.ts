import { sql } from 'drizzle-orm';
import { bigint, check, date, index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { attachments } from './attachments.ts';
import { people } from './identity.ts';
import { erns } from './organisations.ts';
import { patients } from './patients.ts';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

export const consentKinds = ['care', 'ernRegistries', 'researchContact', 'photographs'] as const;

/**
 * One row per consent given, per kind and scope; never deleted. Withdrawal is recorded on the row and
 * takes effect at once; a later consent of the same kind and scope is a new row, so the history stays.
 */
export const consents = pgTable(
  'consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id').notNull().references(() => patients.id),
    kind: text('kind', { enum: consentKinds }).notNull(),
    /** Which ERN or registry the consent covers; null where the kind has no scope (care, photographs). */
    scope: text('scope'),
    givenBy: text('given_by', { enum: ['patient', 'legalRepresentative'] }).notNull(),
    /** e.g. "mother", "guardian": many patients are children. */
    representativeRelation: text('representative_relation'),
    givenOn: date('given_on', { mode: 'string' }).notNull(),
    formVersion: text('form_version').notNull(),
    language: text('language').notNull(),
    /** The hospital attests it keeps the signed form, or the signed form is uploaded (attachments issue). */
    evidence: text('evidence', { enum: ['attestation', 'upload'] }).notNull(),
    /** The signed form (an attachment of kind consentForm) when evidence is 'upload'. */
    evidenceAttachmentId: uuid('evidence_attachment_id').references(() => attachments.id),
    recordedBy: uuid('recorded_by').notNull().references(() => people.id),
    recordedAt: instant('recorded_at').notNull(),
    withdrawnOn: date('withdrawn_on', { mode: 'string' }),
    withdrawnAt: instant('withdrawn_at'),
    withdrawnBy: uuid('withdrawn_by').references(() => people.id),
    withdrawalNote: text('withdrawal_note'),
  },
  (t) => [
    index('consents_patient').on(t.patientId),
    check('consents_kind', sql.raw(`kind in (${consentKinds.map((k) => `'${k}'`).join(', ')})`)),
    check('consents_representative', sql`${t.givenBy} = 'patient' or ${t.representativeRelation} is not null`),
    check('consents_withdrawal', sql`(${t.withdrawnAt} is null) = (${t.withdrawnOn} is null)`),
    check('consents_evidence', sql`(${t.evidence} = 'upload') = (${t.evidenceAttachmentId} is not null)`),
  ],
);

/**
 * A model consent form that administrators publish per kind, language and version (optionally for one
 * ERN); staff download it, have it signed, and record the consent with that form version. Not patient
 * data: the file is stored in the blob store like any other, encrypted under its own data key.
 */
export const consentFormTemplates = pgTable(
  'consent_form_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: consentKinds }).notNull(),
    /** Null: the platform's template, for every ERN. */
    ernId: uuid('ern_id').references(() => erns.id),
    language: text('language').notNull(),
    version: text('version').notNull(),
    title: text('title').notNull(),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    blobKey: text('blob_key').notNull().unique(),
    wrappedKey: text('wrapped_key').notNull(),
    uploadedBy: uuid('uploaded_by').notNull().references(() => people.id),
    uploadedAt: instant('uploaded_at').notNull(),
    /** A retired template is no longer offered; consents recorded with it keep its version. */
    retiredAt: instant('retired_at'),
    retiredBy: uuid('retired_by').references(() => people.id),
  },
  (t) => [
    unique('consent_form_templates_version').on(t.kind, t.ernId, t.language, t.version).nullsNotDistinct(),
    check('consent_form_templates_kind', sql.raw(`kind in (${consentKinds.map((k) => `'${k}'`).join(', ')})`)),
    check('consent_form_templates_language', sql`${t.language} ~ '^[a-z]{2}$'`),
    check('consent_form_templates_retired', sql`(${t.retiredAt} is null) = (${t.retiredBy} is null)`),
  ],
);
