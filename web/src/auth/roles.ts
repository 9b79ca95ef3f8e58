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
} as const satisfies Record<string, readonly Role[]>;
