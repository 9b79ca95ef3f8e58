import { eq } from 'drizzle-orm';
import { outcomeReports, panelMembers, panels, panelShares, referrals } from '../../src/db/schema/index.ts';
import type { TestApp } from '../../src/testing/test-app.ts';
import { multipartBody, pdfFile } from './attachments-test-app.ts';
import type { ActorName, Cast } from './refusal-cast.ts';
import type { Request, Scenario } from './refusal-fixtures.ts';
import { forbiddenToOthers, invisibleToOutsiders, selfService, totpFor } from './refusal-fixtures.ts';
import { referralBody, sendReferral } from './referral-fixtures.ts';

/** A fresh referral from the cast's referrer to Waldstadt (whose health professional is the cast's hp). */
const referral = (t: TestApp, cast: Cast) => sendReferral(t, cast.referrer.session!, referralBody(cast.orgs.rnd, cast.orgs.waldstadt));

function uploadTo(referralId: string, cast: Cast, actor: ActorName): Request {
  const body = multipartBody([['kind', 'attachment']], { filename: 'matrix.pdf', content: pdfFile('matrix referral file'), contentType: 'application/pdf' });
  return { method: 'POST', url: `/api/referrals/${referralId}/files`, headers: { ...cast[actor].session?.headers, 'content-type': body.contentType }, payload: body.payload };
}

async function referralWithFile(t: TestApp, cast: Cast): Promise<{ referralId: string; fileId: string }> {
  const referralId = await referral(t, cast);
  const uploaded = await t.app.inject(uploadTo(referralId, cast, 'referrer'));
  if (uploaded.statusCode !== 201) throw new Error(`matrix referral file: ${uploaded.statusCode} ${uploaded.body}`);
  return { referralId, fileId: uploaded.json<{ id: string }>().id };
}

/**
 * A referral accepted by the hp, whose patient's panel (rows written directly: the matrix tests access, not the
 * lifecycle) has version 1 of its outcome report signed through the API, so the referral has a real PDF.
 */
async function referralWithOutcome(t: TestApp, cast: Cast): Promise<string> {
  const referralId = await referral(t, cast);
  const accepted = await t.app.inject({ method: 'POST', url: `/api/referrals/${referralId}/acceptance`, headers: cast.hp.session!.headers, payload: {} });
  if (accepted.statusCode !== 200) throw new Error(`matrix acceptance: ${accepted.statusCode} ${accepted.body}`);
  const { patientId } = accepted.json<{ patientId: string }>();
  const now = t.clock.now().toISOString();
  const lead = cast.hp.person!.personId;
  const [panel] = await t.database.db
    .insert(panels)
    .values({ ernId: cast.orgs.rnd, patientId, type: 'diagnosis', urgency: 'routine', title: 'Matrix referral panel', clinicalQuestion: 'Matrix question for the experts?', status: 'outcomeDrafting', requestedBy: lead, createdAt: now, updatedAt: now, openedAt: now })
    .returning({ id: panels.id });
  const panelId = panel!.id;
  await t.database.db.insert(panelMembers).values({ panelId, personId: lead, role: 'lead', status: 'accepted', invitedBy: lead, invitedAt: now });
  await t.database.db.insert(panelShares).values({ panelId, seq: 1, patientId, recordVersion: 1, sections: ['phenotypicFeatures'], sharedBy: lead, sharedAt: now });
  await t.database.db.update(referrals).set({ status: 'panelOpened', panelId }).where(eq(referrals.id, referralId));
  const draft = { summary: 'Matrix summary.', conclusion: 'Matrix conclusion.', diagnoses: [], recommendations: { investigations: '', treatment: '', followUp: '' } };
  await t.database.db.insert(outcomeReports).values({ panelId, version: 1, draft, revision: 1, recordVersion: 1, draftedBy: lead, createdAt: now, updatedAt: now });
  const stepUp = await t.app.inject({ method: 'POST', url: '/api/auth/second-factor', headers: cast.hp.session!.headers, payload: { code: await totpFor(t, cast, 'hp') } });
  if (stepUp.statusCode !== 200) throw new Error(`matrix step-up: ${stepUp.statusCode} ${stepUp.body}`);
  const signed = await t.app.inject({ method: 'POST', url: `/api/panels/${panelId}/outcome-reports/1/signature`, headers: cast.hp.session!.headers, payload: { expectedRevision: 1, acknowledgeMissingApprovals: true } });
  if (signed.statusCode !== 200) throw new Error(`matrix signature: ${signed.statusCode} ${signed.body}`);
  return referralId;
}

