import { randomUUID } from 'node:crypto';
import type { Actor } from '../../access/actor.ts';
import type { Tx } from '../../db/database.ts';
import { attachments } from '../../db/schema/attachments.ts';
import { AppError } from '../../http/errors.ts';
import { BlobTooLargeError } from '../../storage/blob-store.ts';
import { hospitalPartition } from '../audit/audit-actions.contract.ts';
import { recordAudit, recordDenied } from '../audit/record-audit.ts';
import { hasActiveConsent } from '../consent/consents.ts';
import type { PatientSummary } from '../patients/patients.contract.ts';
import type { AttachmentDeps } from './attachment-deps.ts';
import type { AttachmentView, UploadFields } from './attachments.contract.ts';
import { patientDataKey, sealAttachmentText } from './attachment-text.ts';
import { toView } from './attachments.queries.ts';
import { sanitiseFileName } from './file-name.ts';
import type { ReceivedUpload } from './multipart-upload.ts';
import { acceptedMediaTypes, peek, SNIFF_BYTES, sniffMediaType } from './sniff-content.ts';

export interface UploadAttachment {
  actor: Actor;
  patient: PatientSummary;
  upload: ReceivedUpload<UploadFields>;
  maxBytes: number;
  clientAddress: string;
}

const mebibytes = (bytes: number) => `${Math.round((bytes / 1_048_576) * 10) / 10} MiB`;

async function refusePhotographs(deps: AttachmentDeps, input: UploadAttachment): Promise<never> {
  await recordDenied(deps.db, deps.clock, { partition: hospitalPartition(input.patient.hospitalId), actorId: input.actor.personId, action: 'access.denied', targetType: 'attachment', patientId: input.patient.id, clientAddress: input.clientAddress, details: { status: 403, reason: 'noPhotographConsent' } });
  throw new AppError('forbidden', 'This patient has no photograph consent in force: record the photograph consent before uploading photographs.');
}

/**
 * Stores an uploaded file for a patient: consent first (photographs), then the content's sniffed type,
 * then the encrypted blob, streamed under the size limit, then the row and its audit event in one
 * transaction. Whatever refuses the upload, nothing stays behind: no row, no blob.
 */
export async function uploadAttachment(deps: AttachmentDeps, input: UploadAttachment): Promise<AttachmentView> {
  const { kind, description } = input.upload.fields;
  if (kind === 'photograph' && !(await hasActiveConsent(deps.db, input.patient.id, 'photographs'))) await refusePhotographs(deps, input);

  const { head, content } = await peek(input.upload.content, SNIFF_BYTES);
  if (head.length === 0) throw new AppError('badRequest', 'The file is empty.');
  const mediaType = await sniffMediaType(head);
  if (mediaType === undefined || !acceptedMediaTypes[kind].includes(mediaType)) {
    throw new AppError('unsupportedMediaType', `This file's content is not accepted as ${kind}: upload ${acceptedMediaTypes[kind].join(', ')}.`);
  }

  const id = randomUUID();
  const blobKey = randomUUID();
  const stored = await deps.blobs.put(blobKey, content, { maxBytes: input.maxBytes }).catch((error: unknown) => {
    if (error instanceof BlobTooLargeError) throw new AppError('payloadTooLarge', `The file is larger than the limit of ${mebibytes(input.maxBytes)}.`);
    throw error;
  });
  try {
    await input.upload.finish();
    return await deps.db.transaction(async (tx: Tx) => {
      // Consent may have been withdrawn while the file streamed in.
      if (kind === 'photograph' && !(await hasActiveConsent(tx, input.patient.id, 'photographs'))) throw new AppError('forbidden', 'The photograph consent was withdrawn during the upload.');
      const dataKey = await patientDataKey(tx, deps.keys, input.patient.id);
      if (!dataKey) throw new Error('patient data key missing for a patient in scope');
      const fileName = sanitiseFileName(input.upload.fileName, mediaType);
      const [row] = await tx
        .insert(attachments)
        .values({
          id,
          patientId: input.patient.id,
          kind,
          sealedFileName: sealAttachmentText(dataKey, deps.keys.version, id, 'fileName', fileName),
          sealedDescription: description === null ? null : sealAttachmentText(dataKey, deps.keys.version, id, 'description', description),
          mediaType,
          size: stored.size,
          sha256: stored.sha256,
          blobKey,
          wrappedKey: stored.wrappedKey,
          uploadedBy: input.actor.personId,
          uploadedAt: deps.clock.now().toISOString(),
        })
        .returning();
      await recordAudit(tx, deps.clock, { partition: hospitalPartition(input.patient.hospitalId), actorId: input.actor.personId, action: 'attachment.uploaded', targetType: 'attachment', targetId: id, patientId: input.patient.id, clientAddress: input.clientAddress, details: { kind, mediaType, size: stored.size } });
      return toView(row!, dataKey);
    });
  } catch (error) {
    await deps.blobs.delete(blobKey).catch(() => undefined);
    throw error;
  }
}
