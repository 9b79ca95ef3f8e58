import { randomUUID } from 'node:crypto';
import type { Scenario } from './refusal-fixtures.ts';
import { affiliationOf, forbiddenToOthers, freshPersonId, membershipFixture } from './refusal-fixtures.ts';

/** Administration: ERN settings (administrators and the ERN's coordinators) and platform administration. */
export const adminScenarios: Record<string, Scenario> = {
  'GET /api/erns/:ernId/settings': { allowed: 'coordinator', refusals: forbiddenToOthers, request: async (_t, cast) => ({ method: 'GET', url: `/api/erns/${cast.orgs.rnd}/settings` }) },
  'PATCH /api/erns/:ernId/settings': {
    allowed: 'coordinator',
    refusals: forbiddenToOthers,
    request: async (_t, cast) => ({ method: 'PATCH', url: `/api/erns/${cast.orgs.rnd}/settings`, payload: { helpdeskEmail: 'helpdesk.rnd@training.open-cpms.eu' } }),
  },
  'POST /api/admin/hospitals': {
    allowed: 'admin',
    refusals: forbiddenToOthers,
    request: async () => ({ method: 'POST', url: '/api/admin/hospitals', payload: { name: `Matrix Klinik ${randomUUID()}`, city: 'Graz', country: 'AT' } }),
  },
  'PUT /api/admin/hospitals/:hospitalId/memberships/:ernId': {
    allowed: 'admin',
    refusals: forbiddenToOthers,
    request: async (t) => {
      const { hospitalId, ernId } = await membershipFixture(t);
      return { method: 'PUT', url: `/api/admin/hospitals/${hospitalId}/memberships/${ernId}`, payload: { type: 'fullMember' } };
    },
  },
  'DELETE /api/admin/hospitals/:hospitalId/memberships/:ernId': {
    allowed: 'admin',
    refusals: forbiddenToOthers,
    request: async (t) => {
      const { hospitalId, ernId } = await membershipFixture(t);
      return { method: 'DELETE', url: `/api/admin/hospitals/${hospitalId}/memberships/${ernId}` };
    },
  },
  'GET /api/admin/people': { allowed: 'admin', refusals: forbiddenToOthers, request: async () => ({ method: 'GET', url: '/api/admin/people?search=Test' }) },
  'POST /api/admin/people': {
    allowed: 'admin',
    refusals: forbiddenToOthers,
    request: async () => ({ method: 'POST', url: '/api/admin/people', payload: { email: `new-${randomUUID()}@hospital.example`, displayName: 'Dr. Matrix', initialPassword: 'violet tractor melody 1984 harbour' } }),
  },
  'POST /api/admin/people/:id/deactivation': { allowed: 'admin', refusals: forbiddenToOthers, request: async (t) => ({ method: 'POST', url: `/api/admin/people/${await freshPersonId(t)}/deactivation` }) },
  'POST /api/admin/people/:id/reactivation': { allowed: 'admin', refusals: forbiddenToOthers, request: async (t) => ({ method: 'POST', url: `/api/admin/people/${await freshPersonId(t)}/reactivation` }) },
  'POST /api/admin/affiliations': {
    allowed: 'admin',
    refusals: forbiddenToOthers,
    request: async (t, cast) => ({ method: 'POST', url: '/api/admin/affiliations', payload: { personId: await freshPersonId(t), role: 'researcher', hospitalId: null, ernId: cast.orgs.rnd, validUntil: null } }),
  },
  'POST /api/admin/affiliations/:id/end': { allowed: 'admin', refusals: forbiddenToOthers, request: async (t, cast) => ({ method: 'POST', url: `/api/admin/affiliations/${await affiliationOf(t, cast, 'researcher')}/end` }) },
  'POST /api/admin/delegations': {
    allowed: 'admin',
    refusals: forbiddenToOthers,
    request: async (t, cast) => ({ method: 'POST', url: '/api/admin/delegations', payload: { assistantId: await freshPersonId(t), principalId: await freshPersonId(t), hospitalId: cast.orgs.waldstadt } }),
  },
  'GET /api/admin/settings': { allowed: 'admin', refusals: forbiddenToOthers, request: async () => ({ method: 'GET', url: '/api/admin/settings' }) },
  'GET /api/audit/events': { allowed: 'admin', refusals: forbiddenToOthers, request: async () => ({ method: 'GET', url: '/api/audit/events?limit=20' }) },
  'PATCH /api/admin/settings': { allowed: 'admin', refusals: forbiddenToOthers, request: async () => ({ method: 'PATCH', url: '/api/admin/settings', payload: { localAccountsEnabled: true } }) },
};
