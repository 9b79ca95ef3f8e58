import type { Readable } from 'node:stream';
import { and, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import { consentFormTemplates } from '../../db/schema/consents.ts';
import { AppError } from '../../http/errors.ts';
import { contentDisposition } from '../attachments/file-name.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ConsentTemplateView } from './consent-templates.contract.ts';
import { consentTemplateView, type ConsentTemplateRow } from './consent-templates.queries.ts';
import { templatePartition } from './upload-consent-template.ts';

/**
 * Retires a template: no longer offered to staff; consents recorded with its version keep that version,
 * and the file stays downloadable for them. Retiring is final (a corrected form is a new version).
 */
export async function retireConsentTemplate(deps: Pick<AppDeps, 'db' | 'clock'>, input: { actor: Actor; template: ConsentTemplateRow; clientAddress: string }): Promise<ConsentTemplateView> {
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(consentFormTemplates)
      .set({ retiredAt: deps.clock.now().toISOString(), retiredBy: input.actor.personId })
      .where(and(eq(consentFormTemplates.id, input.template.id), isNull(consentFormTemplates.retiredAt)))
      .returning({ id: consentFormTemplates.id });
    if (!row) throw new AppError('conflict', 'This template is already retired.');
    await recordAudit(tx, deps.clock, { partition: templatePartition(input.template.ernId), actorId: input.actor.personId, action: 'consentTemplate.retired', targetType: 'consentTemplate', targetId: row.id, clientAddress: input.clientAddress, details: { kind: input.template.kind, language: input.template.language } });
    return (await consentTemplateView(tx, row.id))!;
  });
}

/** The template's PDF as a download (never shown inline); the blob store verifies it as it is read. Not patient data: not audited. */
export async function openConsentTemplate(deps: Pick<AppDeps, 'blobs'>, template: ConsentTemplateRow): Promise<{ headers: Record<string, string>; body: Readable }> {
  const body = await deps.blobs.get({ key: template.blobKey, wrappedKey: template.wrappedKey, size: template.size });
  return {
    body,
    headers: {
      'content-type': 'application/pdf',
      'content-length': String(template.size),
      'content-disposition': contentDisposition(template.fileName),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
      etag: `"${template.sha256}"`,
    },
  };
}
