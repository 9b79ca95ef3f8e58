import { randomUUID } from 'node:crypto';
import { outcomeReports, panelMembers, panels, panelShares } from '../../src/db/schema/index.ts';
import type { OutcomeReportContent } from '../../src/modules/outcome-reports/outcome-report-content.contract.ts';
import { reportHash } from '../../src/modules/outcome-reports/report-hash.ts';
import type { TestApp } from '../../src/testing/test-app.ts';
import type { Cast } from './refusal-cast.ts';
import type { Scenario } from './refusal-fixtures.ts';
import { invisibleToOutsiders, totpFor } from './refusal-fixtures.ts';

const careConsent = { givenBy: 'patient', representativeRelation: null, givenOn: '2026-01-01', formVersion: 'care-2025-1', language: 'de', evidence: 'attestation' } as const;

const draft = {
  summary: 'Matrix summary.',
  conclusion: 'Matrix conclusion.',
  diagnoses: [{ code: 'ORPHA:96', label: 'Ataxia with vitamin E deficiency', status: 'suspected' as const }],
  recommendations: { investigations: 'Serum vitamin E.', treatment: '', followUp: '' },
};

/** One Waldstadt patient per test app, enrolled by the cast's health professional, with a record at version 1 (a patient has many panels). */
const patients = new WeakMap<TestApp, Promise<string>>();
function matrixPatient(t: TestApp, cast: Cast): Promise<string> {
  const known = patients.get(t);
  if (known) return known;
  const enrolling = (async () => {
    const headers = cast.hp.session!.headers;
    const identity = { givenName: 'Matrix', familyName: 'Outcome', dateOfBirth: '2012-04-05', recordNumber: `MO-${randomUUID().slice(0, 10)}`, nationalId: null };
    const enrolled = await t.app.inject({ method: 'POST', url: '/api/patients', headers, payload: { hospitalId: cast.orgs.waldstadt, careConsent, nickname: 'Matrix outcome', sex: 'male', identity } });
    if (enrolled.statusCode !== 201) throw new Error(`enrolling the matrix patient: ${enrolled.statusCode} ${enrolled.body}`);
    const patientId = enrolled.json<{ id: string }>().id;
    const written = await t.app.inject({ method: 'PUT', url: `/api/patients/${patientId}/record/sections/history`, headers, payload: { expectedVersion: 0, content: { medicalHistory: 'Matrix fixture.', familyHistory: '' } } });
    if (written.statusCode !== 200) throw new Error(`writing the matrix record: ${written.statusCode} ${written.body}`);
    return patientId;
  })();
  patients.set(t, enrolling);
  return enrolling;
}

/**
 * An ERN-RND panel in `status` on the matrix patient (record version 1 shared), led by the cast's health
 * professional — rows written directly: the matrix tests the outcome report's access, not the lifecycle.
 */
async function panelIn(t: TestApp, cast: Cast, status: 'outcomeDrafting' | 'outcomeSigned'): Promise<{ panelId: string; patientId: string }> {
  const patientId = await matrixPatient(t, cast);
  const now = t.clock.now().toISOString();
  const lead = cast.hp.person!.personId;
  const [panel] = await t.database.db
    .insert(panels)
    .values({ ernId: cast.orgs.rnd, patientId, type: 'diagnosis', urgency: 'routine', title: 'Matrix outcome panel', clinicalQuestion: 'Matrix question for the experts?', status, requestedBy: lead, createdAt: now, updatedAt: now, openedAt: now })
    .returning({ id: panels.id });
  const panelId = panel!.id;
  await t.database.db.insert(panelMembers).values({ panelId, personId: lead, role: 'lead', status: 'accepted', invitedBy: lead, invitedAt: now });
  await t.database.db.insert(panelShares).values({ panelId, seq: 1, patientId, recordVersion: 1, sections: ['history'], sharedBy: lead, sharedAt: now });
  return { panelId, patientId };
}

const draftingPanel = (t: TestApp, cast: Cast) => panelIn(t, cast, 'outcomeDrafting');

/** Version 1 signed, written directly (what an amendment starts from; no PDF needed). */
async function signedRow(t: TestApp, cast: Cast) {
  const fixture = await panelIn(t, cast, 'outcomeSigned');
  const now = t.clock.now().toISOString();
  const content: OutcomeReportContent = {
    panel: { id: fixture.panelId, title: 'Matrix outcome panel', ern: 'ERN-RND', diseaseGroup: null, type: 'diagnosis', clinicalQuestion: 'Matrix question for the experts?' },
    patient: { patientCode: 'MTX-0001', sex: 'male', ageBand: null },
    recordVersion: 1,
    ...draft,
    contributors: [],
    approvals: [],
    version: 1,
    amendmentReason: null,
    signedBy: { name: 'Matrix Lead', hospital: null },
    signedAt: now,
    environment: 'training',
  };
  const lead = cast.hp.person!.personId;
  await t.database.db.insert(outcomeReports).values({ panelId: fixture.panelId, version: 1, draft, revision: 1, recordVersion: 1, draftedBy: lead, createdAt: now, updatedAt: now, signedBy: lead, signedAt: now, signedContent: content, contentHash: reportHash(content) });
  return fixture;
}

