import type { Download } from '../../http/send-download.ts';
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Actor } from '../../access/actor.ts';
import { isUuid } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Db, Tx } from '../../db/database.ts';
import { panelFiles, people } from '../../db/schema/index.ts';
import { AppError } from '../../http/errors.ts';
import type { Keys } from '../../platform/keys.ts';
import { open, seal } from '../../platform/secret-box.ts';
import { BlobTooLargeError } from '../../storage/blob-store.ts';
import { patientDataKey } from '../attachments/attachment-text.ts';
import type { AttachmentMediaType } from '../attachments/attachments.contract.ts';
import { parseRange } from '../attachments/byte-range.ts';
import { contentDisposition, sanitiseFileName } from '../attachments/file-name.ts';
import type { ReceivedUpload } from '../attachments/multipart-upload.ts';
import { acceptedMediaTypes, peek, SNIFF_BYTES, sniffMediaType } from '../attachments/sniff-content.ts';
import { lockedPanel } from '../panels/create-panel.ts';
import { auditPanel, audited } from '../panels/panel-audit.ts';
import type { ScopedPanel } from '../panels/panel-scope.ts';
import { caseWithheld } from '../panels/read-case.ts';
import type { DiscussionFileView } from './discussion.contract.ts';
import { closedDiscussion, discussionRuns, isMember } from './discussion-rules.ts';

export type PanelFileRow = typeof panelFiles.$inferSelect;

/** What a discussion accepts, by content: documents (PDF) and images, as a case document may be. */
export const discussionMediaTypes: readonly AttachmentMediaType[] = acceptedMediaTypes.document;

/*
 * A file name may identify the patient ("Kowalska_MRI.pdf"): sealed under the patient's own data key (erasing
 * it crypto-shreds the name with the identity), bound to the file, like an attachment's name.
 */
const nameContext = (fileId: string) => `panel-file-name:${fileId}`;
const openFileName = (dataKey: Buffer | undefined, row: Pick<PanelFileRow, 'id' | 'sealedFileName'>) => (dataKey ? open(dataKey, row.sealedFileName, nameContext(row.id)) : null);

const mebibytes = (bytes: number) => `${Math.round((bytes / 1_048_576) * 10) / 10} MiB`;

/** The panel's files posted with these messages (deleted ones left out), as views by message id. */
export async function filesOfMessages(db: Db | Tx, keys: Keys, patientId: string, messageIds: string[]): Promise<Map<string, DiscussionFileView[]>> {
  if (messageIds.length === 0) return new Map();
  const rows = await db
    .select({ file: panelFiles, displayName: people.displayName })
    .from(panelFiles)
    .innerJoin(people, eq(people.id, panelFiles.uploadedBy))
    .where(and(inArray(panelFiles.messageId, messageIds), isNull(panelFiles.deletedAt)))
    .orderBy(panelFiles.uploadedAt, panelFiles.id);
  const dataKey = rows.length > 0 ? await patientDataKey(db, keys, patientId) : undefined;
  const byMessage = new Map<string, DiscussionFileView[]>();
  for (const { file, displayName } of rows) {
    const list = byMessage.get(file.messageId!) ?? [];
    list.push(toFileView(file, dataKey, displayName));
    byMessage.set(file.messageId!, list);
  }
  return byMessage;
}

const toFileView = (file: PanelFileRow, dataKey: Buffer | undefined, uploaderName: string): DiscussionFileView => ({
  id: file.id,
  fileName: openFileName(dataKey, file),
  mediaType: file.mediaType,
  size: file.size,
  uploadedAt: file.uploadedAt,
  uploadedBy: { personId: file.uploadedBy, displayName: uploaderName },
});

export interface UploadDiscussionFile {
  actor: Actor;
  scoped: ScopedPanel;
  upload: ReceivedUpload<object>;
  maxBytes: number;
  clientAddress: string;
}

/** Refuses an upload before its body is read: the discussion must run and the case must not be withheld. */
export async function checkUploadAllowed(db: Db, scoped: ScopedPanel): Promise<void> {
  if (!discussionRuns(scoped)) throw new AppError('conflict', closedDiscussion);
  const withheld = await caseWithheld(db, scoped.panel.patientId);
  if (withheld) throw new AppError('conflict', withheld.message);
}

/**
 * Stores a file for the panel's discussion (posted afterwards with a message): the content's sniffed type,
 * then the encrypted blob, streamed under the size limit, then the row and its audit event in one
 * transaction. Whatever refuses it, nothing stays behind.
 */
