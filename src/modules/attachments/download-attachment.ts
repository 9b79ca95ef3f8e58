import type { Download } from '../../http/send-download.ts';
import type { Actor } from '../../access/actor.ts';
import { hospitalPartition } from '../audit/audit-actions.contract.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { PatientSummary } from '../patients/patients.contract.ts';
import type { AttachmentDeps } from './attachment-deps.ts';
import { attachmentFileName, type AttachmentRow } from './attachments.queries.ts';
import { parseRange } from './byte-range.ts';
import { contentDisposition, sanitiseFileName } from './file-name.ts';
import type { AttachmentMediaType } from './attachments.contract.ts';

export interface DownloadAttachment {
  actor: Actor;
  patient: PatientSummary;
  attachment: AttachmentRow;
  range: string | undefined;
  ifRange: string | undefined;
  clientAddress: string;
}

export type { Download };

const etagOf = (row: AttachmentRow) => `"${row.sha256}"`;

/**
 * Opens an attachment's content (or one range of it) for sending. The blob store has verified the first
 * chunk before this returns, so a damaged file fails before an answer starts; the read is audited.
 */
export async function downloadAttachment(deps: AttachmentDeps, input: DownloadAttachment): Promise<Download> {
  const row = input.attachment;
  // If-Range: a range only of the very content the client already holds part of.
  const rangeHeader = input.ifRange === undefined || input.ifRange === etagOf(row) ? input.range : undefined;
  const range = parseRange(rangeHeader, row.size);
  if (range.kind === 'unsatisfiable') return { status: 416, size: row.size };

  const mediaType = row.mediaType as AttachmentMediaType;
  const fileName = (await attachmentFileName(deps.db, deps.keys, row)) ?? sanitiseFileName(undefined, mediaType);
  const body = await deps.blobs.get({ key: row.blobKey, wrappedKey: row.wrappedKey, size: row.size }, range.kind === 'range' ? range : undefined);
  try {
    await deps.db.transaction((tx) =>
      recordAudit(tx, deps.clock, { partition: hospitalPartition(input.patient.hospitalId), actorId: input.actor.personId, action: 'attachment.downloaded', targetType: 'attachment', targetId: row.id, patientId: input.patient.id, clientAddress: input.clientAddress, details: range.kind === 'range' ? { start: range.start, end: range.end } : {} }),
    );
  } catch (error) {
    body.destroy();
    throw error;
  }
  const headers: Record<string, string> = {
    'content-type': mediaType === 'text/x-vcf' ? 'text/x-vcf; charset=utf-8' : mediaType,
    'content-disposition': contentDisposition(fileName),
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, no-store',
    'accept-ranges': 'bytes',
    etag: etagOf(row),
  };
  if (range.kind === 'whole') return { status: 200, headers: { ...headers, 'content-length': String(row.size) }, body };
  return { status: 206, headers: { ...headers, 'content-length': String(range.end - range.start + 1), 'content-range': `bytes ${range.start}-${range.end}/${row.size}` }, body };
}