async function panelWithDraft(t: TestApp, cast: Cast) {
  const fixture = await draftingPanel(t, cast);
  const now = t.clock.now().toISOString();
  await t.database.db.insert(outcomeReports).values({ panelId: fixture.panelId, version: 1, draft, revision: 1, recordVersion: 1, draftedBy: cast.hp.person!.personId, createdAt: now, updatedAt: now });
  return fixture;
}

/** The lead confirms the second factor again (signing needs it within 5 minutes; the matrix's clock moves on). */
async function stepUp(t: TestApp, cast: Cast): Promise<void> {
  const response = await t.app.inject({ method: 'POST', url: '/api/auth/second-factor', headers: cast.hp.session!.headers, payload: { code: await totpFor(t, cast, 'hp') } });
  if (response.statusCode !== 200) throw new Error(`step-up: ${response.statusCode} ${response.body}`);
}

/** Version 1 signed through the API (a real PDF in the blob store). */
async function signedPanel(t: TestApp, cast: Cast) {
  const fixture = await panelWithDraft(t, cast);
  await stepUp(t, cast);
  const signed = await t.app.inject({ method: 'POST', url: `/api/panels/${fixture.panelId}/outcome-reports/1/signature`, headers: cast.hp.session!.headers, payload: { expectedRevision: 1 } });
  if (signed.statusCode !== 200) throw new Error(`signing the matrix fixture: ${signed.statusCode} ${signed.body}`);
  return { ...fixture, contentHash: signed.json<{ contentHash: string }>().contentHash };
}

/** One signed panel per test app for the read-only routes (reading changes nothing but the audit trail). */
const signedForReading = new WeakMap<TestApp, ReturnType<typeof signedPanel>>();
const readablePanel = (t: TestApp, cast: Cast) => {
  const fixture = signedForReading.get(t) ?? signedPanel(t, cast);
  signedForReading.set(t, fixture);
  return fixture;
};

const reports = (panelId: string) => `/api/panels/${panelId}/outcome-reports`;

/**
 * Outcome reports: the panel's lead drafts, signs (with a recent second factor) and amends; members approve; members,
 * the owning ERN's coordinators and the enrolling hospital's staff read. Everyone else does not even see the panel (404).
 */
export const outcomeReportScenarios: Record<string, Scenario> = {
  'GET /api/panels/:id/outcome-reports': { allowed: 'hp', refusals: invisibleToOutsiders, request: async (t, cast) => ({ method: 'GET', url: reports((await readablePanel(t, cast)).panelId) }) },
  'PUT /api/panels/:id/outcome-reports/:version/draft': {
    allowed: 'hp',
    refusals: invisibleToOutsiders,
    request: async (t, cast) => ({ method: 'PUT', url: `${reports((await draftingPanel(t, cast)).panelId)}/1/draft`, payload: { expectedRevision: 0, ...draft } }),
  },
  'POST /api/panels/:id/outcome-reports/:version/approvals': {
    allowed: 'hp',
    refusals: invisibleToOutsiders,
    request: async (t, cast) => ({ method: 'POST', url: `${reports((await panelWithDraft(t, cast)).panelId)}/1/approvals`, payload: { revision: 1, comment: 'Matrix approval.' } }),
  },
  'POST /api/panels/:id/outcome-reports/:version/signature': {
    allowed: 'hp',
    refusals: invisibleToOutsiders,
    request: async (t, cast, actor) => {
      const { panelId } = await panelWithDraft(t, cast);
      if (actor === 'hp') await stepUp(t, cast);
      return { method: 'POST', url: `${reports(panelId)}/1/signature`, payload: { expectedRevision: 1 } };
    },
  },
  'POST /api/panels/:id/outcome-reports/amendments': {
    allowed: 'hp',
    refusals: invisibleToOutsiders,
    request: async (t, cast) => ({ method: 'POST', url: `${reports((await signedRow(t, cast)).panelId)}/amendments`, payload: { reason: 'Matrix amendment.' } }),
  },
  'GET /api/panels/:id/outcome-reports/:version/pdf': { allowed: 'hp', refusals: invisibleToOutsiders, request: async (t, cast) => ({ method: 'GET', url: `${reports((await readablePanel(t, cast)).panelId)}/1/pdf` }) },
  'GET /api/panels/:id/outcome-reports/verification': {
    allowed: 'hp',
    refusals: invisibleToOutsiders,
    request: async (t, cast) => {
      const { panelId, contentHash } = await readablePanel(t, cast);
      return { method: 'GET', url: `${reports(panelId)}/verification?hash=${contentHash}` };
    },
  },
  'GET /api/patients/:id/outcome-reports': { allowed: 'hp', refusals: invisibleToOutsiders, request: async (t, cast) => ({ method: 'GET', url: `/api/patients/${(await readablePanel(t, cast)).patientId}/outcome-reports` }) },
};
