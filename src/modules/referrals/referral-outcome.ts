import { eq } from 'drizzle-orm';
import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import { outcomeReports, panels } from '../../db/schema/index.ts';
import { AppError } from '../../http/errors.ts';
import { downloadOutcomePdf, type ReportDownload } from '../outcome-reports/read-reports.ts';
import type { ReportScope } from '../outcome-reports/report-scope.ts';
import type { ScopedReferral } from './referral-scope.ts';

/**
 * The signed outcome report of the panel that came from this referral — that version and nothing else of the
 * panel. The referring clinician is outside the panel's scope: this is the one, named way they reach it, through
 * the outcome-reports module's own download (decrypted as it streams, audited in the receiving hospital's chain).
 */
export async function downloadReferralOutcome(deps: AppDeps, actor: Actor, scoped: ScopedReferral, clientAddress: string): Promise<ReportDownload> {
  const r = scoped.referral;
  if (r.status !== 'outcomeAvailable' || !r.outcomeReportId || !r.panelId) throw new AppError('conflict', 'No signed outcome report has come back for this referral yet.');
  const [report] = await deps.db.select({ version: outcomeReports.version }).from(outcomeReports).where(eq(outcomeReports.id, r.outcomeReportId));
  const [panel] = await deps.db.select().from(panels).where(eq(panels.id, r.panelId));
  if (!report || !panel) throw new Error(`referral ${r.id} points at a missing report or panel`);
  const referringClinician: ReportScope = { panel, patientHospitalId: r.hospitalId, role: null, invitedAs: null, coordinator: false, enrolling: scoped.side === 'centre' };
  return downloadOutcomePdf(deps, actor, referringClinician, report.version, clientAddress);
}
