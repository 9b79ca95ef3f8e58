import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Db, Tx } from '../../db/database.ts';
import { consents } from '../../db/schema/consents.ts';
import { AppError } from '../../http/errors.ts';
import { hospitalPartition } from '../audit/audit-actions.contract.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { announceCaseWithheld } from '../discussion/panel-events.ts';
import { requireEvidenceAttachment } from './consent-evidence.ts';
import type { ConsentKind, ConsentView, NewConsent } from './consent.contract.ts';

const toView = (row: typeof consents.$inferSelect): ConsentView => ({
  id: row.id,
  kind: row.kind,
  scope: row.scope,
  givenBy: row.givenBy,
  representativeRelation: row.representativeRelation,
  givenOn: row.givenOn,
  formVersion: row.formVersion,
  language: row.language,
  evidence: row.evidence,
  evidenceAttachmentId: row.evidenceAttachmentId,
  recordedAt: row.recordedAt,
  withdrawnOn: row.withdrawnOn,
  withdrawnAt: row.withdrawnAt,
  active: row.withdrawnAt === null,
});

/** The patient's whole consent history, oldest first (withdrawn rows included). */
export async function consentHistory(db: Db | Tx, patientId: string): Promise<ConsentView[]> {
  return (await db.select().from(consents).where(eq(consents.patientId, patientId)).orderBy(asc(consents.recordedAt))).map(toView);
}

/** Whether a consent of this kind (and scope) is in force now: the gate every sharing and research use checks. */
export async function hasActiveConsent(db: Db | Tx, patientId: string, kind: ConsentKind, scope: string | null = null): Promise<boolean> {
  const [row] = await db
    .select({ id: consents.id })
    .from(consents)
    .where(and(eq(consents.patientId, patientId), eq(consents.kind, kind), scope === null ? undefined : eq(consents.scope, scope), isNull(consents.withdrawnAt)))
    .limit(1);
  return row !== undefined;
}

/**
 * Records a consent in the caller's transaction (enrolment records the care consent this way). With
 * evidence 'upload' the signed form must be a consent form of this patient, uploaded first (422 otherwise).
 */
export async function insertConsent(tx: Tx, deps: Pick<AppDeps, 'clock'>, actor: Pick<Actor, 'personId'>, patient: { id: string; hospitalId: string }, input: NewConsent, clientAddress: string): Promise<string> {
  if (input.givenOn > deps.clock.now().toISOString().slice(0, 10)) throw new AppError('unprocessable', 'The consent date is in the future.', [{ path: 'body.givenOn', message: 'in the future' }]);
  const evidenceAttachmentId = input.evidence === 'upload' ? (input.evidenceAttachmentId ?? null) : null;
  if (evidenceAttachmentId !== null) await requireEvidenceAttachment(tx, patient.id, evidenceAttachmentId, 'body.evidenceAttachmentId');
  const [row] = await tx
    .insert(consents)
    .values({ ...input, evidenceAttachmentId, patientId: patient.id, recordedBy: actor.personId, recordedAt: deps.clock.now().toISOString() })
    .returning({ id: consents.id });
  const details = evidenceAttachmentId === null ? { kind: input.kind } : { kind: input.kind, evidenceAttachmentId };
  await recordAudit(tx, deps.clock, { partition: hospitalPartition(patient.hospitalId), actorId: actor.personId, action: 'consent.recorded', targetType: 'consent', targetId: row!.id, patientId: patient.id, clientAddress, details });
  return row!.id;
}

export const recordConsent = (deps: AppDeps, actor: Actor, patient: { id: string; hospitalId: string }, input: NewConsent, clientAddress: string) =>
  deps.db.transaction((tx) => insertConsent(tx, deps, actor, patient, input, clientAddress));

/** Withdrawal takes effect at once; the row stays as history. */
export async function withdrawConsent(deps: Pick<AppDeps, 'db' | 'clock'>, actor: Pick<Actor, 'personId'>, patient: { id: string; hospitalId: string }, consentId: string, input: { withdrawnOn: string; note: string | null }, clientAddress: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(consents)
      .set({ withdrawnOn: input.withdrawnOn, withdrawnAt: deps.clock.now().toISOString(), withdrawnBy: actor.personId, withdrawalNote: input.note })
      .where(and(eq(consents.id, consentId), eq(consents.patientId, patient.id), isNull(consents.withdrawnAt)))
      .returning({ kind: consents.kind });
    if (!row) throw new AppError('notFound', 'No such consent in force for this patient.');
    await recordAudit(tx, deps.clock, { partition: hospitalPartition(patient.hospitalId), actorId: actor.personId, action: 'consent.withdrawn', targetType: 'consent', targetId: consentId, patientId: patient.id, clientAddress, details: { kind: row.kind } });
    await announceCaseWithheld(tx, deps.clock, patient.id, row.kind);
  });
}
