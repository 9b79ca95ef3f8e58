import { randomUUID } from 'node:crypto';
import { createTestPerson, signIn } from '../../src/testing/actors.ts';
import type { TestApp } from '../../src/testing/test-app.ts';
import { trainingDeadlines } from '../../src/seed/seed-panel-settings.ts';
import { diseaseGroupOf, invite, openPanel, patientWithRecord, requestPanel, share, submittedPanel, uploadPdf } from './panel-fixtures.ts';
import type { Cast, RefusedActor } from './refusal-cast.ts';
import type { Scenario } from './refusal-fixtures.ts';
import { forbiddenToOthers, invisibleToOutsiders, selfService } from './refusal-fixtures.ts';

/**
 * Panels: to everyone outside a panel (other hospitals, other ERNs, expired guests, wrong roles) it does
 * not exist; its members (here the cast's health professional, as lead or invitee) and the owning ERN's
 * coordinators are the positive controls. Members of other panels and guests of other panels are
 * proven in src/modules/panels/panel-members.int.test.ts.
 */

/** Coordinators see their own ERN's queue (empty for another ERN's); everyone else may not. */
const coordinatorsOnly: Record<RefusedActor, number> = { anonymous: 401, deactivated: 401, otherHospital: 403, otherErn: 200, expiredGuest: 403, wrongRole: 403 };
/** The directory and saved groups: health professionals and coordinators, of any hospital or network. */
const inviters: Record<RefusedActor, number> = { anonymous: 401, deactivated: 401, otherHospital: 200, otherErn: 200, expiredGuest: 403, wrongRole: 403 };

const patients = new WeakMap<TestApp, Promise<string>>();
/** One patient of Waldstadt with a record (version 1), enrolled by the cast's health professional. */
const patientOf = (t: TestApp, cast: Cast) => {
  if (!patients.has(t)) patients.set(t, patientWithRecord(t, cast.hp.session!, cast.orgs.waldstadt));
  return patients.get(t)!;
};

const readable = new WeakMap<TestApp, Promise<{ panelId: string; attachmentId: string }>>();
/** An open panel the cast's health professional leads, sharing the history and one file (read-only routes share it). */
const readablePanel = (t: TestApp, cast: Cast) => {
  if (!readable.has(t)) {
    readable.set(
      t,
      (async () => {
        const patientId = await patientOf(t, cast);
        const attachmentId = await uploadPdf(t, cast.hp.session!, patientId);
        const panelId = await requestPanel(t, cast.hp.session!, { patientId, ernId: cast.orgs.rnd });
        await share(t, cast.hp.session!, panelId, { recordVersion: 1, sections: ['history'], attachments: [{ attachmentId, label: 'Matrix report' }] });
        await t.app.inject({ method: 'POST', url: `/api/panels/${panelId}/transitions/submit`, headers: cast.hp.session!.headers, payload: {} });
        await t.app.inject({ method: 'POST', url: `/api/panels/${panelId}/transitions/accept`, headers: cast.coordinator.session!.headers, payload: {} });
        return { panelId, attachmentId };
      })(),
    );
  }
  return readable.get(t)!;
};

const draft = async (t: TestApp, cast: Cast) => requestPanel(t, cast.hp.session!, { patientId: await patientOf(t, cast), ernId: cast.orgs.rnd });
const open = async (t: TestApp, cast: Cast) => openPanel(t, cast.hp.session!, cast.coordinator.session!, await patientOf(t, cast), cast.orgs.rnd);
const expert = async (t: TestApp, cast: Cast) => (await createTestPerson(t, { affiliations: [{ role: 'healthProfessional', hospitalId: cast.orgs.noordhaven, ernId: cast.orgs.rnd }] })).personId;