const withOutcome = new WeakMap<TestApp, Promise<string>>();
const readableOutcome = (t: TestApp, cast: Cast) => {
  const fixture = withOutcome.get(t) ?? referralWithOutcome(t, cast);
  withOutcome.set(t, fixture);
  return fixture;
};

/**
 * Referrals: the referring clinician (while ERN-RND confirms them) and the receiving hospital's staff; to everyone
 * else a referral does not exist (404). Sending needs a referrer affiliation in the named ERN (403 otherwise); the
 * centre's acts are refused to the referrer (403, asserted in referrals.int.test.ts), the referrer's to the centre.
 */
export const referralScenarios: Record<string, Scenario> = {
  'GET /api/referrals/erns': { allowed: 'referrer', refusals: selfService(200), request: async () => ({ method: 'GET', url: '/api/referrals/erns' }) },
  'GET /api/referrals/guide/:ernId': { allowed: 'referrer', refusals: selfService(200), request: async (_t, cast) => ({ method: 'GET', url: `/api/referrals/guide/${cast.orgs.rnd}` }) },
  'POST /api/referrals': { allowed: 'referrer', refusals: forbiddenToOthers, request: async (_t, cast) => ({ method: 'POST', url: '/api/referrals', payload: referralBody(cast.orgs.rnd, cast.orgs.waldstadt) }) },
  // A list is scoped, not refused: outsiders get 200 with none of the referrals (referrals.int.test.ts).
  'GET /api/referrals': { allowed: 'hp', refusals: selfService(200), request: async () => ({ method: 'GET', url: '/api/referrals' }) },
  'GET /api/referrals/:id': { allowed: 'referrer', refusals: invisibleToOutsiders, request: async (t, cast) => ({ method: 'GET', url: `/api/referrals/${await referral(t, cast)}` }) },
  'POST /api/referrals/:id/messages': { allowed: 'hp', refusals: invisibleToOutsiders, request: async (t, cast) => ({ method: 'POST', url: `/api/referrals/${await referral(t, cast)}/messages`, payload: { body: 'Matrix question?', requestsInformation: true } }) },
  'POST /api/referrals/:id/review': { allowed: 'hp', refusals: invisibleToOutsiders, request: async (t, cast) => ({ method: 'POST', url: `/api/referrals/${await referral(t, cast)}/review` }) },
  'POST /api/referrals/:id/acceptance': { allowed: 'hp', refusals: invisibleToOutsiders, request: async (t, cast) => ({ method: 'POST', url: `/api/referrals/${await referral(t, cast)}/acceptance`, payload: {} }) },
  'POST /api/referrals/:id/decline': { allowed: 'hp', refusals: invisibleToOutsiders, request: async (t, cast) => ({ method: 'POST', url: `/api/referrals/${await referral(t, cast)}/decline`, payload: { reason: 'Matrix decline.' } }) },
  'POST /api/referrals/:id/files': { allowed: 'referrer', refusals: invisibleToOutsiders, request: async (t, cast, actor) => uploadTo(await referral(t, cast), cast, actor) },
  'GET /api/referrals/:id/files/:fileId/content': {
    allowed: 'hp',
    refusals: invisibleToOutsiders,
    request: async (t, cast) => {
      const { referralId, fileId } = await referralWithFile(t, cast);
      return { method: 'GET', url: `/api/referrals/${referralId}/files/${fileId}/content` };
    },
  },
  'GET /api/referrals/:id/outcome-report': { allowed: 'referrer', refusals: invisibleToOutsiders, request: async (t, cast) => ({ method: 'GET', url: `/api/referrals/${await readableOutcome(t, cast)}/outcome-report` }) },
};
