import type { Db } from '../../db/database.ts';

/** The hospital a patient belongs to (the enrolling hospital), or undefined for no such patient. */
export type PatientHospitalLookup = (db: Db, patientId: string) => Promise<string | undefined>;

/**
 * TODO(patients issue): there is no patients table yet, so no patient exists and every access report is
 * 404. Replace with the patients module's lookup (`select hospital_id from patients where id = $1`).
 */
export const patientHospitalOf: PatientHospitalLookup = async () => undefined;
