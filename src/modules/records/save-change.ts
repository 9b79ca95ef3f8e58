import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Tx } from '../../db/database.ts';
import { AppError, type FieldProblem } from '../../http/errors.ts';
import type { AuditAction } from '../audit/audit-actions.contract.ts';
import { hospitalPartition } from '../audit/audit-actions.contract.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { checkRecord } from './check-record.ts';
import { appendVersion } from './record-store.ts';
import { changedSections } from './record-view.ts';
import type { RecordContent, RecordSection } from './records.contract.ts';

export interface RecordPatient {
  id: string;
  hospitalId: string;
}

/**
 * The problems a change brings in: those of the new record that the old one did not have. A rule
 * tightened since an old item was saved must not block editing another section.
 */
export function newProblems(base: RecordContent, next: RecordContent, today: string): FieldProblem[] {
  const known = new Set(checkRecord(base, today).map((p) => `${p.path}\u0000${p.message}`));
  return checkRecord(next, today).filter((p) => !known.has(`${p.path}\u0000${p.message}`));
}

export const unprocessable = (problems: FieldProblem[]) =>
  new AppError('unprocessable', 'The record cannot be saved like this; nothing was changed. See problems.', problems.slice(0, 100));

/**
 * Saves `next` as the version after `expectedVersion` (the caller holds the record's lock), audited
 * in the same transaction. A change that changes nothing makes no version (audited with no sections).
 */
export async function saveChange(
  tx: Tx,
  deps: Pick<AppDeps, 'clock'>,
  change: { actor: Pick<Actor, 'personId'>; patient: RecordPatient; base: RecordContent; next: RecordContent; expectedVersion: number; source: 'edit' | 'phenopacketImport'; action: AuditAction; details?: Record<string, unknown>; clientAddress: string },
): Promise<{ version: number; changedSections: RecordSection[] }> {
  const changed = changedSections(change.base, change.next);
  const unchanged = changed.length === 0;
  const version = unchanged ? change.expectedVersion : change.expectedVersion + 1;
  if (!unchanged) {
    const createdAt = deps.clock.now().toISOString();
    await appendVersion(tx, { patientId: change.patient.id, version, content: change.next, createdAt, createdBy: change.actor.personId, changedSections: changed, source: change.source });
  }
  await recordAudit(tx, deps.clock, {
    partition: hospitalPartition(change.patient.hospitalId),
    actorId: change.actor.personId,
    action: change.action,
    targetType: 'record',
    targetId: change.patient.id,
    patientId: change.patient.id,
    clientAddress: change.clientAddress,
    details: { version, sections: changed, ...change.details },
  });
  return { version, changedSections: changed };
}
