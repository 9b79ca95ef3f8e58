import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Tx } from '../../db/database.ts';
import { AppError } from '../../http/errors.ts';
import type { AuditAction } from '../audit/audit-actions.contract.ts';
import { hospitalPartition } from '../audit/audit-actions.contract.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { PatientSummary } from '../patients/patients.contract.ts';
import { toPhenopacket } from './phenopacket/to-phenopacket.ts';
import { listVersions, readCurrentVersion, readVersion } from './record-store.ts';
import { recordView } from './record-view.ts';
import { emptyRecord, type CurrentRecord, type RecordHistory, type RecordVersionDetail } from './records.contract.ts';

type Patient = Pick<PatientSummary, 'id' | 'hospitalId' | 'patientCode' | 'sex'>;

/** Every read of a record is audited in the transaction that reads it. */
const audited = <T>(deps: AppDeps, actor: Actor, patient: Patient, clientAddress: string, action: AuditAction, read: (tx: Tx) => Promise<{ result: T; details: Record<string, unknown> }>) =>
  deps.db.transaction(async (tx) => {
    const { result, details } = await read(tx);
    await recordAudit(tx, deps.clock, { partition: hospitalPartition(patient.hospitalId), actorId: actor.personId, action, targetType: 'record', targetId: patient.id, patientId: patient.id, clientAddress, details });
    return result;
  });

/** The current record with its version (0 and empty until the first change). */
export const viewCurrentRecord = (deps: AppDeps, actor: Actor, patient: Patient, clientAddress: string): Promise<CurrentRecord> =>
  audited(deps, actor, patient, clientAddress, 'record.viewed', async (tx) => {
    const current = await readCurrentVersion(tx, patient.id);
    const result = current
      ? { patientId: patient.id, version: current.version, updatedAt: current.createdAt, updatedBy: current.createdBy, content: recordView(current.content) }
      : { patientId: patient.id, version: 0, updatedAt: null, updatedBy: null, content: recordView(emptyRecord()) };
    return { result, details: { version: result.version } };
  });

/** Who changed which sections, when: every version, newest first. */
export const viewRecordHistory = (deps: AppDeps, actor: Actor, patient: Patient, clientAddress: string): Promise<RecordHistory> =>
  audited(deps, actor, patient, clientAddress, 'record.historyViewed', async (tx) => {
    const versions = await listVersions(tx, patient.id);
    return { result: { patientId: patient.id, currentVersion: versions[0]?.version ?? 0, versions }, details: {} };
  });

/** Any one version, as it was saved. */
export async function viewRecordVersion(deps: AppDeps, actor: Actor, patient: Patient, version: number, clientAddress: string): Promise<RecordVersionDetail> {
  return audited(deps, actor, patient, clientAddress, 'record.viewed', async (tx) => {
    const stored = await readVersion(tx, patient.id, version);
    if (!stored) throw new AppError('notFound', `This record has no version ${version}.`);
    const { content, ...summary } = stored;
    return { result: { ...summary, patientId: patient.id, content: recordView(content) }, details: { version } };
  });
}

/** The current record as a GA4GH Phenopacket v2 (pseudonymous: the platform id, never identity fields). */
export const exportPhenopacket = (deps: AppDeps, actor: Actor, patient: Patient, clientAddress: string) =>
  audited(deps, actor, patient, clientAddress, 'phenopacket.exported', async (tx) => {
    const current = await readCurrentVersion(tx, patient.id);
    const version = current?.version ?? 0;
    return { result: toPhenopacket(patient, version, current?.content ?? emptyRecord(), deps.clock.now().toISOString()), details: { version } };
  });
