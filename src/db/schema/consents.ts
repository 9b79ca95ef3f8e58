import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { people } from './identity.ts';
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
  ],
);