/** An open panel led by a colleague, to which the cast's health professional is invited. */
async function invitedTo(t: TestApp, cast: Cast): Promise<string> {
  const colleague = await signIn(t, await createTestPerson(t, { affiliations: [{ role: 'healthProfessional', hospitalId: cast.orgs.waldstadt, ernId: cast.orgs.rnd }] }));
  const patientId = await patientWithRecord(t, colleague, cast.orgs.waldstadt);
  const panelId = await openPanel(t, colleague, cast.coordinator.session!, patientId, cast.orgs.rnd);
  await invite(t, colleague, panelId, [cast.hp.person!.personId]);
  return panelId;
}

async function expertGroup(t: TestApp, cast: Cast): Promise<string> {
  const response = await t.app.inject({ method: 'POST', url: '/api/expert-groups', headers: cast.coordinator.session!.headers, payload: { ernId: cast.orgs.rnd, name: `Matrix group ${randomUUID().slice(0, 6)}`, description: null, memberIds: [] } });
  return response.json<{ id: string }>().id;
}

const contribution = { expectedVersion: 0, assessment: 'Matrix assessment.', suggestedDiagnoses: [{ code: 'ORPHA:558', label: 'Marfan syndrome' }], suggestedInvestigations: '', freeText: '' };

export const panelScenarios: Record<string, Scenario> = {
  'POST /api/panels': {
    allowed: 'hp',
    refusals: invisibleToOutsiders,
    request: async (t, cast) => ({ method: 'POST', url: '/api/panels', payload: { patientId: await patientOf(t, cast), ernId: cast.orgs.rnd, diseaseGroupId: await diseaseGroupOf(t, cast.orgs.rnd), type: 'diagnosis', urgency: 'routine', title: 'Matrix request', clinicalQuestion: 'Which test should come next for this matrix case?' } }),
  },
  'GET /api/panels/board': { allowed: 'hp', refusals: selfService(200), request: async () => ({ method: 'GET', url: '/api/panels/board' }) },
  'GET /api/panels/triage-queue': { allowed: 'coordinator', refusals: coordinatorsOnly, request: async () => ({ method: 'GET', url: '/api/panels/triage-queue' }) },
  'GET /api/panels/:id': { allowed: 'hp', refusals: invisibleToOutsiders, request: async (t, cast) => ({ method: 'GET', url: `/api/panels/${(await readablePanel(t, cast)).panelId}` }) },
  'PATCH /api/panels/:id': { allowed: 'hp', refusals: invisibleToOutsiders, request: async (t, cast) => ({ method: 'PATCH', url: `/api/panels/${await draft(t, cast)}`, payload: { urgency: 'urgent' } }) },
  'POST /api/panels/:id/transitions/:action': {
    allowed: 'hp',
    refusals: invisibleToOutsiders,
    request: async (t, cast) => {
      const panelId = await draft(t, cast);
      await share(t, cast.hp.session!, panelId, { recordVersion: 1, sections: ['history'] });
      return { method: 'POST', url: `/api/panels/${panelId}/transitions/submit`, payload: {} };
    },
  },
  'POST /api/panels/:id/lead': {
    allowed: 'coordinator',
    refusals: invisibleToOutsiders,
    request: async (t, cast) => ({ method: 'POST', url: `/api/panels/${await submittedPanel(t, cast.hp.session!, await patientOf(t, cast), cast.orgs.rnd)}/lead`, payload: { personId: await expert(t, cast) } }),
  },
  'POST /api/panels/:id/shares': { allowed: 'hp', refusals: invisibleToOutsiders, request: async (t, cast) => ({ method: 'POST', url: `/api/panels/${await draft(t, cast)}/shares`, payload: { recordVersion: 1, sections: ['history'], attachments: [] } }) },
  'GET /api/panels/:id/case': { allowed: 'hp', refusals: invisibleToOutsiders, request: async (t, cast) => ({ method: 'GET', url: `/api/panels/${(await readablePanel(t, cast)).panelId}/case` }) },
  'GET /api/panels/:id/attachments/:attachmentId/content': {
    allowed: 'hp',
    refusals: invisibleToOutsiders,
    request: async (t, cast) => {
      const { panelId, attachmentId } = await readablePanel(t, cast);
      return { method: 'GET', url: `/api/panels/${panelId}/attachments/${attachmentId}/content` };
    },
  },
  'POST /api/panels/:id/invitations': { allowed: 'hp', refusals: invisibleToOutsiders, request: async (t, cast) => ({ method: 'POST', url: `/api/panels/${await open(t, cast)}/invitations`, payload: { personIds: [await expert(t, cast)] } }) },
  'POST /api/panels/:id/guest-invitations': {
    allowed: 'hp',
    refusals: invisibleToOutsiders,
    request: async (t, cast) => ({ method: 'POST', url: `/api/panels/${await open(t, cast)}/guest-invitations`, payload: { email: `guest-${randomUUID()}@test.open-cpms.invalid`, displayName: 'Dr Matrix Guest', justification: 'Matrix guest expert for this case.' } }),
  },
  'POST /api/panels/:id/invitation/acceptance': { allowed: 'hp', refusals: invisibleToOutsiders, request: async (t, cast) => ({ method: 'POST', url: `/api/panels/${await invitedTo(t, cast)}/invitation/acceptance` }) },
  'POST /api/panels/:id/invitation/decline': { allowed: 'hp', refusals: invisibleToOutsiders, request: async (t, cast) => ({ method: 'POST', url: `/api/panels/${await invitedTo(t, cast)}/invitation/decline`, payload: { reason: 'Matrix: not my field.' } }) },
  'GET /api/panels/:id/contributions': { allowed: 'hp', refusals: invisibleToOutsiders, request: async (t, cast) => ({ method: 'GET', url: `/api/panels/${(await readablePanel(t, cast)).panelId}/contributions` }) },
  'PUT /api/panels/:id/contributions/mine': { allowed: 'hp', refusals: invisibleToOutsiders, request: async (t, cast) => ({ method: 'PUT', url: `/api/panels/${await open(t, cast)}/contributions/mine`, payload: contribution }) },
  'GET /api/experts': { allowed: 'hp', refusals: inviters, request: async (_t, cast) => ({ method: 'GET', url: `/api/experts?ernId=${cast.orgs.rnd}` }) },
  'GET /api/expert-groups': { allowed: 'coordinator', refusals: inviters, request: async () => ({ method: 'GET', url: '/api/expert-groups' }) },
  'POST /api/expert-groups': { allowed: 'coordinator', refusals: forbiddenToOthers, request: async (_t, cast) => ({ method: 'POST', url: '/api/expert-groups', payload: { ernId: cast.orgs.rnd, name: 'Matrix group', description: null, memberIds: [] } }) },
  'PUT /api/expert-groups/:id': { allowed: 'coordinator', refusals: invisibleToOutsiders, request: async (t, cast) => ({ method: 'PUT', url: `/api/expert-groups/${await expertGroup(t, cast)}`, payload: { name: 'Matrix group renamed', description: null, memberIds: [] } }) },
  'DELETE /api/expert-groups/:id': { allowed: 'coordinator', refusals: invisibleToOutsiders, request: async (t, cast) => ({ method: 'DELETE', url: `/api/expert-groups/${await expertGroup(t, cast)}` }) },
  'GET /api/panel-settings/:ernId': { allowed: 'hp', refusals: selfService(200), request: async (_t, cast) => ({ method: 'GET', url: `/api/panel-settings/${cast.orgs.rnd}` }) },
  // the seeded deadlines again: the matrix changes nothing other tests rely on
  'PUT /api/panel-settings/:ernId': { allowed: 'coordinator', refusals: forbiddenToOthers, request: async (_t, cast) => ({ method: 'PUT', url: `/api/panel-settings/${cast.orgs.rnd}`, payload: { deadlineDays: trainingDeadlines['ern-rnd'] } }) },
};
