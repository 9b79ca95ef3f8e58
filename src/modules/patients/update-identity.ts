import { and, eq, ne } from 'drizzle-orm';
import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import { patientBlindIndexes, patientIdentities, patientKeys } from '../../db/schema/patients.ts';
import { AppError } from '../../http/errors.ts';
import { hospitalPartition } from '../audit/audit-actions.contract.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { blindIndex, sealIdentity, unwrapPatientKey, type PatientIdentity } from './patient-crypto.ts';
import type { PatientSummary } from './patients.contract.ts';

/** Corrects the identifying data: re-sealed under the patient's key, blind indexes rebuilt, audited. */
export async function updateIdentity(deps: AppDeps, actor: Actor, patient: PatientSummary, identity: PatientIdentity, clientAddress: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const [key] = await tx.select().from(patientKeys).where(eq(patientKeys.patientId, patient.id));
    if (!key) throw new AppError('conflict', "This patient's identity has been erased.");
    const indexes = [
      { kind: 'recordNumber' as const, digest: blindIndex(deps.keys, patient.hospitalId, 'recordNumber', identity.recordNumber) },
      ...(identity.nationalId ? [{ kind: 'nationalId' as const, digest: blindIndex(deps.keys, patient.hospitalId, 'nationalId', identity.nationalId) }] : []),
    ];
    const [clash] = await tx
      .select({ id: patientBlindIndexes.patientId })
      .from(patientBlindIndexes)
      .where(and(eq(patientBlindIndexes.hospitalId, patient.hospitalId), eq(patientBlindIndexes.kind, 'recordNumber'), eq(patientBlindIndexes.digest, indexes[0]!.digest), ne(patientBlindIndexes.patientId, patient.id)));
    if (clash) throw new AppError('conflict', 'Another patient of this hospital has this record number.');
    const sealed = sealIdentity(unwrapPatientKey(deps.keys, patient.id, key.wrappedKey), deps.keys.version, patient.id, identity);
    await tx.update(patientIdentities).set({ sealed, updatedAt: deps.clock.now().toISOString() }).where(eq(patientIdentities.patientId, patient.id));
    await tx.delete(patientBlindIndexes).where(eq(patientBlindIndexes.patientId, patient.id));
    await tx.insert(patientBlindIndexes).values(indexes.map((i) => ({ patientId: patient.id, hospitalId: patient.hospitalId, ...i })));
    await recordAudit(tx, deps.clock, { partition: hospitalPartition(patient.hospitalId), actorId: actor.personId, action: 'patient.identityUpdated', targetType: 'patient', targetId: patient.id, patientId: patient.id, clientAddress });
  });
}
