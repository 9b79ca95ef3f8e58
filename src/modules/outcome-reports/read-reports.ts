import type { Readable } from 'node:stream';
import { and, desc, eq, isNotNull } from 'drizzle-orm';
import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import { erns, outcomeReports, panels, people } from '../../db/schema/index.ts';
import { AppError } from '../../http/errors.ts';
import { contentDisposition } from '../attachments/file-name.ts';
import { hospitalPartition } from '../audit/audit-actions.contract.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { auditPanel, audited } from '../panels/panel-audit.ts';
import type { PatientSummary } from '../patients/patients.contract.ts';
import { OutcomeReportContent } from './outcome-report-content.contract.ts';
import type { OutcomeReportList, PatientOutcomeReports, Verification } from './outcome-reports.contract.ts';
import { consentBlock, workableIn } from './report-rules.ts';
import { reportAccess, type ReportScope } from './report-scope.ts';
import { pendingApprovals, reportRows, versionViews } from './report-views.ts';

/**
 * A panel's outcome report as the caller may see it: members every version with drafts and approvals, readers
 * (coordinators, the enrolling hospital's staff) the signed versions; with what the caller may do now. Audited.
 */
export async function listOutcomeReports(deps: AppDeps, actor: Actor, scope: ReportScope, clientAddress: string): Promise<OutcomeReportList> {
  const access = reportAccess(scope);
  if (access === 'none') throw new Error('listOutcomeReports without read access');
  return deps.db.transaction(async (tx) => {
    const panel = scope.panel;
    const rows = await reportRows(tx, panel.id, { signedOnly: access !== 'member' });
    const open = access === 'member' ? rows.find((r) => r.signedAt === null) : undefined;
    const blocked = await consentBlock(tx, panel.patientId);
    const lead = scope.role === 'lead';
    const workable = (version: number) => blocked === null && workableIn(panel.status, version);
    await auditPanel(tx, deps.clock, audited(scope), { actorId: actor.personId, action: 'outcomeReport.viewed', clientAddress, details: { versions: rows.map((r) => r.version) } });
    return {
      panelId: panel.id,
      panelStatus: panel.status,
      access,
      myRole: scope.role,
      versions: await versionViews(tx, panel.id, rows),
      pendingApprovals: open ? await pendingApprovals(tx, panel.id, open) : [],
      blocked: access === 'member' ? blocked : null,
      can: {
        startDraft: lead && rows.length === 0 && workable(1),
        editDraft: lead && open !== undefined && workable(open.version),
        approve: open !== undefined && workable(open.version),
        sign: lead && open !== undefined && workable(open.version),
        amend: lead && open === undefined && rows.some((r) => r.signedAt !== null) && workable(2),
      },
    };
  });
}

export interface ReportDownload {
  headers: Record<string, string>;
  body: Readable;
}

/** The signed PDF of a version, decrypted as it streams; the read is audited with the patient. */
export async function downloadOutcomePdf(deps: AppDeps, actor: Actor, scope: ReportScope, version: number, clientAddress: string): Promise<ReportDownload> {
  const [row] = await deps.db
    .select()
    .from(outcomeReports)
    .where(and(eq(outcomeReports.panelId, scope.panel.id), eq(outcomeReports.version, version), isNotNull(outcomeReports.signedAt)));
  if (!row?.pdfBlobKey || !row.pdfWrappedKey || row.pdfSize === null) throw new AppError('notFound', `Version ${version} of this report is not signed: it has no PDF yet.`);
  const content = OutcomeReportContent.parse(row.signedContent);
  const body = await deps.blobs.get({ key: row.pdfBlobKey, wrappedKey: row.pdfWrappedKey, size: row.pdfSize });
  try {
    await deps.db.transaction((tx) =>
      auditPanel(tx, deps.clock, audited(scope), { actorId: actor.personId, action: 'outcomeReport.downloaded', clientAddress, targetType: 'outcomeReport', targetId: row.id, details: { version, contentHash: row.contentHash } }),
    );
  } catch (error) {
    body.destroy();
    throw error;
  }
  return {
    body,
    headers: {
      'content-type': 'application/pdf',
      'content-length': String(row.pdfSize),
      'content-disposition': contentDisposition(`outcome-report-${content.patient.patientCode}-v${version}.pdf`),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    },
  };
}

/** Whether a hash (from a printout) is that of a signed version of this panel's report, and which. */
export async function verifyReportHash(deps: AppDeps, actor: Actor, scope: ReportScope, hash: string, clientAddress: string): Promise<Verification> {
  return deps.db.transaction(async (tx) => {
    const signed = await reportRows(tx, scope.panel.id, { signedOnly: true });
    const match = signed.find((r) => r.contentHash === hash);
    const [signer] = match?.signedBy ? await tx.select({ displayName: people.displayName }).from(people).where(eq(people.id, match.signedBy)) : [];
    await auditPanel(tx, deps.clock, audited(scope), { actorId: actor.personId, action: 'outcomeReport.verified', clientAddress, details: { matches: match !== undefined, version: match?.version ?? null } });
    return { hash, matches: match !== undefined, version: match?.version ?? null, signedAt: match?.signedAt ?? null, signedBy: signer?.displayName ?? null, latestVersion: signed[0]?.version ?? null };
  });
}

/**
 * The signed reports of every panel on a patient, for the enrolling hospital's staff — also after the patient
 * withdrew care consent. One audited read naming the patient.
 */
export async function listPatientOutcomeReports(deps: AppDeps, actor: Actor, patient: PatientSummary, clientAddress: string): Promise<PatientOutcomeReports> {
  return deps.db.transaction(async (tx) => {
    const rows = await tx
      .select({ r: outcomeReports, title: panels.title, status: panels.status, ernCode: erns.code, ernName: erns.name, signer: people.displayName })
      .from(outcomeReports)
      .innerJoin(panels, eq(panels.id, outcomeReports.panelId))
      .innerJoin(erns, eq(erns.id, panels.ernId))
      .innerJoin(people, eq(people.id, outcomeReports.signedBy))
      .where(and(eq(panels.patientId, patient.id), isNotNull(outcomeReports.signedAt)))
      .orderBy(desc(outcomeReports.signedAt), desc(outcomeReports.version));
    await recordAudit(tx, deps.clock, {
      partition: hospitalPartition(patient.hospitalId),
      actorId: actor.personId,
      action: 'outcomeReport.listed',
      targetType: 'patient',
      targetId: patient.id,
      patientId: patient.id,
      clientAddress,
      details: { reports: rows.map(({ r }) => ({ panelId: r.panelId, version: r.version })) },
    });
    return {
      reports: rows.map(({ r, title, status, ernCode, ernName, signer }) => ({
        panelId: r.panelId,
        panelTitle: title,
        panelStatus: status,
        ern: { code: ernCode, name: ernName },
        version: r.version,
        amendmentReason: r.amendmentReason,
        conclusion: OutcomeReportContent.parse(r.signedContent).conclusion,
        signedAt: r.signedAt!,
        signedBy: signer,
        contentHash: r.contentHash!,
        pdfSize: r.pdfSize,
      })),
    };
  });
}
