import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { secondFactorRecent, type Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import { outcomeReports } from '../../db/schema/index.ts';
import { AppError } from '../../http/errors.ts';
import { recordOutcomeSigned } from '../panels/outcome-signed.ts';
import { auditPanel, audited } from '../panels/panel-audit.ts';
import type { OutcomeReportVersion, SignatureInput } from './outcome-reports.contract.ts';
import { renderOutcomeReport } from './render-outcome-report.ts';
import { buildReportContent } from './report-content.ts';
import { deliverSignedReport } from './report-delivery.ts';
import { publishReportChange } from './report-events.ts';
import { notifySigned } from './report-notifications.ts';
import { reportHash } from './report-hash.ts';
import { requireCareConsent, requireComplete, requireWorkable } from './report-rules.ts';
import { lockedReportPanel, requireLead } from './report-scope.ts';
import { draftOf, lockedReport, pendingApprovals, versionViews } from './report-views.ts';

/**
 * Signing has legal weight: the lead's second factor must have been confirmed within the step-up window. A 403
 * the web app recognises by its problem code `stepUpRequired`, and answers by
 * asking for a fresh authenticator code (or a fresh login at the identity provider) and trying again.
 */
export class StepUpRequired extends AppError {
  constructor() {
    super('stepUpRequired', 'Signing needs your second factor again: enter a fresh code from your authenticator (or sign in again at your identity provider), then sign.');
    this.name = 'StepUpRequired';
  }
}

export function requireStepUp(actor: Actor, now: Date): void {
  if (!secondFactorRecent(actor, now)) throw new StepUpRequired();
}

/**
 * Signs the current revision of a version, all or nothing: the signed content (the draft with the panel, the
 * pseudonymous patient, contributors, approvers and signer) is built and hashed, the PDF rendered and stored
 * encrypted, the row frozen, the panel moved to outcomeSigned (version 1, through the lifecycle's seam), the
 * signature audited and the requester told — in one transaction. The blob is written before the commit and
 * removed if the transaction fails, so a failure leaves no signed row, no moved panel and no file.
 */
export async function signOutcomeReport(deps: AppDeps, actor: Actor, panelId: string, version: number, input: SignatureInput, clientAddress: string): Promise<OutcomeReportVersion> {
  const signedAt = deps.clock.now();
  requireStepUp(actor, signedAt);
  const blobKey = randomUUID();
  try {
    return await deps.db.transaction(async (tx) => {
      const scope = await lockedReportPanel(tx, actor, panelId);
      requireLead(scope);
      const report = await lockedReport(tx, panelId, version);
      if (!report) throw new AppError('notFound', `This report has no version ${version}.`);
      if (report.signedAt) throw new AppError('conflict', `Version ${version} is already signed.`);
      requireWorkable(scope.panel.status, version);
      await requireCareConsent(tx, scope.panel.patientId);
      if (report.revision !== input.expectedRevision) {
        throw new AppError('conflict', `The draft has changed since you read it (now revision ${report.revision}, you read revision ${input.expectedRevision}). Read it again before signing.`, [{ path: 'body.expectedRevision', message: `the current revision is ${report.revision}` }]);
      }
      requireComplete(draftOf(report));
      const pending = await pendingApprovals(tx, panelId, report);
      if (pending.length > 0 && input.acknowledgeMissingApprovals !== true) {
        const message = `${pending.length} member${pending.length === 1 ? ' has' : 's have'} not approved revision ${report.revision}. The report names who approved what you sign; to sign anyway, confirm that you sign without their approval.`;
        throw new AppError('unprocessable', message, [{ path: 'body.acknowledgeMissingApprovals', message }]);
      }

      const content = await buildReportContent(tx, { panel: scope.panel, report, signer: { personId: actor.personId, displayName: actor.displayName }, signedAt, environment: deps.config.environment });
      const contentHash = reportHash(content);
      const pdf = await renderOutcomeReport(content, contentHash);
      const stored = await deps.blobs.put(blobKey, (async function* () {
        yield pdf;
      })(), { maxBytes: pdf.byteLength });
      const [signed] = await tx
        .update(outcomeReports)
        .set({ signedBy: actor.personId, signedAt: signedAt.toISOString(), signedContent: content, contentHash, pdfBlobKey: blobKey, pdfWrappedKey: stored.wrappedKey, pdfSize: stored.size, updatedAt: signedAt.toISOString() })
        .where(eq(outcomeReports.id, report.id))
        .returning();
      if (version === 1) await recordOutcomeSigned(tx, deps.clock, { panelId, actor, outcomeReportId: report.id, version, contentHash, clientAddress, publicUrl: deps.config.publicUrl });
      await auditPanel(tx, deps.clock, audited(scope), {
        actorId: actor.personId,
        action: 'outcomeReport.signed',
        clientAddress,
        targetType: 'outcomeReport',
        targetId: report.id,
        details: { version, revision: report.revision, contentHash, approvals: content.approvals.length, withoutApprovalOf: pending.length },
      });
      await deliverSignedReport(tx, deps.clock, deps.config.publicUrl, scope.panel, { version, signerId: actor.personId });
      await notifySigned(tx, deps.clock, { panelId, reportId: report.id, actorId: actor.personId, requestedBy: scope.panel.requestedBy });
      await publishReportChange(tx, deps.clock, panelId, { version, revision: report.revision, state: 'signed' });
      return (await versionViews(tx, panelId, [signed!]))[0]!;
    });
  } catch (error) {
    await deps.blobs.delete(blobKey).catch(() => undefined);
    throw error;
  }
}
