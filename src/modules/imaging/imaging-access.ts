import { desc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/database.ts';
import { panelShares } from '../../db/schema/index.ts';
import { sessionAccess, type RouteAccess } from '../../http/access.ts';
import { AppError } from '../../http/errors.ts';
import type { Clock } from '../../platform/clock.ts';
import { canHandleAttachments } from '../attachments/attachment-access.ts';
import { hospitalPartition, type AuditAction } from '../audit/audit-actions.contract.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { member } from '../panels/panel-access.ts';
import { findPanel } from '../panels/panel-scope.ts';
import { caseWithheld } from '../panels/read-case.ts';
import type { PatientSummary } from '../patients/patients.contract.ts';
import { findPatient } from '../patients/patients.queries.ts';
import { sharedStudies, type StudyScope } from './imaging.queries.ts';

/** What an imaging route found in the actor's scope: the studies it may see, and how its reads are audited. */
export interface ScopedImaging {
  scope: StudyScope;
  /** The enrolling hospital's own routes only (upload, key): the patient in scope. */
  patient: PatientSummary | undefined;
  hospitalId: string;
  /** Set when reached through a panel: the panel's id goes into every audit event. */
  panelId: string | undefined;
  /** Where this scope's DICOMweb service lives (RetrieveURL answers point there). */
  dicomwebRoot: string;
}

export const auditImaging = (tx: Db | Tx, clock: Clock, scoped: ScopedImaging, event: { actorId: string; action: AuditAction; clientAddress: string; targetType: string; targetId: string; details?: Record<string, unknown> }) =>
  recordAudit(tx, clock, {
    partition: hospitalPartition(scoped.hospitalId),
    actorId: event.actorId,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    patientId: scoped.scope.patientId,
    clientAddress: event.clientAddress,
    details: { ...(scoped.panelId ? { panelId: scoped.panelId } : {}), ...event.details },
  });

/**
 * A patient's studies, for the enrolling hospital's staff (who see the identity, and so may upload and
 * see every study): 404 outside the actor's patient scope, 403 for those who see the patient but not its files.
 */
export const patientImagingAccess = (deps: { db: Db }, rule: string): RouteAccess =>
  sessionAccess(rule, {
    authorize: async (request, actor) => {
      const id = (request.params as { id?: string }).id ?? '';
      const patient = await findPatient(deps.db, actor, id);
      if (!patient) throw new AppError('notFound', 'No such patient.');
      if (!canHandleAttachments(actor, patient)) throw new AppError('forbidden', 'Only the enrolling hospital\'s staff handle this patient\'s images.');
      const scoped: ScopedImaging = { scope: { patientId: patient.id, shared: undefined }, patient, hospitalId: patient.hospitalId, panelId: undefined, dicomwebRoot: `/api/patients/${patient.id}/dicomweb` };
      request.scoped = scoped;
    },
  });

/**
 * A panel's studies: those its latest share gave it, for its lead, members and guests who accepted (404
 * outside the actor's panel scope, 403 for others who see the panel), and none while the case is
 * withheld (409: the care consent was withdrawn).
 */
export const panelImagingAccess = (deps: { db: Db }, rule: string): RouteAccess =>
  sessionAccess(rule, {
    authorize: async (request, actor) => {
      const scopedPanel = await findPanel(deps.db, actor, (request.params as { id?: string }).id ?? '');
      if (!scopedPanel) throw new AppError('notFound', 'No such panel.');
      if (!member(scopedPanel, actor, request)) throw new AppError('forbidden', 'Only the panel\'s members open its images (accept the invitation first).');
      const withheld = await caseWithheld(deps.db, scopedPanel.panel.patientId);
      if (withheld) throw new AppError('conflict', withheld.message);
      const [latest] = await deps.db.select({ id: panelShares.id }).from(panelShares).where(eq(panelShares.panelId, scopedPanel.panel.id)).orderBy(desc(panelShares.seq)).limit(1);
      const shared = latest ? await sharedStudies(deps.db, latest.id) : new Map<string, string>();
      const scoped: ScopedImaging = { scope: { patientId: scopedPanel.panel.patientId, shared }, patient: undefined, hospitalId: scopedPanel.patientHospitalId, panelId: scopedPanel.panel.id, dicomwebRoot: `/api/panels/${scopedPanel.panel.id}/dicomweb` };
      request.scoped = scoped;
    },
  });
