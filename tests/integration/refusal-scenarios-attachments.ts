import { randomUUID } from 'node:crypto';
import type { TestApp } from '../../src/testing/test-app.ts';
import { pdfFile, uploadRequest } from './attachments-test-app.ts';
import type { ActorName, Cast } from './refusal-cast.ts';
import type { Scenario } from './refusal-fixtures.ts';
import { invisibleToOutsiders } from './refusal-fixtures.ts';

const careConsent = { givenBy: 'legalRepresentative', representativeRelation: 'mother', givenOn: '2026-01-01', formVersion: 'care-2025-1', language: 'de', evidence: 'attestation' } as const;

/** A patient of Universitätsklinikum Waldstadt, enrolled by its health professional. */
async function waldstadtPatient(t: TestApp, cast: Cast): Promise<string> {
  const identity = { givenName: 'Matrix', familyName: 'Files', dateOfBirth: '2013-06-07', recordNumber: `MXF-${randomUUID().slice(0, 10)}`, nationalId: null };
  const response = await t.app.inject({ method: 'POST', url: '/api/patients', headers: cast.hp.session!.headers, payload: { hospitalId: cast.orgs.waldstadt, careConsent, nickname: 'Matrix files', sex: 'unknown', identity } });
  return response.json<{ id: string }>().id;
}

/** A patient with one PDF attached by the hospital's health professional. */
async function patientWithAttachment(t: TestApp, cast: Cast): Promise<{ patientId: string; attachmentId: string }> {
  const patientId = await waldstadtPatient(t, cast);
  const response = await t.app.inject(uploadRequest(cast.hp.session, patientId, [['kind', 'document']], { filename: 'letter.pdf', content: pdfFile('matrix') }));
  return { patientId, attachmentId: response.json<{ id: string }>().id };
}

/**
 * Attachments: the enrolling hospital's staff only; to everyone else the patient's files do not exist.
 * The upload is multipart, so its request carries the actor's own session headers with its content type.
 */
export const attachmentScenarios: Record<string, Scenario> = {
  'POST /api/patients/:id/attachments': {
    allowed: 'hp',
    refusals: invisibleToOutsiders,
    request: async (t, cast, actor: ActorName) => uploadRequest(cast[actor].session, await waldstadtPatient(t, cast), [['kind', 'report'], ['description', 'Matrix upload']], { filename: 'report.pdf', content: pdfFile('matrix upload') }),
  },
  'GET /api/patients/:id/attachments': { allowed: 'hp', refusals: invisibleToOutsiders, request: async (t, cast) => ({ method: 'GET', url: `/api/patients/${(await patientWithAttachment(t, cast)).patientId}/attachments` }) },
  'GET /api/patients/:id/attachments/:attachmentId/content': {
    allowed: 'hp',
    refusals: invisibleToOutsiders,
    request: async (t, cast) => {
      const { patientId, attachmentId } = await patientWithAttachment(t, cast);
      return { method: 'GET', url: `/api/patients/${patientId}/attachments/${attachmentId}/content` };
    },
  },
  'DELETE /api/patients/:id/attachments/:attachmentId': {
    allowed: 'hp',
    refusals: invisibleToOutsiders,
    request: async (t, cast) => {
      const { patientId, attachmentId } = await patientWithAttachment(t, cast);
      return { method: 'DELETE', url: `/api/patients/${patientId}/attachments/${attachmentId}` };
    },
  },
};