export async function uploadDiscussionFile(deps: AppDeps, input: UploadDiscussionFile): Promise<DiscussionFileView> {
  const { head, content } = await peek(input.upload.content, SNIFF_BYTES);
  if (head.length === 0) throw new AppError('badRequest', 'The file is empty.');
  const mediaType = await sniffMediaType(head);
  if (mediaType === undefined || !discussionMediaTypes.includes(mediaType)) throw new AppError('unsupportedMediaType', `This file's content is not accepted in a discussion: upload ${discussionMediaTypes.join(', ')}.`);
  const id = randomUUID();
  const blobKey = randomUUID();
  const stored = await deps.blobs.put(blobKey, content, { maxBytes: input.maxBytes }).catch((error: unknown) => {
    if (error instanceof BlobTooLargeError) throw new AppError('payloadTooLarge', `The file is larger than the limit of ${mebibytes(input.maxBytes)}.`);
    throw error;
  });
  try {
    await input.upload.finish();
    return await deps.db.transaction(async (tx) => {
      const scoped = await lockedPanel(tx, input.actor, input.scoped.panel.id);
      if (!isMember(scoped)) throw new AppError('forbidden', 'Only the panel\'s members share files in its discussion.');
      if (!discussionRuns(scoped)) throw new AppError('conflict', closedDiscussion);
      const dataKey = await patientDataKey(tx, deps.keys, scoped.panel.patientId);
      if (!dataKey) throw new AppError('conflict', 'The patient\'s data has been erased: nothing more can be added to this panel.');
      const fileName = sanitiseFileName(input.upload.fileName, mediaType);
      const uploadedAt = deps.clock.now().toISOString();
      const [row] = await tx
        .insert(panelFiles)
        .values({ id, panelId: scoped.panel.id, messageId: null, sealedFileName: seal(dataKey, deps.keys.version, fileName, nameContext(id)), mediaType, size: stored.size, sha256: stored.sha256, blobKey, wrappedKey: stored.wrappedKey, uploadedBy: input.actor.personId, uploadedAt })
        .returning();
      await auditPanel(tx, deps.clock, audited(scoped), { actorId: input.actor.personId, action: 'discussion.fileUploaded', clientAddress: input.clientAddress, targetType: 'panelFile', targetId: id, details: { mediaType, size: stored.size } });
      return toFileView(row!, dataKey, input.actor.displayName);
    });
  } catch (error) {
    await deps.blobs.delete(blobKey).catch(() => undefined);
    throw error;
  }
}

/** A file posted in this panel's discussion (not deleted, not waiting to be posted), or undefined (404). */
export async function findPostedFile(db: Db | Tx, panelId: string, fileId: string): Promise<PanelFileRow | undefined> {
  if (!isUuid(fileId)) return undefined;
  const [row] = await db.select().from(panelFiles).where(and(eq(panelFiles.id, fileId), eq(panelFiles.panelId, panelId), isNull(panelFiles.deletedAt)));
  return row && row.messageId !== null ? row : undefined;
}

export type FileDownload = Download;

/**
 * A discussion file for a member (whole or one range), always as a download under its sanitised name; the
 * read is audited with the patient. Withheld, like the case, once the care consent is withdrawn.
 */
export async function downloadDiscussionFile(deps: AppDeps, actor: Actor, scoped: ScopedPanel, file: PanelFileRow, request: { range: string | undefined; ifRange: string | undefined; clientAddress: string }): Promise<FileDownload> {
  const withheld = await caseWithheld(deps.db, scoped.panel.patientId);
  if (withheld) throw new AppError('conflict', withheld.message);
  const etag = `"${file.sha256}"`;
  const range = parseRange(request.ifRange === undefined || request.ifRange === etag ? request.range : undefined, file.size);
  if (range.kind === 'unsatisfiable') return { status: 416, size: file.size };
  const mediaType = file.mediaType as AttachmentMediaType;
  const fileName = openFileName(await patientDataKey(deps.db, deps.keys, scoped.panel.patientId), file) ?? sanitiseFileName(undefined, mediaType);
  const body = await deps.blobs.get({ key: file.blobKey, wrappedKey: file.wrappedKey, size: file.size }, range.kind === 'range' ? range : undefined);
  try {
    await deps.db.transaction((tx) =>
      auditPanel(tx, deps.clock, audited(scoped), { actorId: actor.personId, action: 'discussion.fileDownloaded', clientAddress: request.clientAddress, targetType: 'panelFile', targetId: file.id, details: range.kind === 'range' ? { start: range.start, end: range.end } : {} }),
    );
  } catch (error) {
    body.destroy();
    throw error;
  }
  const headers: Record<string, string> = {
    'content-type': mediaType,
    'content-disposition': contentDisposition(fileName),
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, no-store',
    'accept-ranges': 'bytes',
    etag,
  };
  if (range.kind === 'whole') return { status: 200, headers: { ...headers, 'content-length': String(file.size) }, body };
  return { status: 206, headers: { ...headers, 'content-length': String(range.end - range.start + 1), 'content-range': `bytes ${range.start}-${range.end}/${file.size}` }, body };
}
