import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { people } from './identity.ts';
import { hospitals } from './organisations.ts';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

export const sexes = ['female', 'male', 'other', 'unknown'] as const;

/**
 * A pseudonymised patient, owned by the enrolling hospital. Nothing here identifies the person: the
 * identity lives encrypted in patient_identities, under the patient's own data key.
 */
export const patients = pgTable(
  'patients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Short, speakable platform id shown everywhere instead of a name, e.g. "K7QD-M2XP". */
    patientCode: text('patient_code').notNull().unique(),
    nickname: text('nickname').notNull(),
    hospitalId: uuid('hospital_id').notNull().references(() => hospitals.id),
    sex: text('sex', { enum: sexes }).notNull(),
    /** What panels may see instead of the date of birth. */
    yearOfBirth: integer('year_of_birth'),
    createdBy: uuid('created_by').notNull().references(() => people.id),
    createdAt: instant('created_at').notNull(),
    deletedAt: instant('deleted_at'),
  },
  (t) => [
    index('patients_hospital').on(t.hospitalId),
    check('patients_sex', sql.raw(`sex in (${sexes.map((s) => `'${s}'`).join(', ')})`)),
    check('patients_year_of_birth', sql`${t.yearOfBirth} is null or ${t.yearOfBirth} between 1880 and 2200`),
  ],
);

/** The patient's data key, wrapped (encrypted) by a key derived from the master key. Deleting it crypto-shreds the identity. */
export const patientKeys = pgTable('patient_keys', {
  patientId: uuid('patient_id').primaryKey().references(() => patients.id),
  wrappedKey: text('wrapped_key').notNull(),
  createdAt: instant('created_at').notNull(),
});

/** Identifying data (name, date of birth, record number, national id) sealed under the patient's data key. */
export const patientIdentities = pgTable('patient_identities', {
  patientId: uuid('patient_id').primaryKey().references(() => patients.id),
  sealed: text('sealed').notNull(),
  updatedAt: instant('updated_at').notNull(),
});

/**
 * HMAC blind indexes (under a key of their own) of identifiers that must be found again without
 * decrypting: a second enrolment with the same hospital record number is caught here.
 */
export const patientBlindIndexes = pgTable(
  'patient_blind_indexes',
  {
    patientId: uuid('patient_id').notNull().references(() => patients.id),
    hospitalId: uuid('hospital_id').notNull().references(() => hospitals.id),
    kind: text('kind', { enum: ['recordNumber', 'nationalId'] }).notNull(),
    digest: text('digest').notNull(),
  },
  (t) => [unique('patient_blind_indexes_unique').on(t.hospitalId, t.kind, t.digest), index('patient_blind_indexes_patient').on(t.patientId)],
);
