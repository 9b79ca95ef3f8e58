import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { people } from './identity.ts';
import { diseaseGroups, erns, hospitals } from './organisations.ts';
import { outcomeReports } from './outcome-reports.ts';
import { panels, panelUrgencies } from './panels.ts';
import { patients, sexes } from './patients.ts';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });
const inList = (column: string, values: readonly string[]) => sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);

export const referralStatuses = ['sent', 'underReview', 'moreInformationRequested', 'accepted', 'panelOpened', 'outcomeAvailable', 'declined'] as const;
export const referralFileKinds = ['attachment', 'consentForm'] as const;

/**
 * A case sent by a referring clinician (outside the networks) to a member centre (hospital) of one ERN.
 * Nothing here identifies the patient: the identity is sealed in referral_secrets under the referral's own
 * data key. Accepting enrols the patient at the receiving hospital (patient_id); a panel opened on that
 * patient is linked (panel_id) and its first signed outcome report (outcome_report_id) reaches the referrer.
 */
export const referrals = pgTable(
  'referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Short, speakable reference both sides use (like a platform id), e.g. "R-K7QD-M2XP". */
    referralCode: text('referral_code').notNull().unique(),
    ernId: uuid('ern_id').notNull().references(() => erns.id),
    diseaseGroupId: uuid('disease_group_id').references(() => diseaseGroups.id),
    /** The receiving member centre. */
    hospitalId: uuid('hospital_id').notNull().references(() => hospitals.id),
    referrerId: uuid('referrer_id').notNull().references(() => people.id),
    /** The referrer's hospital and country as confirmed with their affiliation, copied when sent. */
    referringHospital: text('referring_hospital').notNull(),
    referringCountry: text('referring_country').notNull(),
    nickname: text('nickname').notNull(),
    sex: text('sex', { enum: sexes }).notNull(),
    urgency: text('urgency', { enum: panelUrgencies }).notNull(),
    clinicalQuestion: text('clinical_question').notNull(),
    caseSummary: text('case_summary').notNull(),
    keyResults: text('key_results').notNull(),
    /** HPO terms: [{ id, label, excluded }]. */
    phenotypicFeatures: jsonb('phenotypic_features').notNull(),
    /** A Phenopacket v2 the referrer imported (checked when sent), imported into the record on acceptance. */
    phenopacket: jsonb('phenopacket'),
    /** The patient's consent to the referral: attested by the referrer, or the signed form attached (consentForm file). */
    consentGivenBy: text('consent_given_by', { enum: ['patient', 'legalRepresentative'] }).notNull(),
    consentRepresentativeRelation: text('consent_representative_relation'),
    consentGivenOn: text('consent_given_on').notNull(),
    consentLanguage: text('consent_language').notNull(),
    consentEvidence: text('consent_evidence', { enum: ['attestation', 'upload'] }).notNull(),
    status: text('status', { enum: referralStatuses }).notNull(),
    declineReason: text('decline_reason'),
    /** Where useful: another centre or ERN the referrer could try. */
    declineSuggestion: text('decline_suggestion'),
    patientId: uuid('patient_id').references(() => patients.id),
    panelId: uuid('panel_id').references(() => panels.id),
    outcomeReportId: uuid('outcome_report_id').references(() => outcomeReports.id),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    index('referrals_referrer').on(t.referrerId, t.createdAt),
    index('referrals_hospital').on(t.hospitalId, t.status),
    index('referrals_patient').on(t.patientId),
    check('referrals_status', inList('status', referralStatuses)),
    check('referrals_accepted_patient', sql`(${t.status} in ('accepted', 'panelOpened', 'outcomeAvailable')) = (${t.patientId} is not null)`),
    check('referrals_declined_reason', sql`(${t.status} = 'declined') = (${t.declineReason} is not null)`),
  ],
);

/** The referral's data key (wrapped by a key derived from the master key) and the identity sealed under it; deleting the row crypto-shreds it. */
export const referralSecrets = pgTable('referral_secrets', {
  referralId: uuid('referral_id').primaryKey().references(() => referrals.id),
  wrappedKey: text('wrapped_key').notNull(),
  sealedIdentity: text('sealed_identity').notNull(),
});

/** The status history: who moved the referral, when, to what. */
export const referralEvents = pgTable(
  'referral_events',
  {
    referralId: uuid('referral_id').notNull().references(() => referrals.id),
    seq: integer('seq').notNull(),
    status: text('status', { enum: referralStatuses }).notNull(),
    by: uuid('by').references(() => people.id),
    at: instant('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.referralId, t.seq] }), check('referral_events_status', inList('status', referralStatuses))],
);

/** The question thread both sides see. */
export const referralMessages = pgTable(
  'referral_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    referralId: uuid('referral_id').notNull().references(() => referrals.id),
    /** Order within the thread (timestamps can tie). */
    seq: integer('seq').notNull(),
    authorId: uuid('author_id').notNull().references(() => people.id),
    side: text('side', { enum: ['referrer', 'centre'] }).notNull(),
    body: text('body').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [unique('referral_messages_seq').on(t.referralId, t.seq), check('referral_messages_side', sql`${t.side} in ('referrer', 'centre')`)],
);

/** Files sent with a referral: encrypted in the blob store under their own key; the name sealed under the referral's key. */
export const referralFiles = pgTable(
  'referral_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    referralId: uuid('referral_id').notNull().references(() => referrals.id),
    kind: text('kind', { enum: referralFileKinds }).notNull(),
    sealedFileName: text('sealed_file_name').notNull(),
    mediaType: text('media_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    blobKey: text('blob_key').notNull(),
    wrappedKey: text('wrapped_key').notNull(),
    uploadedBy: uuid('uploaded_by').notNull().references(() => people.id),
    uploadedAt: instant('uploaded_at').notNull(),
  },
  (t) => [unique('referral_files_blob').on(t.blobKey), index('referral_files_referral').on(t.referralId), check('referral_files_kind', inList('kind', referralFileKinds))],
);
