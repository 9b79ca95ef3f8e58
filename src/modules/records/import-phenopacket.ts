import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import { AppError } from '../../http/errors.ts';
import type { PatientSummary } from '../patients/patients.contract.ts';
import { hospitalPartition } from '../audit/audit-actions.contract.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { latestDateNow } from './check-record.ts';
import { mergeImport } from './merge-import.ts';
import { readPhenopacket } from './phenopacket/from-phenopacket.ts';
import { assertExpectedVersion, lockRecord, readCurrentVersion } from './record-store.ts';
import { changedSections, recordView } from './record-view.ts';
import { emptyRecord, RecordContent, type PhenopacketImport, type PhenopacketImportResult } from './records.contract.ts';
import { newProblems, saveChange, unprocessable } from './save-change.ts';
import { zodProblems } from './zod-problems.ts';

/**
 * Creates or updates the record from a Phenopacket v2: validated first (a bad file answers 422 with
 * its problems and changes nothing), mapped into the structured sections (the file itself is not
 * kept), then saved as a new version — or, with `preview`, only shown.
 */
export async function importPhenopacket(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  input: { actor: Actor; patient: Pick<PatientSummary, 'id' | 'hospitalId' | 'sex'>; request: PhenopacketImport; clientAddress: string },
): Promise<PhenopacketImportResult> {
  const { actor, patient, request } = input;
  const reading = readPhenopacket(request.phenopacket, patient.sex);
  if (reading.problems.length > 0) throw new AppError('unprocessable', 'The phenopacket cannot be imported; nothing was changed. See problems.', reading.problems);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    let base;
    if (request.preview) {
      const current = await readCurrentVersion(tx, patient.id);
      assertExpectedVersion(current?.version ?? 0, request.expectedVersion);
      base = current?.content ?? emptyRecord();
    } else {
      base = await lockRecord(tx, patient.id, request.expectedVersion, now.toISOString());
    }
    const next = mergeImport(base, reading.imported, request.mode);
    // a safety net: the mapping builds valid items, but a field longer than the record allows is caught here
    const shape = RecordContent.safeParse(next);
    if (!shape.success) throw unprocessable(zodProblems(shape.error, 'record'));
    const problems = newProblems(base, next, latestDateNow(now)).map((p) => ({ ...p, path: `record.${p.path}` }));
    if (problems.length > 0) throw unprocessable(problems);
    const details = { mode: request.mode };
    if (request.preview) {
      await recordAudit(tx, deps.clock, { partition: hospitalPartition(patient.hospitalId), actorId: actor.personId, action: 'phenopacket.importPreviewed', targetType: 'record', targetId: patient.id, patientId: patient.id, clientAddress: input.clientAddress, details });
      return { preview: true, version: request.expectedVersion, changedSections: changedSections(base, next), content: recordView(next), notImported: reading.notImported };
    }
    const saved = await saveChange(tx, deps, { actor, patient, base, next, expectedVersion: request.expectedVersion, source: 'phenopacketImport', action: 'phenopacket.imported', details, clientAddress: input.clientAddress });
    return { preview: false, version: saved.version, changedSections: saved.changedSections, content: recordView(next), notImported: reading.notImported };
  });
}
