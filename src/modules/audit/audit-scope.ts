import { inArray, sql, type SQL } from 'drizzle-orm';
import { hasRole, hospitalsWhere, isPlatformAdministrator, type Actor } from '../../access/actor.ts';
import { auditEvents } from '../../db/schema/index.ts';
import { hospitalPartition } from './audit-actions.contract.ts';

/**
 * Which audit events an actor may see — the one scoping function for the audit trail. Events hold ids
 * only, so a platform administrator sees all of them; a hospital's data-protection officer sees their
 * hospital's chain. Anyone else sees none and is refused (undefined).
 *
 * TODO(patients issue): a DPO must also see events whose patient belongs to their hospital, wherever
 * they were written (a panel of another ERN reading the record): add
 * `OR patient_id IN (their hospital's patients) OR EXISTS (audit_event_patients ...)` once patients exist.
 */
export type AuditScope = { all: true } | { all: false; partitions: string[] };

export function auditScopeOf(actor: Actor): AuditScope | undefined {
  if (isPlatformAdministrator(actor)) return { all: true };
  const hospitals = hospitalsWhere(actor, 'dataProtectionOfficer');
  return hospitals.length > 0 ? { all: false, partitions: hospitals.map(hospitalPartition) } : undefined;
}

/** The WHERE condition of a scope (undefined: no condition). */
export const auditScopeWhere = (scope: AuditScope): SQL | undefined =>
  scope.all ? undefined : scope.partitions.length > 0 ? inArray(auditEvents.partition, scope.partitions) : sql`false`;

/**
 * Who may read a patient's access report: platform administrators, and the data-protection officers of
 * the patient's hospital. 'hidden' (404) for those who cannot see the patient at all.
 *
 * TODO(patients issue): "can see the patient" is approximated by an affiliation at the patient's
 * hospital; replace it with the patients module's scoping function.
 */
export function accessReportDecision(actor: Actor, hospitalId: string): 'allowed' | 'forbidden' | 'hidden' {
  if (isPlatformAdministrator(actor) || hasRole(actor, 'dataProtectionOfficer', { hospitalId })) return 'allowed';
  return actor.affiliations.some((a) => a.hospitalId === hospitalId) ? 'forbidden' : 'hidden';
}
