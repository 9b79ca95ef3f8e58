import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import { outcomeReportApprovals } from '../../db/schema/index.ts';
import { AppError } from '../../http/errors.ts';
import { auditPanel, audited } from '../panels/panel-audit.ts';
import type { ApprovalInput, OutcomeReportVersion } from './outcome-reports.contract.ts';
import { publishReportChange } from './report-events.ts';
import { requireCareConsent, requireWorkable } from './report-rules.ts';
import { findReportPanel } from './report-scope.ts';
import { lockedReport, versionViews } from './report-views.ts';

/**
 * A member (lead, member or guest who accepted) agrees with one revision of a draft, optionally with a
 * comment. The revision must be the current one: agreeing with text that has since changed would be
 * meaningless (409). Approving the same revision again only updates the comment.
 */
export async function approveOutcomeReport(deps: AppDeps, actor: Actor, panelId: string, version: number, input: ApprovalInput, clientAddress: string): Promise<OutcomeReportVersion> {
  return deps.db.transaction(async (tx) => {
    const scope = await findReportPanel(tx, actor, panelId);
    if (!scope) throw new AppError('notFound', 'No such panel.');
    if (scope.role === null) throw new AppError('forbidden', 'Only the panel\'s members approve its outcome report.');
    // The report row's lock orders approvals and the signature: a signature sees every approval committed before it.
    const report = await lockedReport(tx, panelId, version);
    if (!report) throw new AppError('notFound', `This report has no version ${version}.`);
    if (report.signedAt) throw new AppError('conflict', `Version ${version} is already signed.`);
    requireWorkable(scope.panel.status, version);
    await requireCareConsent(tx, scope.panel.patientId);
    if (report.revision !== input.revision) {
      throw new AppError('conflict', `The draft has changed since you read it (now revision ${report.revision}, you read revision ${input.revision}). Read it again before approving.`, [{ path: 'body.revision', message: `the current revision is ${report.revision}` }]);
    }
    const comment = input.comment ? input.comment : null;
    const now = deps.clock.now().toISOString();
    await tx
      .insert(outcomeReportApprovals)
      .values({ reportId: report.id, personId: actor.personId, revision: report.revision, approvedAt: now, comment })
      .onConflictDoUpdate({ target: [outcomeReportApprovals.reportId, outcomeReportApprovals.personId, outcomeReportApprovals.revision], set: { comment } });
    await auditPanel(tx, deps.clock, audited(scope), { actorId: actor.personId, action: 'outcomeReport.approved', clientAddress, targetType: 'outcomeReport', targetId: report.id, details: { version, revision: report.revision } });
    await publishReportChange(tx, deps.clock, panelId, { version, revision: report.revision, state: 'draft' });
    return (await versionViews(tx, panelId, [report]))[0]!;
  });
}
