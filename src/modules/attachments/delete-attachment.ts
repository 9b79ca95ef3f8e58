import { and, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import { attachments } from '../../db/schema/attachments.ts';
import { AppError } from '../../http/errors.ts';
import { hospitalPartition } from '../audit/audit-actions.contract.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { PatientSummary } from '../patients/patients.contract.ts';

/**
 * Soft-deletes an attachment: it disappears from the patient's files at once; the encrypted blob stays
 * until the retention purge removes it (with the row's wrapped key, which crypto-shreds any copy).
 */
export async function deleteAttachment(deps: AppDeps, input: { actor: Actor; patient: PatientSummary; attachmentId: string; clientAddress: string }): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(attachments)
      .set({ deletedAt: deps.clock.now().toISOString(), deletedBy: input.actor.personId })
      .where(and(eq(attachments.id, input.attachmentId), eq(attachments.patientId, input.patient.id), isNull(attachments.deletedAt)))
      .returning({ id: attachments.id });
    if (!row) throw new AppError('notFound', 'No such attachment.');
    await recordAudit(tx, deps.clock, { partition: hospitalPartition(input.patient.hospitalId), actorId: input.actor.personId, action: 'attachment.deleted', targetType: 'attachment', targetId: row.id, patientId: input.patient.id, clientAddress: input.clientAddress });
  });
}
