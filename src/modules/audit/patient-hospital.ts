import { eq } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { patients } from '../../db/schema/patients.ts';

/** The hospital a patient belongs to (the enrolling hospital), or undefined for no such patient. */
export type PatientHospitalLookup = (db: Db, patientId: string) => Promise<string | undefined>;

/** Deleted patients keep their access report: who saw them stays answerable. */
export const patientHospitalOf: PatientHospitalLookup = async (db, patientId) => {
  const [row] = await db.select({ hospitalId: patients.hospitalId }).from(patients).where(eq(patients.id, patientId));
  return row?.hospitalId;
};
