import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import { imagingInstances, imagingSeries, imagingStudies } from '../../db/schema/index.ts';
import { AppError } from '../../http/errors.ts';
import { BlobTooLargeError } from '../../storage/blob-store.ts';
import type { ReceivedUpload } from '../attachments/multipart-upload.ts';
import { hospitalPartition } from '../audit/audit-actions.contract.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { PatientSummary } from '../patients/patients.contract.ts';
import { readIdentity } from '../patients/patients.queries.ts';
import { DeidentificationRefused, readDicom } from './deidentify.contract.ts';
import { indexOf } from './dicom-index.ts';
import type { StoredInstance } from './imaging.contract.ts';
import { inspectUpload } from './inspect-upload.ts';

/** One DICOM file is checked whole (it must be parsed), so it is held in memory: never more than this, whatever the upload limit. */
export const MAX_INSTANCE_BYTES = 256 * 1024 * 1024;

export interface StoreInstance {
  actor: Actor;
  patient: PatientSummary;
  upload: ReceivedUpload<Record<string, never>>;
  maxBytes: number;
  clientAddress: string;
}

async function readWhole(content: AsyncIterable<Buffer>, maxBytes: number): Promise<Buffer> {
  const pieces: Buffer[] = [];
  let size = 0;
  for await (const piece of content) {
    size += piece.length;
    if (size > maxBytes) throw new AppError('payloadTooLarge', `The file is larger than the limit of ${maxBytes} bytes for one DICOM file.`);
    pieces.push(piece);
  }
  return Buffer.concat(pieces, size);
}

async function* once(bytes: Buffer): AsyncGenerator<Buffer> {
  yield bytes;
}

/**
 * Receives one de-identified DICOM file of a study: parses it, checks it again against the profile and the
 * patient's own identifiers (refusing with 422 and storing nothing), skips a file already stored (by its
 * SOP Instance UID: a resumed upload), then stores it encrypted and indexes study / series / instance, with
 * its audit event, in one transaction.
 */
export async function storeInstance(deps: AppDeps, input: StoreInstance): Promise<StoredInstance> {
  const bytes = await readWhole(input.upload.content, input.maxBytes);
  await input.upload.finish();
  if (bytes.length === 0) throw new AppError('badRequest', 'The file is empty.');
  let file;
  try {
    file = readDicom(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch (error) {
    if (error instanceof DeidentificationRefused) throw new AppError('unsupportedMediaType', error.message);
    throw error;
  }
  const identity = await readIdentity(deps.db, deps.keys, input.patient.id);
  if (!identity) throw new AppError('conflict', 'This patient\'s identity has been erased: no new images can be added.');
  const findings = inspectUpload(file, identity);
  const partition = hospitalPartition(input.patient.hospitalId);
  if (findings.length) {
    await deps.db.transaction((tx) => recordAudit(tx, deps.clock, { partition, actorId: input.actor.personId, action: 'imaging.instanceRefused', targetType: 'patient', targetId: input.patient.id, patientId: input.patient.id, clientAddress: input.clientAddress, outcome: 'denied', details: { findings: findings.length } }));
    throw new AppError('unprocessable', 'This file still carries identifying data, so it was not stored: de-identify it in the platform\'s uploader (and mask burned-in text) and send it again.', findings.map((message) => ({ path: 'body.file', message })));
  }
  const index = indexOf(bytes, file);
  if (index.rows === 0 || index.columns === 0) throw new AppError('unprocessable', 'This DICOM file holds no image (no rows and columns): only images are accepted.', [{ path: 'body.file', message: 'no image' }]);

  const existing = async () => {
    const [row] = await deps.db
      .select({ studyId: imagingSeries.studyId })
      .from(imagingInstances)
      .innerJoin(imagingSeries, eq(imagingSeries.id, imagingInstances.seriesId))
      .where(and(eq(imagingInstances.patientId, input.patient.id), eq(imagingInstances.sopInstanceUid, index.sopInstanceUid)));
    return row;
  };
  const answer = (status: StoredInstance['status'], studyId: string): StoredInstance => ({ status, studyId, studyInstanceUid: index.studyInstanceUid, seriesInstanceUid: index.seriesInstanceUid, sopInstanceUid: index.sopInstanceUid });
  const before = await existing();
  if (before) return answer('alreadyStored', before.studyId);

  const blobKey = randomUUID();
  const stored = await deps.blobs.put(blobKey, once(bytes), { maxBytes: input.maxBytes }).catch((error: unknown) => {
    if (error instanceof BlobTooLargeError) throw new AppError('payloadTooLarge', 'The file is too large.');
    throw error;
  });
  try {
    const result = await deps.db.transaction(async (tx) => {
      const now = deps.clock.now().toISOString();
      await tx.insert(imagingStudies).values({ patientId: input.patient.id, studyInstanceUid: index.studyInstanceUid, studyDate: index.studyDate, createdBy: input.actor.personId, createdAt: now }).onConflictDoNothing();
      const [study] = await tx.select({ id: imagingStudies.id }).from(imagingStudies).where(and(eq(imagingStudies.patientId, input.patient.id), eq(imagingStudies.studyInstanceUid, index.studyInstanceUid)));
      await tx.insert(imagingSeries).values({ studyId: study!.id, seriesInstanceUid: index.seriesInstanceUid, modality: index.modality, seriesNumber: index.seriesNumber }).onConflictDoNothing();
      const [series] = await tx.select({ id: imagingSeries.id }).from(imagingSeries).where(and(eq(imagingSeries.studyId, study!.id), eq(imagingSeries.seriesInstanceUid, index.seriesInstanceUid)));
      const [inserted] = await tx
        .insert(imagingInstances)
        .values({
          patientId: input.patient.id,
          seriesId: series!.id,
          sopInstanceUid: index.sopInstanceUid,
          sopClassUid: index.sopClassUid,
          transferSyntaxUid: index.transferSyntaxUid,
          instanceNumber: index.instanceNumber,
          rows: index.rows,
          columns: index.columns,
          frames: index.frames,
          pixelOffset: index.pixelOffset,
          frameLength: index.frameLength,
          metadata: index.metadata,
          size: stored.size,
          sha256: stored.sha256,
          blobKey,
          wrappedKey: stored.wrappedKey,
          uploadedBy: input.actor.personId,
          uploadedAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: imagingInstances.id });
      // A parallel request stored the same file first: this copy is not needed.
      if (!inserted) return { status: 'alreadyStored' as const, studyId: study!.id };
      await recordAudit(tx, deps.clock, { partition, actorId: input.actor.personId, action: 'imaging.instanceStored', targetType: 'imagingStudy', targetId: study!.id, patientId: input.patient.id, clientAddress: input.clientAddress, details: { instanceId: inserted.id, modality: index.modality, size: stored.size } });
      return { status: 'stored' as const, studyId: study!.id };
    });
    if (result.status === 'alreadyStored') await deps.blobs.delete(blobKey).catch(() => undefined);
    return answer(result.status, result.studyId);
  } catch (error) {
    await deps.blobs.delete(blobKey).catch(() => undefined);
    throw error;
  }
}
