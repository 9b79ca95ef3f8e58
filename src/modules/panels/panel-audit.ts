import type { Tx } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import { hospitalPartition, type AuditAction } from '../audit/audit-actions.contract.ts';
import { recordAudit } from '../audit/record-audit.ts';

export interface AuditedPanel {
  panelId: string;
  patientId: string;
  /** The enrolling hospital: panel events are events on its patient, in its chain (and its access reports). */
  patientHospitalId: string;
}

/** Every panel event names the patient, so the per-patient access report shows who read or changed what. */
export const auditPanel = (tx: Tx, clock: Clock, panel: AuditedPanel, event: { actorId: string | null; action: AuditAction; clientAddress: string | null; details?: Record<string, unknown>; targetType?: string; targetId?: string }) =>
  recordAudit(tx, clock, {
    partition: hospitalPartition(panel.patientHospitalId),
    actorId: event.actorId,
    action: event.action,
    targetType: event.targetType ?? 'panel',
    targetId: event.targetId ?? panel.panelId,
    patientId: panel.patientId,
    clientAddress: event.clientAddress,
    details: { panelId: panel.panelId, ...event.details },
  });

export const audited = (scoped: { panel: { id: string; patientId: string }; patientHospitalId: string }): AuditedPanel => ({
  panelId: scoped.panel.id,
  patientId: scoped.panel.patientId,
  patientHospitalId: scoped.patientHospitalId,
});
