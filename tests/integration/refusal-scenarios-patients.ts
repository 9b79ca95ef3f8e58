import { randomUUID } from 'node:crypto';
import type { TestApp } from '../../src/testing/test-app.ts';
import type { Cast } from './refusal-cast.ts';
import type { Scenario } from './refusal-fixtures.ts';
import { forbiddenToOthers, invisibleToOutsiders, selfService } from './refusal-fixtures.ts';

const careConsent = { givenBy: 'legalRepresentative', representativeRelation: 'mother', givenOn: '2026-01-01', formVersion: 'care-2025-1', language: 'de', evidence: 'attestation' } as const;

const identity = () => ({ givenName: 'Matrix', familyName: 'Patient', dateOfBirth: '2012-05-04', recordNumber: `MX-${randomUUID().slice(0, 10)}`, nationalId: null });

/** A patient of Universitätsklinikum Waldstadt, enrolled by its health professional. */
async function waldstadtPatient(t: TestApp, cast: Cast): Promise<string> {
  const response = await t.app.inject({ method: 'POST', url: '/api/patients', headers: cast.hp.session!.headers, payload: { hospitalId: cast.orgs.waldstadt, careConsent, nickname: 'Matrix fixture', sex: 'unknown', identity: identity() } });
  return response.json<{ id: string }>().id;
}

/** Patients: the enrolling hospital's staff only; everyone else sees nothing (404) or may not act (403). */
export const patientScenarios: Record<string, Scenario> = {
  'POST /api/patients': {
    allowed: 'hp',
    refusals: forbiddenToOthers,
    request: async (_t, cast) => ({ method: 'POST', url: '/api/patients', payload: { hospitalId: cast.orgs.waldstadt, careConsent, nickname: 'Robin', sex: 'male', identity: identity() } }),
  },
  // A list is scoped, not refused: outsiders get 200 with none of the hospital's patients (patients.int.test.ts).
  'GET /api/patients': { allowed: 'hp', refusals: selfService(200), request: async (_t, cast) => ({ method: 'GET', url: `/api/patients?hospitalId=${cast.orgs.waldstadt}` }) },
  'POST /api/patients/record-number-search': {
    allowed: 'hp',
    refusals: forbiddenToOthers,
    request: async (_t, cast) => ({ method: 'POST', url: '/api/patients/record-number-search', payload: { hospitalId: cast.orgs.waldstadt, recordNumber: 'MX-unknown' } }),
  },
  'GET /api/patients/:id': { allowed: 'hp', refusals: invisibleToOutsiders, request: async (t, cast) => ({ method: 'GET', url: `/api/patients/${await waldstadtPatient(t, cast)}` }) },
  'GET /api/patients/:id/consents': { allowed: 'hp', refusals: invisibleToOutsiders, request: async (t, cast) => ({ method: 'GET', url: `/api/patients/${await waldstadtPatient(t, cast)}/consents` }) },
  'POST /api/patients/:id/consents': {
    allowed: 'hp',
    refusals: invisibleToOutsiders,
    request: async (t, cast) => ({ method: 'POST', url: `/api/patients/${await waldstadtPatient(t, cast)}/consents`, payload: { ...careConsent, kind: 'photographs', scope: null } }),
  },
  'POST /api/patients/:id/consents/:consentId/withdrawal': {
    allowed: 'hp',
    refusals: invisibleToOutsiders,
    request: async (t, cast) => {
      const id = await waldstadtPatient(t, cast);
      const list = await t.app.inject({ method: 'GET', url: `/api/patients/${id}/consents`, headers: cast.hp.session!.headers });
      const consentId = list.json<{ consents: { id: string }[] }>().consents[0]!.id;
      return { method: 'POST', url: `/api/patients/${id}/consents/${consentId}/withdrawal`, payload: { withdrawnOn: '2026-01-01', note: null } };
    },
  },
  // Ids and times only, no clinical content: the hospital's data-protection officers and platform administrators.
  'GET /api/audit/patients/:patientId/access-report': {
    allowed: 'admin',
    refusals: invisibleToOutsiders,
    request: async (t, cast) => ({ method: 'GET', url: `/api/audit/patients/${await waldstadtPatient(t, cast)}/access-report` }),
  },
  'PUT /api/patients/:id/identity': {
    allowed: 'hp',
    refusals: invisibleToOutsiders,
    request: async (t, cast) => ({ method: 'PUT', url: `/api/patients/${await waldstadtPatient(t, cast)}/identity`, payload: identity() }),
  },
};
