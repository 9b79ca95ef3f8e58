import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Tx } from '../../db/database.ts';
import { patientBlindIndexes, patientIdentities, patientKeys, patients } from '../../db/schema/patients.ts';
import { AppError } from '../../http/errors.ts';
import { hospitalPartition } from '../audit/audit-actions.contract.ts';
import { insertConsent } from '../consent/consents.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { newPatientCode } from './patient-code.ts';
import { blindIndex, newPatientKey, sealIdentity } from './patient-crypto.ts';
import type { EnrolPatient } from './patients.contract.ts';

/** The patient already enrolled at this hospital under this record number, if any (found by blind index). */
export async function findByRecordNumber(tx: Tx | AppDeps['db'], deps: Pick<AppDeps, 'keys'>, hospitalId: string, recordNumber: string): Promise<string | undefined> {
  const digest = blindIndex(deps.keys, hospitalId, 'recordNumber', recordNumber);
  const [row] = await tx
    .select({ patientId: patientBlindIndexes.patientId })
    .from(patientBlindIndexes)
    .where(and(eq(patientBlindIndexes.hospitalId, hospitalId), eq(patientBlindIndexes.kind, 'recordNumber'), eq(patientBlindIndexes.digest, digest)));
  return row?.patientId;
}

/**
 * Enrols a patient of the actor's hospital: a platform id and nickname in the clear; name, date of birth,
 * record number and national id sealed under a new per-patient key; blind indexes to catch a second
 * enrolment. One transaction, audited in the hospital's chain.
 */
export async function enrolPatient(deps: Pick<AppDeps, 'db' | 'clock' | 'keys'>, actor: Pick<Actor, 'personId'>, input: EnrolPatient, clientAddress: string): Promise<string> {
  const year = Number(input.identity.dateOfBirth.slice(0, 4));
  if (input.identity.dateOfBirth > deps.clock.now().toISOString().slice(0, 10)) {
    throw new AppError('unprocessable', 'The date of birth is in the future.', [{ path: 'body.identity.dateOfBirth', message: 'in the future' }]);
  }
  return deps.db.transaction(async (tx) => {
    const existing = await findByRecordNumber(tx, deps, input.hospitalId, input.identity.recordNumber);
    if (existing) {
      const [other] = await tx.select({ code: patients.patientCode }).from(patients).where(eq(patients.id, existing));
      throw new AppError('conflict', `A patient with this hospital record number is already enrolled (${other?.code ?? 'unknown'}).`);
    }
    const now = deps.clock.now().toISOString();
    const id = await insertPatient(tx, { ...input, yearOfBirth: year, createdBy: actor.personId, createdAt: now });
    const { dataKey, wrapped } = newPatientKey(deps.keys, id);
    await tx.insert(patientKeys).values({ patientId: id, wrappedKey: wrapped, createdAt: now });
    await tx.insert(patientIdentities).values({ patientId: id, sealed: sealIdentity(dataKey, deps.keys.version, id, input.identity), updatedAt: now });
    const indexes = [{ kind: 'recordNumber' as const, value: input.identity.recordNumber }, ...(input.identity.nationalId ? [{ kind: 'nationalId' as const, value: input.identity.nationalId }] : [])];
    await tx.insert(patientBlindIndexes).values(indexes.map((i) => ({ patientId: id, hospitalId: input.hospitalId, kind: i.kind, digest: blindIndex(deps.keys, input.hospitalId, i.kind, i.value) })));
    await recordAudit(tx, deps.clock, { partition: hospitalPartition(input.hospitalId), actorId: actor.personId, action: 'patient.enrolled', targetType: 'patient', targetId: id, patientId: id, clientAddress });
    await insertConsent(tx, deps, actor, { id, hospitalId: input.hospitalId }, { kind: 'care', scope: null, ...input.careConsent }, clientAddress);
    return id;
  });
}

async function insertPatient(tx: Tx, values: Omit<typeof patients.$inferInsert, 'patientCode'> & { identity?: unknown }): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const [row] = await tx
      .insert(patients)
      .values({ hospitalId: values.hospitalId, nickname: values.nickname, sex: values.sex, yearOfBirth: values.yearOfBirth, createdBy: values.createdBy, createdAt: values.createdAt, patientCode: newPatientCode() })
      .onConflictDoNothing({ target: patients.patientCode })
      .returning({ id: patients.id });
    if (row) return row.id;
  }
  throw new Error('could not allocate a unique patient code');
}
