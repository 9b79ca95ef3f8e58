import { and, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Tx } from '../../db/database.ts';
import { attachments } from '../../db/schema/attachments.ts';
import { consents } from '../../db/schema/consents.ts';
import { AppError } from '../../http/errors.ts';
import { hospitalPartition } from '../audit/audit-actions.contract.ts';
import { recordAudit } from '../audit/record-audit.ts';

/*
 * A consent's signed form is one of the patient's attachments, of kind consentForm. While a consent cites it,
 * the attachment cannot be deleted. Both sides lock the attachment row (here FOR SHARE, the deletion FOR
 * UPDATE), so a deletion and a citation of the same file never both succeed.
 */

const notEvidence = (path: string) =>
  new AppError('unprocessable', 'The signed form must be one of this patient\'s files, uploaded as a consent form.', [{ path, message: 'not a consent form of this patient' }]);

/** The attachment, locked against deletion until the transaction ends; 422 unless it is a consent form of this patient. */
export async function requireEvidenceAttachment(tx: Tx, patientId: string, attachmentId: string, path: string): Promise<void> {
  const [row] = await tx
    .select({ kind: attachments.kind })
    .from(attachments)
    .where(and(eq(attachments.id, attachmentId), eq(attachments.patientId, patientId), isNull(attachments.deletedAt)))
    .for('share');
  if (!row || row.kind !== 'consentForm') throw notEvidence(path);
}

/** Whether a consent cites the attachment as its signed form (the caller holds the attachment's row lock). */
export async function isConsentEvidence(tx: Tx, attachmentId: string): Promise<boolean> {
  const [row] = await tx.select({ id: consents.id }).from(consents).where(eq(consents.evidenceAttachmentId, attachmentId)).limit(1);
  return row !== undefined;
}

export interface AttachConsentEvidence {
  actor: Pick<Actor, 'personId'>;
  patient: { id: string; hospitalId: string };
  consentId: string;
  attachmentId: string;
  clientAddress: string;
}

/**
 * Attaches the signed form to a consent recorded on attestation (at enrolment, or before the form was
 * scanned): its evidence becomes the upload. A consent that already has its form keeps it (409).
 */
export async function attachConsentEvidence(deps: Pick<AppDeps, 'db' | 'clock'>, input: AttachConsentEvidence): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const [consent] = await tx
      .select({ kind: consents.kind, evidence: consents.evidence })
      .from(consents)
      .where(and(eq(consents.id, input.consentId), eq(consents.patientId, input.patient.id)))
      .for('update');
    if (!consent) throw new AppError('notFound', 'No such consent for this patient.');
    if (consent.evidence === 'upload') throw new AppError('conflict', 'This consent already has its signed form.');
    await requireEvidenceAttachment(tx, input.patient.id, input.attachmentId, 'body.attachmentId');
    await tx.update(consents).set({ evidence: 'upload', evidenceAttachmentId: input.attachmentId }).where(eq(consents.id, input.consentId));
    await recordAudit(tx, deps.clock, {
      partition: hospitalPartition(input.patient.hospitalId),
      actorId: input.actor.personId,
      action: 'consent.evidenceAttached',
      targetType: 'consent',
      targetId: input.consentId,
      patientId: input.patient.id,
      clientAddress: input.clientAddress,
      details: { kind: consent.kind, attachmentId: input.attachmentId },
    });
  });
}
