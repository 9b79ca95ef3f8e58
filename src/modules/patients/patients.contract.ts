import { z } from 'zod';
import { CareConsent } from '../consent/consent.contract.ts';

export const Sex = z.enum(['female', 'male', 'other', 'unknown']);

export const PatientIdentity = z.object({
  givenName: z.string().trim().min(1).max(200),
  familyName: z.string().trim().min(1).max(200),
  dateOfBirth: z.iso.date('a date such as 2014-03-27'),
  recordNumber: z.string().trim().min(1).max(64),
  nationalId: z.string().trim().min(1).max(64).nullable(),
});
export type PatientIdentity = z.infer<typeof PatientIdentity>;

export const EnrolPatient = z.object({
  hospitalId: z.uuid(),
  nickname: z.string().trim().min(1).max(80),
  sex: Sex,
  identity: PatientIdentity,
  /** Care consent is required to enrol. */
  careConsent: CareConsent,
});
export type EnrolPatient = z.infer<typeof EnrolPatient>;

export const PatientSummary = z.object({
  id: z.string(),
  patientCode: z.string(),
  nickname: z.string(),
  hospitalId: z.string(),
  hospitalName: z.string(),
  sex: Sex,
  yearOfBirth: z.number().int().nullable(),
  createdAt: z.string(),
});
export type PatientSummary = z.infer<typeof PatientSummary>;

/** The identity is present only for the enrolling hospital's staff. */
export const PatientDetail = PatientSummary.extend({ identity: PatientIdentity.nullable() });
export type PatientDetail = z.infer<typeof PatientDetail>;

export const PatientList = z.object({ patients: z.array(PatientSummary) });
export type PatientList = z.infer<typeof PatientList>;

/** Filters that carry no identifying data may go in the URL. */
export const PatientListQuery = z.object({
  hospitalId: z.uuid().optional(),
  q: z.string().trim().max(80).optional(),
});

/** Searching by record number: identifying, so a POST body, never a URL. */
export const PatientRecordNumberSearch = z.object({ hospitalId: z.uuid(), recordNumber: z.string().trim().min(1).max(64) });
