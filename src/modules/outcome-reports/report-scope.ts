import { and, eq, inArray, isNull } from 'drizzle-orm';
import { isUuid, type Actor } from '../../access/actor.ts';
import type { Db, Tx } from '../../db/database.ts';
import { panels, patients } from '../../db/schema/index.ts';
import { AppError } from '../../http/errors.ts';
import { findPanel, type ScopedPanel } from '../panels/panel-scope.ts';
import { staffHospitals } from '../patients/patient-scope.ts';

/**
 * Who reads a panel's outcome reports — the one place that decides it. The panel's scope (its lead, members
 * and guests; the owning ERN's coordinators; invitees, who are told to accept first), and beyond it the
 * enrolling hospital's staff: signed reports stay with the referring clinician, also after a withdrawal of care
 * consent, because they are part of the treatment record. Drafts are the panel's working text: members only.
 */
export interface ReportScope extends ScopedPanel {
  /** The actor is staff of the patient's (enrolling) hospital. */
  enrolling: boolean;
}

export type ReportAccess = 'member' | 'reader' | 'none';

/** 'member' reads drafts too, 'reader' signed versions only, 'none' (an invitee) nothing yet. */
export const reportAccess = (scope: ReportScope): ReportAccess => (scope.role !== null ? 'member' : scope.coordinator || scope.enrolling ? 'reader' : 'none');

/** The panel, if the actor may know of its reports; undefined means 404. `lock` takes the panel row FOR UPDATE. */
export async function findReportPanel(db: Db | Tx, actor: Actor, panelId: string, options: { lock?: boolean } = {}): Promise<ReportScope | undefined> {
  if (!isUuid(panelId)) return undefined;
  const hospitals = staffHospitals(actor);
  const scoped = await findPanel(db, actor, panelId, options);
  if (scoped) return { ...scoped, enrolling: hospitals.includes(scoped.patientHospitalId) };
  if (hospitals.length === 0) return undefined;
  const query = db
    .select({ panel: panels, patientHospitalId: patients.hospitalId })
    .from(panels)
    .innerJoin(patients, eq(patients.id, panels.patientId))
    .where(and(eq(panels.id, panelId), inArray(patients.hospitalId, hospitals), isNull(patients.deletedAt)));
  const [row] = options.lock ? await query.for('update', { of: panels }) : await query;
  if (!row) return undefined;
  return { panel: row.panel, patientHospitalId: row.patientHospitalId, role: null, invitedAs: null, coordinator: false, enrolling: true };
}

/** The panel for a change, locked, still within the actor's reach (404 otherwise). */
export async function lockedReportPanel(tx: Tx, actor: Actor, panelId: string): Promise<ReportScope> {
  const scope = await findReportPanel(tx, actor, panelId, { lock: true });
  if (!scope) throw new AppError('notFound', 'No such panel.');
  return scope;
}

/** Only the panel lead drafts, signs and amends (re-checked inside the writing transaction: the lead may have changed). */
export function requireLead(scope: ReportScope): void {
  if (scope.role !== 'lead') throw new AppError('forbidden', 'Only the panel lead drafts, signs and amends the outcome report.');
}
