import type { RequestableRole } from '../../api/onboarding-api.ts';

/** Every role one may request, in the order the form offers them (a Record, so none is forgotten). */
const order: Record<RequestableRole, number> = {
  healthProfessional: 1,
  assistant: 2,
  guestExpert: 3,
  coordinator: 4,
  hospitalRepresentative: 5,
  dataProtectionOfficer: 6,
  researcher: 7,
  referrer: 8,
};

export const requestableRoles = (Object.keys(order) as RequestableRole[]).sort((a, b) => order[a] - order[b]);

/**
 * Roles held at a hospital (the request names one that is a member of the network). Mirrors the
 * server's rule in onboarding.ts; the server refuses a request without the hospital anyway.
 */
export const hospitalBoundRoles: readonly RequestableRole[] = ['healthProfessional', 'assistant', 'hospitalRepresentative', 'dataProtectionOfficer'];
