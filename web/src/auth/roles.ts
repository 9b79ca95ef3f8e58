import type { Role } from '../../../src/modules/identity/identity.contract.ts';
import type { SessionInfo } from '../api/auth-api.ts';

export type { Role };

/** Whether the session holds any of these roles (in any ERN or hospital). Navigation only: the server decides. */
export function holdsAnyRole(session: SessionInfo | null | undefined, roles: readonly Role[]): boolean {
  return !!session?.affiliations.some((affiliation) => roles.includes(affiliation.role));
}

/** Who sees which area of the app. */
export const areaRoles = {
  coordination: ['coordinator', 'hospitalRepresentative'],
  administration: ['platformAdministrator'],
  audit: ['platformAdministrator', 'dataProtectionOfficer'],
  patients: ['healthProfessional', 'assistant'],
  panels: ['healthProfessional', 'guestExpert', 'coordinator'],
  meetings: ['healthProfessional', 'guestExpert', 'coordinator'],
  referrals: ['referrer', 'healthProfessional', 'assistant'],
} as const satisfies Record<string, readonly Role[]>;

/** The hospitals where this person works with patients (as a health professional or an assistant), once each. */
export function patientHospitals(session: SessionInfo | null | undefined): { value: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const affiliation of session?.affiliations ?? []) {
    if (!(areaRoles.patients as readonly Role[]).includes(affiliation.role) || !affiliation.hospitalId) continue;
    seen.set(affiliation.hospitalId, affiliation.hospitalName ?? affiliation.hospitalId);
  }
  return [...seen].map(([value, label]) => ({ value, label }));
}
