import { and, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import { attachments } from '../../db/schema/attachments.ts';
import { AppError } from '../../http/errors.ts';
import { hospitalPartition } from '../audit/audit-actions.contract.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { isConsentEvidence } from '../consent/consent-evidence.ts';
import type { PatientSummary } from '../patients/patients.contract.ts';

/**
 * Soft-deletes an attachment: it disappears from the patient's files at once; the encrypted blob stays
 * until the retention purge removes it (with the row's wrapped key, which crypto-shreds any copy). A signed
 * consent form that a consent cites is that consent's evidence and stays (409).
 */
export async function deleteAttachment(deps: AppDeps, input: { actor: Actor; patient: PatientSummary; attachmentId: string; clientAddress: string }): Promise<void> {
  await deps.db.transaction(async (tx) => {
    // The row lock orders this against a consent citing the file at the same moment (consent-evidence.ts).
    const [found] = await tx
      .select({ id: attachments.id })
      .from(attachments)
      .where(and(eq(attachments.id, input.attachmentId), eq(attachments.patientId, input.patient.id), isNull(attachments.deletedAt)))
      .for('update');
    if (!found) throw new AppError('notFound', 'No such attachment.');
    if (await isConsentEvidence(tx, found.id)) throw new AppError('conflict', 'This file is the signed form of a consent and is kept as its evidence; it cannot be deleted.');
    await tx
      .update(attachments)
      .set({ deletedAt: deps.clock.now().toISOString(), deletedBy: input.actor.personId })
      .where(eq(attachments.id, found.id));
    await recordAudit(tx, deps.clock, { partition: hospitalPartition(input.patient.hospitalId), actorId: input.actor.personId, action: 'attachment.deleted', targetType: 'attachment', targetId: found.id, patientId: input.patient.id, clientAddress: input.clientAddress });
  });
}
