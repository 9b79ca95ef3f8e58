import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import { consentFormTemplates } from '../../db/schema/consents.ts';
import { erns } from '../../db/schema/organisations.ts';
import { AppError } from '../../http/errors.ts';
import { BlobTooLargeError } from '../../storage/blob-store.ts';
import { sanitiseFileName } from '../attachments/file-name.ts';
import type { ReceivedUpload } from '../attachments/multipart-upload.ts';
import { peek, SNIFF_BYTES, sniffMediaType } from '../attachments/sniff-content.ts';
import { ernPartition, PLATFORM_PARTITION } from '../audit/audit-actions.contract.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ConsentTemplateFields, ConsentTemplateView } from './consent-templates.contract.ts';
import { consentTemplateExists, consentTemplateView } from './consent-templates.queries.ts';

/** A model form is a few pages of text: a far smaller limit than the patients' files. */
export const CONSENT_TEMPLATE_MAX_BYTES = 10 * 1024 * 1024;

export interface UploadConsentTemplate {
  actor: Actor;
  upload: ReceivedUpload<ConsentTemplateFields>;
  maxBytes: number;
  clientAddress: string;
}

const mebibytes = (bytes: number) => `${Math.round((bytes / 1_048_576) * 10) / 10} MiB`;
export const templatePartition = (ernId: string | null) => (ernId === null ? PLATFORM_PARTITION : ernPartition(ernId));

/**
 * Publishes a model consent form: the fields first (the network exists, the version is new), then the
 * content's sniffed type (PDF only), then the blob, encrypted under its own data key and streamed under
 * the size limit, then the row and its audit event in one transaction. A refusal leaves no row and no blob.
 */
export async function uploadConsentTemplate(deps: AppDeps, input: UploadConsentTemplate): Promise<ConsentTemplateView> {
  const fields = input.upload.fields;
  if (fields.ernId !== null && (await deps.db.select({ id: erns.id }).from(erns).where(eq(erns.id, fields.ernId))).length === 0) {
    throw new AppError('unprocessable', 'No such network.', [{ path: 'body.ernId', message: 'no such network' }]);
  }
  if (await consentTemplateExists(deps.db, fields)) {
    throw new AppError('conflict', `A template of this kind, network and language already has version ${fields.version}: give the new one its own version.`);
  }

  const { head, content } = await peek(input.upload.content, SNIFF_BYTES);
  if (head.length === 0) throw new AppError('badRequest', 'The file is empty.');
  if ((await sniffMediaType(head)) !== 'application/pdf') throw new AppError('unsupportedMediaType', 'A model consent form must be a PDF.');

  const blobKey = randomUUID();
  const stored = await deps.blobs.put(blobKey, content, { maxBytes: input.maxBytes }).catch((error: unknown) => {
    if (error instanceof BlobTooLargeError) throw new AppError('payloadTooLarge', `The file is larger than the limit of ${mebibytes(input.maxBytes)} for model forms.`);
    throw error;
  });
  try {
    await input.upload.finish();
    return await deps.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(consentFormTemplates)
        .values({
          ...fields,
          fileName: sanitiseFileName(input.upload.fileName, 'application/pdf'),
          mediaType: 'application/pdf',
          size: stored.size,
          sha256: stored.sha256,
          blobKey,
          wrappedKey: stored.wrappedKey,
          uploadedBy: input.actor.personId,
          uploadedAt: deps.clock.now().toISOString(),
        })
        .returning({ id: consentFormTemplates.id });
      await recordAudit(tx, deps.clock, {
        partition: templatePartition(fields.ernId),
        actorId: input.actor.personId,
        action: 'consentTemplate.uploaded',
        targetType: 'consentTemplate',
        targetId: row!.id,
        clientAddress: input.clientAddress,
        details: { kind: fields.kind, language: fields.language, size: stored.size },
      });
      return (await consentTemplateView(tx, row!.id))!;
    });
  } catch (error) {
    await deps.blobs.delete(blobKey).catch(() => undefined);
    throw error;
  }
}
