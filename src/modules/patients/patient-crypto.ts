import { createHmac, randomBytes } from 'node:crypto';
import type { Keys } from '../../platform/keys.ts';
import { open, seal } from '../../platform/secret-box.ts';

export interface PatientIdentity {
  givenName: string;
  familyName: string;
  /** ISO 8601 date (YYYY-MM-DD): a date-only value, never a JavaScript Date. */
  dateOfBirth: string;
  recordNumber: string;
  nationalId: string | null;
}

/** A fresh data key for one patient, and its wrapped form for storage (bound to the patient id). */
export function newPatientKey(keys: Keys, patientId: string): { dataKey: Buffer; wrapped: string } {
  const dataKey = randomBytes(32);
  return { dataKey, wrapped: seal(keys.derive('patient-keys'), keys.version, dataKey.toString('base64'), `patient-key:${patientId}`) };
}

export const unwrapPatientKey = (keys: Keys, patientId: string, wrapped: string): Buffer =>
  Buffer.from(open(keys.derive('patient-keys'), wrapped, `patient-key:${patientId}`), 'base64');

export const sealIdentity = (dataKey: Buffer, keyVersion: number, patientId: string, identity: PatientIdentity): string =>
  seal(dataKey, keyVersion, JSON.stringify(identity), `patient-identity:${patientId}`);

export const openIdentity = (dataKey: Buffer, patientId: string, sealed: string): PatientIdentity =>
  JSON.parse(open(dataKey, sealed, `patient-identity:${patientId}`)) as PatientIdentity;

/** Identifiers compare after trimming, upper-casing and dropping spaces and dashes ("ab-123 4" = "AB1234"). */
const normaliseIdentifier = (value: string) => value.toUpperCase().replaceAll(/[\s\-./]/g, '');

/**
 * HMAC-SHA-256 blind index under its own key, scoped to the hospital: equal identifiers give equal
 * digests, but the digest reveals nothing without the key (unlike a plain hash of a short number).
 */
export const blindIndex = (keys: Keys, hospitalId: string, kind: 'recordNumber' | 'nationalId', value: string): string =>
  createHmac('sha256', keys.derive('blind-index')).update(`${hospitalId}\u0000${kind}\u0000${normaliseIdentifier(value)}`).digest('hex');
