import { desc, eq } from 'drizzle-orm';
import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Tx } from '../../db/database.ts';
import { outcomeReports, panelShares } from '../../db/schema/index.ts';
import { AppError } from '../../http/errors.ts';
import { auditPanel, audited } from '../panels/panel-audit.ts';
import { OutcomeReportContent } from './outcome-report-content.contract.ts';
import type { AmendmentInput, DraftInput, OutcomeReportDraft, OutcomeReportVersion } from './outcome-reports.contract.ts';
import { publishReportChange } from './report-events.ts';
import { notifyApprovalRequested } from './report-notifications.ts';
import { checkDraft, requireCareConsent, requireWorkable } from './report-rules.ts';
import { lockedReportPanel, requireLead } from './report-scope.ts';
import { lockedReport, reportRows, versionViews } from './report-views.ts';

/** The record version the panel was last given: what a report drafted now is based on. */
async function latestSharedVersion(tx: Tx, panelId: string): Promise<number> {
  const [share] = await tx.select({ recordVersion: panelShares.recordVersion }).from(panelShares).where(eq(panelShares.panelId, panelId)).orderBy(desc(panelShares.seq)).limit(1);
  if (!share) throw new AppError('conflict', 'The panel has not been given the record: share it before drafting the outcome.');
  return share.recordVersion;
}

/**
 * Saves the lead's draft of a version: expectedRevision 0 creates version 1 (while the panel drafts its
 * outcome), later saves name the revision they edited — a save on a stale revision is a 409, never a silent
 * overwrite. Each save is a new revision, so approvals of the previous one no longer count for it.
 */
export async function saveOutcomeDraft(deps: AppDeps, actor: Actor, panelId: string, version: number, input: DraftInput, clientAddress: string): Promise<OutcomeReportVersion> {
  const { expectedRevision, ...text } = input;
  return deps.db.transaction(async (tx) => {
    const scope = await lockedReportPanel(tx, actor, panelId);
    requireLead(scope);
    const existing = await lockedReport(tx, panelId, version);
    if (!existing && version !== 1) throw new AppError('notFound', `This report has no version ${version}: start an amendment first.`);
    if (existing?.signedAt) throw new AppError('conflict', `Version ${version} is signed and frozen; start an amendment to change the report.`);
    requireWorkable(scope.panel.status, version);
    await requireCareConsent(tx, scope.panel.patientId);
    const draft = checkDraft(text);
    const current = existing?.revision ?? 0;
    if (current !== expectedRevision) {
      throw new AppError('conflict', `The draft has changed since you opened it (now revision ${current}, you edited revision ${expectedRevision}). Reload it, then make your change again.`, [{ path: 'body.expectedRevision', message: `the current revision is ${current}` }]);
    }
    const now = deps.clock.now().toISOString();
    const recordVersion = await latestSharedVersion(tx, panelId);
    const [row] = existing
      ? await tx.update(outcomeReports).set({ draft, revision: current + 1, recordVersion, updatedAt: now }).where(eq(outcomeReports.id, existing.id)).returning()
      : await tx.insert(outcomeReports).values({ panelId, version: 1, draft, revision: 1, recordVersion, draftedBy: actor.personId, createdAt: now, updatedAt: now }).returning();
    await auditPanel(tx, deps.clock, audited(scope), { actorId: actor.personId, action: 'outcomeReport.drafted', clientAddress, targetType: 'outcomeReport', targetId: row!.id, details: { version, revision: row!.revision } });
    if (!existing) await notifyApprovalRequested(tx, deps.clock, { panelId, reportId: row!.id, actorId: actor.personId });
    await publishReportChange(tx, deps.clock, panelId, { version, revision: row!.revision, state: 'draft' });
    return (await versionViews(tx, panelId, [row!]))[0]!;
  });
}

/**
 * Starts the next version from the last signed content, with the reason (also after closing). The panel's
 * status does not change, and every earlier version stays as it was signed.
 */
export async function startAmendment(deps: AppDeps, actor: Actor, panelId: string, input: AmendmentInput, clientAddress: string): Promise<OutcomeReportVersion> {
  return deps.db.transaction(async (tx) => {
    const scope = await lockedReportPanel(tx, actor, panelId);
    requireLead(scope);
    requireWorkable(scope.panel.status, 2);
    await requireCareConsent(tx, scope.panel.patientId);
    const rows = await reportRows(tx, panelId);
    const open = rows.find((r) => r.signedAt === null);
    if (open) throw new AppError('conflict', `Version ${open.version} is being drafted: sign it (or go on editing it) before starting another.`);
    const last = rows.find((r) => r.signedAt !== null);
    if (!last) throw new AppError('conflict', 'Only a signed report can be amended.');
    const signed = OutcomeReportContent.parse(last.signedContent);
    const draft: OutcomeReportDraft = { summary: signed.summary, conclusion: signed.conclusion, diagnoses: signed.diagnoses, recommendations: signed.recommendations };
    const now = deps.clock.now().toISOString();
    const version = last.version + 1;
    const [row] = await tx
      .insert(outcomeReports)
      .values({ panelId, version, draft, revision: 1, recordVersion: await latestSharedVersion(tx, panelId), amendmentReason: input.reason, draftedBy: actor.personId, createdAt: now, updatedAt: now })
      .returning();
    await auditPanel(tx, deps.clock, audited(scope), { actorId: actor.personId, action: 'outcomeReport.amendmentStarted', clientAddress, targetType: 'outcomeReport', targetId: row!.id, details: { version, amends: last.version } });
    await notifyApprovalRequested(tx, deps.clock, { panelId, reportId: row!.id, actorId: actor.personId });
    await publishReportChange(tx, deps.clock, panelId, { version, revision: 1, state: 'draft' });
    return (await versionViews(tx, panelId, [row!]))[0]!;
  });
}
