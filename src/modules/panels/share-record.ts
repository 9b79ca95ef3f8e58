import { and, desc, eq, inArray, isNull, max } from 'drizzle-orm';
import { hospitalsWhere, type Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Db, Tx } from '../../db/database.ts';
import { attachments, panelShareAttachments, panelShareStudies, panelShares, people, recordVersions } from '../../db/schema/index.ts';
import { AppError } from '../../http/errors.ts';
import { hasActiveConsent } from '../consent/consents.ts';
import { panelShared } from '../discussion/panel-events.ts';
import { studiesOfPatient } from '../imaging/imaging.queries.ts';
import type { RecordSection } from '../records/records.contract.ts';
import { lockedPanel } from './create-panel.ts';
import { auditPanel, audited } from './panel-audit.ts';
import type { PanelStatus } from './panel-lifecycle.contract.ts';
import type { ScopedPanel } from './panel-scope.ts';
import type { NewShare, ShareSummary } from './panels.contract.ts';

/** The record can be shared (again) until the outcome is signed. */
export const sharingStatuses: readonly PanelStatus[] = ['draft', 'submitted', 'open', 'outcomeDrafting'];

/**
 * Who shares: the lead or the requester — and only while they are a health professional of the
 * enrolling hospital, the people who see the whole record and decide what leaves it.
 */
export const canShare = (actor: Actor, scoped: ScopedPanel): boolean =>
  (scoped.role === 'lead' || (scoped.role !== null && scoped.panel.requestedBy === actor.personId)) && hospitalsWhere(actor, 'healthProfessional').includes(scoped.patientHospitalId);

/**
 * Gives the panel a record version's sections and chosen files: a new share row each time (the
 * earlier ones stay as history). Consent forms never leave the hospital; photographs need the
 * patient's photograph consent.
 */
export async function shareRecord(deps: AppDeps, actor: Actor, panelId: string, input: NewShare, clientAddress: string): Promise<ShareSummary> {
  const now = deps.clock.now().toISOString();
  return deps.db.transaction(async (tx) => {
    const scoped = await lockedPanel(tx, actor, panelId);
    if (!sharingStatuses.includes(scoped.panel.status)) throw new AppError('conflict', 'This panel has its outcome signed or is closed: nothing more can be shared with it.');
    const patientId = scoped.panel.patientId;
    const [version] = await tx.select({ version: recordVersions.version }).from(recordVersions).where(and(eq(recordVersions.patientId, patientId), eq(recordVersions.version, input.recordVersion)));
    if (!version) throw new AppError('unprocessable', `The record has no version ${input.recordVersion}.`, [{ path: 'body.recordVersion', message: 'no such version' }]);
    await checkAttachments(tx, patientId, input.attachments.map((a) => a.attachmentId));
    await checkStudies(tx, patientId, input.studies.map((s) => s.studyId));
    const [last] = await tx.select({ seq: max(panelShares.seq) }).from(panelShares).where(eq(panelShares.panelId, panelId));
    const seq = (last?.seq ?? 0) + 1;
    const [share] = await tx.insert(panelShares).values({ panelId, seq, patientId, recordVersion: input.recordVersion, sections: input.sections, sharedBy: actor.personId, sharedAt: now }).returning({ id: panelShares.id });
    if (input.attachments.length) await tx.insert(panelShareAttachments).values(input.attachments.map((a) => ({ shareId: share!.id, attachmentId: a.attachmentId, label: a.label })));
    if (input.studies.length) await tx.insert(panelShareStudies).values(input.studies.map((s) => ({ shareId: share!.id, studyId: s.studyId, label: s.label })));
    await panelShared(tx, deps.clock, panelId, seq);
    await auditPanel(tx, deps.clock, audited(scoped), { actorId: actor.personId, action: 'panel.shared', clientAddress, details: { seq, recordVersion: input.recordVersion, sections: input.sections, attachmentIds: input.attachments.map((a) => a.attachmentId), studyIds: input.studies.map((s) => s.studyId) } });
    const { id: _, ...saved } = (await listShares(tx, panelId))[0]!;
    return saved;
  });
}

async function checkAttachments(tx: Tx, patientId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const rows = await tx.select({ id: attachments.id, kind: attachments.kind }).from(attachments).where(and(inArray(attachments.id, ids), eq(attachments.patientId, patientId), isNull(attachments.deletedAt)));
  const problems = ids.filter((id) => !rows.some((r) => r.id === id)).map((id) => ({ path: 'body.attachments', message: `not a file of this patient: ${id}` }));
  if (problems.length) throw new AppError('unprocessable', 'Share only files of this patient.', problems);
  if (rows.some((r) => r.kind === 'consentForm')) throw new AppError('unprocessable', 'Signed consent forms identify the patient and stay with the hospital: they cannot be shared with a panel.', [{ path: 'body.attachments', message: 'consent form' }]);
  if (rows.some((r) => r.kind === 'photograph') && !(await hasActiveConsent(tx, patientId, 'photographs'))) {
    throw new AppError('unprocessable', 'Photographs of the patient need the patient\'s photograph consent before they can be shared.', [{ path: 'body.attachments', message: 'no photograph consent' }]);
  }
}

async function checkStudies(tx: Tx, patientId: string, ids: string[]): Promise<void> {
  const found = await studiesOfPatient(tx, patientId, ids);
  const problems = ids.filter((id) => !found.includes(id)).map((id) => ({ path: 'body.studies', message: `not a study of this patient: ${id}` }));
  if (problems.length) throw new AppError('unprocessable', 'Share only imaging studies of this patient.', problems);
}

/** Every share of the panel, newest first. */
export async function listShares(db: Db | Tx, panelId: string): Promise<(ShareSummary & { id: string })[]> {
  const rows = await db
    .select({ id: panelShares.id, seq: panelShares.seq, recordVersion: panelShares.recordVersion, sections: panelShares.sections, sharedAt: panelShares.sharedAt, personId: people.id, displayName: people.displayName })
    .from(panelShares)
    .innerJoin(people, eq(people.id, panelShares.sharedBy))
    .where(eq(panelShares.panelId, panelId))
    .orderBy(desc(panelShares.seq));
  const counts = rows.length
    ? await db.select({ shareId: panelShareAttachments.shareId, attachmentId: panelShareAttachments.attachmentId }).from(panelShareAttachments).where(inArray(panelShareAttachments.shareId, rows.map((r) => r.id)))
    : [];
  return rows.map((r) => ({
    id: r.id,
    seq: r.seq,
    recordVersion: r.recordVersion,
    sections: r.sections as RecordSection[],
    attachmentCount: counts.filter((c) => c.shareId === r.id).length,
    sharedAt: r.sharedAt,
    sharedBy: { personId: r.personId, displayName: r.displayName },
  }));
}
