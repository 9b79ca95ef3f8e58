import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Db, Tx } from '../../db/database.ts';
import { attachments, consents, hospitals, panelShareAttachments, panelShares, patients } from '../../db/schema/index.ts';
import { AppError } from '../../http/errors.ts';
import type { AttachmentMediaType } from '../attachments/attachments.contract.ts';
import { findAttachment } from '../attachments/attachments.queries.ts';
import { downloadAttachment, type Download } from '../attachments/download-attachment.ts';
import { contentDisposition, sanitiseFileName } from '../attachments/file-name.ts';
import { hasActiveConsent } from '../consent/consents.ts';
import { listStudies, sharedStudies } from '../imaging/imaging.queries.ts';
import type { PatientSummary } from '../patients/patients.contract.ts';
import { readVersion } from '../records/record-store.ts';
import { recordView } from '../records/record-view.ts';
import type { RecordView } from '../records/records.contract.ts';
import { auditPanel, audited } from './panel-audit.ts';
import type { ScopedPanel } from './panel-scope.ts';
import type { PanelCase } from './panels.contract.ts';
import { listShares } from './share-record.ts';

type Withheld = NonNullable<PanelCase['withheld']>;

const withoutId = <T extends { id: string }>({ id: _, ...rest }: T): Omit<T, 'id'> => rest;

/**
 * Whether the case is withheld from the panel now. Decided at every read: a withdrawn care consent
 * takes the shared record away at once, whatever was shared before.
 */
export async function caseWithheld(db: Db | Tx, patientId: string): Promise<Withheld | null> {
  if (await hasActiveConsent(db, patientId, 'care')) return null;
  const [withdrawn] = await db.select({ at: consents.withdrawnAt }).from(consents).where(and(eq(consents.patientId, patientId), eq(consents.kind, 'care'))).orderBy(desc(consents.withdrawnAt)).limit(1);
  return {
    reason: 'careConsentWithdrawn',
    message: withdrawn
      ? 'The patient has withdrawn their care consent: the shared record is no longer available to this panel. Signed outcome reports stay readable; the lead closes the panel.'
      : 'The patient has no care consent in force: the shared record is not available to this panel.',
  };
}

/** The pseudonymised patient as panels see it. */
export async function panelPatient(db: Db | Tx, patientId: string): Promise<PanelCase['patient']> {
  const [row] = await db
    .select({ patientCode: patients.patientCode, sex: patients.sex, yearOfBirth: patients.yearOfBirth, country: hospitals.country })
    .from(patients)
    .innerJoin(hospitals, eq(hospitals.id, patients.hospitalId))
    .where(eq(patients.id, patientId));
  return row!;
}

/** The files of one share that the panel may open now (deleted files and, without photograph consent, photographs drop out). */
async function sharedFiles(db: Db | Tx, shareId: string, patientId: string) {
  const rows = await db
    .select({ id: attachments.id, kind: attachments.kind, mediaType: attachments.mediaType, size: attachments.size, uploadedAt: attachments.uploadedAt, label: panelShareAttachments.label })
    .from(panelShareAttachments)
    .innerJoin(attachments, eq(attachments.id, panelShareAttachments.attachmentId))
    .where(and(eq(panelShareAttachments.shareId, shareId), eq(attachments.patientId, patientId), isNull(attachments.deletedAt)));
  const photographs = rows.some((r) => r.kind === 'photograph') && (await hasActiveConsent(db, patientId, 'photographs'));
  return rows.filter((r) => r.kind !== 'photograph' || photographs);
}

/**
 * The case as the panel was given it: exactly the shared sections of the pinned version (never another
 * section, never the identity) and the shared files — or why it is withheld. An audited read of the patient's data.
 */
export async function viewPanelCase(deps: AppDeps, actor: Actor, scoped: ScopedPanel, shareSeq: number | undefined, clientAddress: string): Promise<PanelCase> {
  return deps.db.transaction(async (tx) => {
    const patientId = scoped.panel.patientId;
    const shares = await listShares(tx, scoped.panel.id);
    const share = shareSeq === undefined ? shares[0] : shares.find((s) => s.seq === shareSeq);
    if (shareSeq !== undefined && !share) throw new AppError('notFound', `This panel has no share ${shareSeq}.`);
    const withheld = await caseWithheld(tx, patientId);
    let content: Partial<RecordView> | null = null;
    let files: PanelCase['attachments'] = [];
    let studies: PanelCase['studies'] = [];
    if (share && !withheld) {
      const version = await readVersion(tx, patientId, share.recordVersion);
      if (!version) throw new Error(`shared record version ${share.recordVersion} is missing`);
      const view = recordView(version.content);
      content = Object.fromEntries(share.sections.map((section) => [section, view[section]]));
      files = await sharedFiles(tx, share.id, patientId);
      studies = await listStudies(tx, { patientId, shared: await sharedStudies(tx, share.id) });
    }
    await auditPanel(tx, deps.clock, audited(scoped), {
      actorId: actor.personId,
      action: 'panel.caseViewed',
      clientAddress,
      targetType: 'record',
      targetId: patientId,
      details: { seq: share?.seq ?? null, recordVersion: share?.recordVersion ?? null, withheld: withheld !== null },
    });
    return {
      panelId: scoped.panel.id,
      patient: await panelPatient(tx, patientId),
      withheld,
      share: share ? withoutId(share) : null,
      shareHistory: shares.map(withoutId),
      content,
      attachments: files,
      studies,
    };
  });
}

/** The latest share's file, if the panel was given it and may open it now; undefined (404) otherwise. */
export async function findSharedFile(db: Db | Tx, scoped: ScopedPanel, attachmentId: string) {
  const [latest] = await db.select({ id: panelShares.id }).from(panelShares).where(eq(panelShares.panelId, scoped.panel.id)).orderBy(desc(panelShares.seq)).limit(1);
  if (!latest) return undefined;
  const files = await sharedFiles(db, latest.id, scoped.panel.patientId);
  return files.find((f) => f.id === attachmentId);
}

/**
 * A shared file for a member, through the attachments module's own download (range reads, the audited
 * `attachment.downloaded`); it is offered under the label the sharer chose — the stored file name stays
 * with the hospital.
 */
export async function downloadSharedFile(deps: AppDeps, actor: Actor, scoped: ScopedPanel, file: { id: string; label: string; mediaType: string }, request: { range: string | undefined; ifRange: string | undefined; clientAddress: string }): Promise<Download> {
  const withheld = await caseWithheld(deps.db, scoped.panel.patientId);
  if (withheld) throw new AppError('conflict', withheld.message);
  const row = await findAttachment(deps.db, scoped.panel.patientId, file.id);
  if (!row) throw new AppError('notFound', 'No such file in this panel\'s case.');
  const [patient] = await deps.db
    .select({ id: patients.id, patientCode: patients.patientCode, nickname: patients.nickname, hospitalId: patients.hospitalId, hospitalName: hospitals.name, sex: patients.sex, yearOfBirth: patients.yearOfBirth, createdAt: patients.createdAt })
    .from(patients)
    .innerJoin(hospitals, eq(hospitals.id, patients.hospitalId))
    .where(eq(patients.id, scoped.panel.patientId));
  const download = await downloadAttachment(deps, { actor, patient: patient! satisfies PatientSummary, attachment: row, range: request.range, ifRange: request.ifRange, clientAddress: request.clientAddress });
  if (download.status === 416) return download;
  return { ...download, headers: { ...download.headers, 'content-disposition': contentDisposition(sanitiseFileName(file.label, file.mediaType as AttachmentMediaType)) } };
}
