import { and, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { hospitalsWhere, type Actor } from '../../access/actor.ts';
import { patients } from '../../db/schema/patients.ts';

/**
 * Hospitals whose patients the actor sees with their identity: health professionals of the hospital,
 * and assistants there who act for one of its health professionals.
 */
export function staffHospitals(actor: Actor): string[] {
  const assisting = new Set(actor.delegations.map((d) => d.hospitalId));
  return [...new Set([...hospitalsWhere(actor, 'healthProfessional'), ...hospitalsWhere(actor, 'assistant').filter((h) => assisting.has(h))])];
}

/**
 * The one place that decides which patients an actor can see. Today: the enrolling hospital's staff.
 * Panel members never see a patient here: they read what their panel was given through the panels module
 * (`GET /api/panels/:id/case`), pseudonymised.
 */
export function patientScope(actor: Actor): SQL {
  const hospitals = staffHospitals(actor);
  if (hospitals.length === 0) return sql`false`;
  return and(inArray(patients.hospitalId, hospitals), isNull(patients.deletedAt))!;
}

export const canSeeIdentity = (actor: Actor, patient: { hospitalId: string }) => staffHospitals(actor).includes(patient.hospitalId);
export const canEnrolAt = (actor: Actor, hospitalId: string) => staffHospitals(actor).includes(hospitalId);
