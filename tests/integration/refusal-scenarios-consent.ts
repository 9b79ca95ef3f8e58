import { randomUUID } from 'node:crypto';
import type { SignedIn } from '../../src/testing/actors.ts';
import type { TestApp } from '../../src/testing/test-app.ts';
import { multipartBody, pdfFile, uploadRequest } from './attachments-test-app.ts';
import type { ActorName, Cast, RefusedActor } from './refusal-cast.ts';
import type { Scenario } from './refusal-fixtures.ts';
import { forbiddenToOthers, invisibleToOutsiders } from './refusal-fixtures.ts';

const careConsent = { givenBy: 'legalRepresentative', representativeRelation: 'mother', givenOn: '2026-01-01', formVersion: 'care-2025-1', language: 'de', evidence: 'attestation' } as const;

/** Model forms are for every member of staff, whatever their hospital or network; not for guests or researchers. */
const memberStaffOnly: Record<RefusedActor, number> = { anonymous: 401, deactivated: 401, otherHospital: 200, otherErn: 200, expiredGuest: 403, wrongRole: 403 };

/** A Waldstadt patient (care consent on attestation) with a signed consent form uploaded by its health professional. */
async function patientWithConsentForm(t: TestApp, cast: Cast): Promise<{ patientId: string; consentId: string; attachmentId: string }> {
  const identity = { givenName: 'Matrix', familyName: 'Consent', dateOfBirth: '2011-02-03', recordNumber: `MXC-${randomUUID().slice(0, 10)}`, nationalId: null };
  const headers = cast.hp.session!.headers;
  const patientId = (await t.app.inject({ method: 'POST', url: '/api/patients', headers, payload: { hospitalId: cast.orgs.waldstadt, careConsent, nickname: 'Matrix consent', sex: 'unknown', identity } })).json<{ id: string }>().id;
  const attachmentId = (await t.app.inject(uploadRequest(cast.hp.session, patientId, [['kind', 'consentForm']], { filename: 'signed.pdf', content: pdfFile('matrix signed form') }))).json<{ id: string }>().id;
  const consents = (await t.app.inject({ method: 'GET', url: `/api/patients/${patientId}/consents`, headers })).json<{ consents: { id: string }[] }>().consents;
  return { patientId, consentId: consents[0]!.id, attachmentId };
}

function templateUpload(who: SignedIn | undefined) {
  const body = multipartBody([['kind', 'care'], ['language', 'de'], ['version', `matrix-${randomUUID().slice(0, 8)}`], ['title', 'Matrix model form']], { filename: 'model.pdf', content: pdfFile('matrix model form') });
  return { method: 'POST' as const, url: '/api/admin/consent-templates', headers: { ...who?.headers, 'content-type': body.contentType }, payload: body.payload };
}

/** A template published by the administrator. */
async function template(t: TestApp, cast: Cast): Promise<string> {
  return (await t.app.inject(templateUpload(cast.admin.session))).json<{ id: string }>().id;
}

/**
 * Consent evidence (the enrolling hospital's staff; invisible to everyone else) and model consent forms
 * (administrators publish and retire; member staff list and download). Uploads are multipart, so their
 * requests carry the actor's own session headers with the content type.
 */
export const consentScenarios: Record<string, Scenario> = {
  'POST /api/patients/:id/consents/:consentId/evidence': {
    allowed: 'hp',
    refusals: invisibleToOutsiders,
    request: async (t, cast) => {
      const { patientId, consentId, attachmentId } = await patientWithConsentForm(t, cast);
      return { method: 'POST', url: `/api/patients/${patientId}/consents/${consentId}/evidence`, payload: { attachmentId } };
    },
  },
  'POST /api/admin/consent-templates': { allowed: 'admin', refusals: forbiddenToOthers, request: async (_t, cast, actor: ActorName) => templateUpload(cast[actor].session) },
  'GET /api/admin/consent-templates': { allowed: 'admin', refusals: forbiddenToOthers, request: async () => ({ method: 'GET', url: '/api/admin/consent-templates' }) },
  'POST /api/admin/consent-templates/:templateId/retirement': {
    allowed: 'admin',
    refusals: forbiddenToOthers,
    request: async (t, cast) => ({ method: 'POST', url: `/api/admin/consent-templates/${await template(t, cast)}/retirement` }),
  },
  'GET /api/consent-templates': { allowed: 'hp', refusals: memberStaffOnly, request: async () => ({ method: 'GET', url: '/api/consent-templates?kind=care&language=de' }) },
  'GET /api/consent-templates/:templateId/content': {
    allowed: 'hp',
    refusals: memberStaffOnly,
    request: async (t, cast) => ({ method: 'GET', url: `/api/consent-templates/${await template(t, cast)}/content` }),
  },
};
