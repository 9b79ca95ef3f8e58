import { randomUUID } from 'node:crypto';
import type { TestApp } from '../../src/testing/test-app.ts';
import type { Cast } from './refusal-cast.ts';
import type { Scenario } from './refusal-fixtures.ts';
import { invisibleToOutsiders } from './refusal-fixtures.ts';

const careConsent = { givenBy: 'patient', representativeRelation: null, givenOn: '2026-01-01', formVersion: 'care-2025-1', language: 'de', evidence: 'attestation' } as const;

/** A patient of Universitätsklinikum Waldstadt, enrolled by its health professional, with a record at version 1. */
async function patientWithRecord(t: TestApp, cast: Cast): Promise<string> {
  const headers = cast.hp.session!.headers;
  const identity = { givenName: 'Matrix', familyName: 'Record', dateOfBirth: '2013-02-03', recordNumber: `MR-${randomUUID().slice(0, 10)}`, nationalId: null };
  const enrolled = await t.app.inject({ method: 'POST', url: '/api/patients', headers, payload: { hospitalId: cast.orgs.waldstadt, careConsent, nickname: 'Matrix record', sex: 'female', identity } });
  const id = enrolled.json<{ id: string }>().id;
  await t.app.inject({ method: 'PUT', url: `/api/patients/${id}/record/sections/history`, headers, payload: { expectedVersion: 0, content: { medicalHistory: 'Matrix fixture.', familyHistory: '' } } });
  return id;
}

const phenopacket = {
  id: 'matrix',
  phenotypicFeatures: [{ type: { id: 'HP:0001250', label: 'Seizure' }, onset: { age: { iso8601duration: 'P2Y' } } }],
  diseases: [{ term: { id: 'ORPHA:33069', label: 'Dravet syndrome' } }],
  metaData: { phenopacketSchemaVersion: '2.0' },
};

/** Case records: within the patient's scope only (everyone else: 404); changes by the enrolling hospital's staff. */
export const recordScenarios: Record<string, Scenario> = {
  'GET /api/patients/:id/record': { allowed: 'hp', refusals: invisibleToOutsiders, request: async (t, cast) => ({ method: 'GET', url: `/api/patients/${await patientWithRecord(t, cast)}/record` }) },
  'GET /api/patients/:id/record/versions': { allowed: 'hp', refusals: invisibleToOutsiders, request: async (t, cast) => ({ method: 'GET', url: `/api/patients/${await patientWithRecord(t, cast)}/record/versions` }) },
  'GET /api/patients/:id/record/versions/:version': { allowed: 'hp', refusals: invisibleToOutsiders, request: async (t, cast) => ({ method: 'GET', url: `/api/patients/${await patientWithRecord(t, cast)}/record/versions/1` }) },
  'PUT /api/patients/:id/record/sections/:section': {
    allowed: 'hp',
    refusals: invisibleToOutsiders,
    request: async (t, cast) => ({ method: 'PUT', url: `/api/patients/${await patientWithRecord(t, cast)}/record/sections/phenotypicFeatures`, payload: { expectedVersion: 1, content: phenopacket.phenotypicFeatures.map((f) => ({ ...f, excluded: false })) } }),
  },
  'POST /api/patients/:id/record/phenopacket-import': {
    allowed: 'hp',
    refusals: invisibleToOutsiders,
    request: async (t, cast) => ({ method: 'POST', url: `/api/patients/${await patientWithRecord(t, cast)}/record/phenopacket-import`, payload: { expectedVersion: 1, mode: 'merge', phenopacket } }),
  },
  'GET /api/patients/:id/record/phenopacket': { allowed: 'hp', refusals: invisibleToOutsiders, request: async (t, cast) => ({ method: 'GET', url: `/api/patients/${await patientWithRecord(t, cast)}/record/phenopacket` }) },
};
