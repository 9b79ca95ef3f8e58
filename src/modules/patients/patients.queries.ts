import { and, desc, eq, ilike, or } from 'drizzle-orm';
import type { Actor } from '../../access/actor.ts';
import { isUuid } from '../../access/actor.ts';
import type { Db, Tx } from '../../db/database.ts';
import { hospitals } from '../../db/schema/index.ts';
import { patientIdentities, patientKeys, patients } from '../../db/schema/patients.ts';
import type { Keys } from '../../platform/keys.ts';
import { normalisePatientCode } from './patient-code.ts';
import { openIdentity, unwrapPatientKey, type PatientIdentity } from './patient-crypto.ts';
import { patientScope } from './patient-scope.ts';
import type { PatientSummary } from './patients.contract.ts';

const summaryColumns = {
  id: patients.id,
  patientCode: patients.patientCode,
  nickname: patients.nickname,
  hospitalId: patients.hospitalId,
  hospitalName: hospitals.name,
  sex: patients.sex,
  yearOfBirth: patients.yearOfBirth,
  createdAt: patients.createdAt,
};

/** One patient within the actor's scope, or undefined (the caller answers 404). */
export async function findPatient(db: Db | Tx, actor: Actor, id: string): Promise<PatientSummary | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select(summaryColumns).from(patients).innerJoin(hospitals, eq(hospitals.id, patients.hospitalId)).where(and(eq(patients.id, id), patientScope(actor)));
  return row;
}

/** The actor's patients, newest first; `q` matches the nickname or the platform id. */
export async function listPatients(db: Db, actor: Actor, filter: { hospitalId?: string | undefined; q?: string | undefined }): Promise<PatientSummary[]> {
  const code = filter.q ? normalisePatientCode(filter.q) : undefined;
  const text = filter.q ? `%${filter.q.replaceAll(/[%_\\]/g, (c) => `\\${c}`)}%` : undefined;
  return db
    .select(summaryColumns)
    .from(patients)
    .innerJoin(hospitals, eq(hospitals.id, patients.hospitalId))
    .where(
      and(
        patientScope(actor),
        filter.hospitalId ? eq(patients.hospitalId, filter.hospitalId) : undefined,
        text ? or(ilike(patients.nickname, text), code ? eq(patients.patientCode, code) : undefined) : undefined,
      ),
    )
    .orderBy(desc(patients.createdAt))
    .limit(200);
}

/** Decrypts a patient's identity (callers check canSeeIdentity first and audit the read). */
export async function readIdentity(db: Db | Tx, keys: Keys, patientId: string): Promise<PatientIdentity | null> {
  const [row] = await db
    .select({ sealed: patientIdentities.sealed, wrapped: patientKeys.wrappedKey })
    .from(patientIdentities)
    .innerJoin(patientKeys, eq(patientKeys.patientId, patientIdentities.patientId))
    .where(eq(patientIdentities.patientId, patientId));
  if (!row) return null; // crypto-shredded
  return openIdentity(unwrapPatientKey(keys, patientId, row.wrapped), patientId, row.sealed);
}
