import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { isUuid, type Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Db } from '../../db/database.ts';
import { referralFiles } from '../../db/schema/index.ts';
import { AppError } from '../../http/errors.ts';
import type { Download } from '../../http/send-download.ts';
import { BlobTooLargeError } from '../../storage/blob-store.ts';
import type { AttachmentMediaType } from '../attachments/attachments.contract.ts';
import { contentDisposition, sanitiseFileName } from '../attachments/file-name.ts';
import type { ReceivedUpload } from '../attachments/multipart-upload.ts';
import { acceptedMediaTypes, peek, SNIFF_BYTES, sniffMediaType } from '../attachments/sniff-content.ts';
import { hospitalPartition } from '../audit/audit-actions.contract.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { openFileName, sealFileName } from './referral-crypto.ts';
import { referralDataKey } from './read-referrals.ts';
import { findReferral, referralCan, type ScopedReferral } from './referral-scope.ts';
import type { ReferralFileKind } from './referrals.contract.ts';

export type ReferralFileRow = typeof referralFiles.$inferSelect;

const accepted: Record<ReferralFileKind, readonly AttachmentMediaType[]> = { attachment: acceptedMediaTypes.document, consentForm: acceptedMediaTypes.consentForm };
const mebibytes = (bytes: number) => `${Math.round((bytes / 1_048_576) * 10) / 10} MiB`;

/**
 * The referrer adds a file (a document, or the signed consent form) while the referral is undecided: the sniffed
 * type, the encrypted blob streamed under the limit, then the row (name sealed under the referral's key) and its
 * audit event. Whatever refuses it, nothing stays behind.
 */
export async function uploadReferralFile(deps: AppDeps, input: { actor: Actor; scoped: ScopedReferral; upload: ReceivedUpload<{ kind: ReferralFileKind }>; maxBytes: number; clientAddress: string }) {
  const kind = input.upload.fields.kind;
  const { head, content } = await peek(input.upload.content, SNIFF_BYTES);
  if (head.length === 0) throw new AppError('badRequest', 'The file is empty.');
  const mediaType = await sniffMediaType(head);
  if (mediaType === undefined || !accepted[kind].includes(mediaType)) throw new AppError('unsupportedMediaType', `This file's content is not accepted here: upload ${accepted[kind].join(', ')}.`);
  const id = randomUUID();
  const blobKey = randomUUID();
  const stored = await deps.blobs.put(blobKey, content, { maxBytes: input.maxBytes }).catch((error: unknown) => {
    if (error instanceof BlobTooLargeError) throw new AppError('payloadTooLarge', `The file is larger than the limit of ${mebibytes(input.maxBytes)}.`);
    throw error;
  });
  try {
    await input.upload.finish();
    return await deps.db.transaction(async (tx) => {
      const scoped = await findReferral(tx, input.actor, input.scoped.referral.id, { lock: true });
      if (!scoped) throw new AppError('notFound', 'No such referral.');
      if (!referralCan(scoped).upload) throw new AppError('conflict', 'Files are added by the referring clinician while the referral is undecided.');
      const { dataKey } = await referralDataKey(tx, deps, scoped.referral.id);
      const fileName = sanitiseFileName(input.upload.fileName, mediaType);
      const uploadedAt = deps.clock.now().toISOString();
      await tx.insert(referralFiles).values({ id, referralId: scoped.referral.id, kind, sealedFileName: sealFileName(dataKey, deps.keys.version, id, fileName), mediaType, size: stored.size, blobKey, wrappedKey: stored.wrappedKey, uploadedBy: input.actor.personId, uploadedAt });
      await recordAudit(tx, deps.clock, { partition: hospitalPartition(scoped.referral.hospitalId), actorId: input.actor.personId, action: 'referral.fileUploaded', targetType: 'referralFile', targetId: id, clientAddress: input.clientAddress, details: { referralId: scoped.referral.id, kind, mediaType, size: stored.size } });
      return { id, kind, fileName, mediaType, size: stored.size, uploadedAt };
    });
  } catch (error) {
    await deps.blobs.delete(blobKey).catch(() => undefined);
    throw error;
  }
}

export async function findReferralFile(db: Db, referralId: string, fileId: string): Promise<ReferralFileRow | undefined> {
  if (!isUuid(fileId)) return undefined;
  const [row] = await db.select().from(referralFiles).where(and(eq(referralFiles.id, fileId), eq(referralFiles.referralId, referralId)));
  return row;
}

/** A referral's file for either side, as a download under its name; audited in the receiving hospital's chain. */
export async function downloadReferralFile(deps: AppDeps, actor: Actor, scoped: ScopedReferral, file: ReferralFileRow, clientAddress: string): Promise<Download> {
  const { dataKey } = await referralDataKey(deps.db, deps, scoped.referral.id);
  const body = await deps.blobs.get({ key: file.blobKey, wrappedKey: file.wrappedKey, size: file.size });
  try {
    await deps.db.transaction((tx) =>
      recordAudit(tx, deps.clock, { partition: hospitalPartition(scoped.referral.hospitalId), actorId: actor.personId, action: 'referral.fileDownloaded', targetType: 'referralFile', targetId: file.id, patientId: scoped.referral.patientId, clientAddress, details: { referralId: scoped.referral.id } }),
    );
  } catch (error) {
    body.destroy();
    throw error;
  }
  return {
    status: 200,
    body,
    headers: { 'content-type': file.mediaType, 'content-length': String(file.size), 'content-disposition': contentDisposition(openFileName(dataKey, file.id, file.sealedFileName)), 'x-content-type-options': 'nosniff', 'cache-control': 'private, no-store' },
  };
}
