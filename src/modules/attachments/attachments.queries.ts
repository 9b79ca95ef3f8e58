import { and, desc, eq, isNull } from 'drizzle-orm';
import { isUuid } from '../../access/actor.ts';
import type { Db, Tx } from '../../db/database.ts';
import { attachments } from '../../db/schema/attachments.ts';
import type { Keys } from '../../platform/keys.ts';
import type { AttachmentMediaType, AttachmentView } from './attachments.contract.ts';
import { openAttachmentText, patientDataKey } from './attachment-text.ts';

export type AttachmentRow = typeof attachments.$inferSelect;

/** One attachment of the patient that has not been deleted, or undefined (the caller answers 404). */
export async function findAttachment(db: Db | Tx, patientId: string, attachmentId: string): Promise<AttachmentRow | undefined> {
  if (!isUuid(attachmentId)) return undefined;
  const [row] = await db
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, attachmentId), eq(attachments.patientId, patientId), isNull(attachments.deletedAt)));
  return row;
}

export function toView(row: AttachmentRow, dataKey: Buffer | undefined): AttachmentView {
  return {
    id: row.id,
    patientId: row.patientId,
    kind: row.kind,
    fileName: openAttachmentText(dataKey, row.id, 'fileName', row.sealedFileName),
    description: openAttachmentText(dataKey, row.id, 'description', row.sealedDescription),
    mediaType: row.mediaType as AttachmentMediaType,
    size: row.size,
    sha256: row.sha256,
    uploadedBy: row.uploadedBy,
    uploadedAt: row.uploadedAt,
  };
}

/** The patient's attachments, newest first, with their names opened (callers audit the read). */
export async function listAttachments(db: Db | Tx, keys: Keys, patientId: string): Promise<AttachmentView[]> {
  const rows = await db
    .select()
    .from(attachments)
    .where(and(eq(attachments.patientId, patientId), isNull(attachments.deletedAt)))
    .orderBy(desc(attachments.uploadedAt), desc(attachments.id));
  const dataKey = rows.length > 0 ? await patientDataKey(db, keys, patientId) : undefined;
  return rows.map((row) => toView(row, dataKey));
}

/** The stored file name, to offer when saving (null once the patient's key is erased). */
export async function attachmentFileName(db: Db | Tx, keys: Keys, row: AttachmentRow): Promise<string | null> {
  return openAttachmentText(await patientDataKey(db, keys, row.patientId), row.id, 'fileName', row.sealedFileName);
}
