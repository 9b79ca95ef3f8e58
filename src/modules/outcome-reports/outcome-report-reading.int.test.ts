import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../db/schema/index.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { approve, draftApproveSign, draftText, listReports, panelDraftingOutcome, pdfText, reportCast, reportsUrl, saveDraft, sign, stepUp, type ReportCast, type Someone } from '../../../tests/integration/outcome-report-fixtures.ts';
import { invite, someone } from '../../../tests/integration/panel-fixtures.ts';
import type { PatientOutcomeReports } from './outcome-reports.contract.ts';

let t: TestApp;
let cast: ReportCast;
beforeAll(async () => {
  t = await createTestApp();
  cast = await reportCast(t);
});
afterAll(async () => {
  await t?.close();
});

const get = (who: Someone, url: string) => t.app.inject({ method: 'GET', url, headers: who.session.headers });

async function withdrawCareConsent(patientId: string): Promise<void> {
  const consents = (await get(cast.lead, `/api/patients/${patientId}/consents`)).json<{ consents: { id: string; kind: string }[] }>();
  const care = consents.consents.find((c) => c.kind === 'care')!;
  const withdrawn = await t.app.inject({ method: 'POST', url: `/api/patients/${patientId}/consents/${care.id}/withdrawal`, headers: cast.lead.session.headers, payload: { withdrawnOn: '2026-06-01', note: null } });
  expect(withdrawn.statusCode, withdrawn.body).toBe(200);
}

describe('reading signed outcome reports', () => {
  it('gives the enrolling hospital\'s staff the signed versions of their patient\'s panels, also after care consent is withdrawn — never the drafts', async () => {
    const { panelId, patientId } = await panelDraftingOutcome(t, cast);
    const signed = await draftApproveSign(t, cast, panelId);
    await t.app.inject({ method: 'POST', url: `${reportsUrl(panelId)}/amendments`, headers: cast.lead.session.headers, payload: { reason: 'A result arrived.' } });
    await saveDraft(t, cast.lead, panelId, 2, 1, draftText('DRAFT-ONLY conclusion of the amendment.'));

    // The colleague is on no panel, but works at the enrolling hospital.
    const forPatient = await get(cast.colleague, `/api/patients/${patientId}/outcome-reports`);
    expect(forPatient.statusCode, forPatient.body).toBe(200);
    expect(forPatient.json<PatientOutcomeReports>().reports).toEqual([
      expect.objectContaining({ panelId, version: 1, contentHash: signed.contentHash, conclusion: signed.content!.conclusion, signedBy: 'Dr. Łucja Wrzosowska', ern: expect.objectContaining({ code: 'ern-rnd' }) as unknown }),
    ]);
    const view = await listReports(t, cast.colleague, panelId);
    expect(view).toMatchObject({ access: 'reader', myRole: null, can: { startDraft: false, editDraft: false, approve: false, sign: false, amend: false } });
    expect(view.versions.map((v) => v.version)).toEqual([1]);
    expect(JSON.stringify(view)).not.toContain('DRAFT-ONLY');
    expect((await get(cast.colleague, `/api/panels/${panelId}`)).statusCode, 'the panel page itself stays with its members').toBe(404);
    expect((await approve(t, cast.colleague, panelId, 2, 1)).statusCode).toBe(403);
    expect((await get(cast.colleague, `${reportsUrl(panelId)}/2/pdf`)).statusCode, 'no PDF of a draft').toBe(404);

    await withdrawCareConsent(patientId);
    const pdf = await get(cast.colleague, `${reportsUrl(panelId)}/1/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(await pdfText(pdf.rawPayload)).toContain(signed.contentHash);
    expect((await get(cast.colleague, `/api/patients/${patientId}/outcome-reports`)).json<PatientOutcomeReports>().reports).toHaveLength(1);
    // The panel keeps its signed reports too, read-only: nothing new is drafted, approved or signed.
    const memberView = await listReports(t, cast.member, panelId);
    expect(memberView.blocked).toMatch(/withdrawn their care consent/);
    expect(memberView.can).toMatchObject({ editDraft: false, approve: false, sign: false });
    expect((await get(cast.member, `${reportsUrl(panelId)}/1/pdf`)).statusCode).toBe(200);
    expect((await saveDraft(t, cast.lead, panelId, 2, 2)).statusCode).toBe(409);
    expect((await approve(t, cast.member, panelId, 2, 2)).statusCode).toBe(409);
    await stepUp(t, cast.lead);
    expect((await sign(t, cast.lead, panelId, 2, { expectedRevision: 2, acknowledgeMissingApprovals: true })).statusCode).toBe(409);

    const reads = await t.database.db.select({ action: auditEvents.action }).from(auditEvents).where(and(eq(auditEvents.patientId, patientId), eq(auditEvents.actorId, cast.colleague.person.personId)));
    expect(reads.map((r) => r.action)).toEqual(expect.arrayContaining(['outcomeReport.listed', 'outcomeReport.viewed', 'outcomeReport.downloaded']));
  });

  it('lets the owning ERN\'s coordinators read and download signed versions', async () => {
    const { panelId } = await panelDraftingOutcome(t, cast);
    await saveDraft(t, cast.lead, panelId, 1, 0, draftText('DRAFT-ONLY before signing.'));
    expect(JSON.stringify(await listReports(t, cast.coordinator, panelId))).not.toContain('DRAFT-ONLY');
    const signed = await draftApproveSign(t, cast, panelId);
    const view = await listReports(t, cast.coordinator, panelId);
    expect(view.versions.map((v) => [v.version, v.contentHash])).toEqual([[1, signed.contentHash]]);
    expect((await get(cast.coordinator, `${reportsUrl(panelId)}/1/pdf`)).statusCode).toBe(200);
    expect((await get(cast.coordinator, `/api/patients/${(await panelPatient(panelId))}/outcome-reports`)).statusCode, 'the patient is the hospital\'s').toBe(404);
  });

  it('hides every outcome report route from outsiders (404) and asks invitees to accept first (403)', async () => {
    const { panelId, patientId } = await panelDraftingOutcome(t, cast);
    const invitee = await someone(t, [{ role: 'healthProfessional', hospitalId: cast.orgs.sainteAurore, ernId: cast.orgs.rnd }]);
    await invite(t, cast.lead.session, panelId, [invitee.person.personId]);
    await draftApproveSign(t, cast, panelId);
    const routes = [
      { method: 'GET', url: reportsUrl(panelId) },
      { method: 'GET', url: `${reportsUrl(panelId)}/1/pdf` },
      { method: 'GET', url: `${reportsUrl(panelId)}/verification?hash=${'a'.repeat(64)}` },
      { method: 'PUT', url: `${reportsUrl(panelId)}/2/draft`, payload: { expectedRevision: 0, ...draftText() } },
      { method: 'POST', url: `${reportsUrl(panelId)}/2/approvals`, payload: { revision: 1 } },
      { method: 'POST', url: `${reportsUrl(panelId)}/2/signature`, payload: { expectedRevision: 1 } },
      { method: 'POST', url: `${reportsUrl(panelId)}/amendments`, payload: { reason: 'Outsider amendment.' } },
      { method: 'GET', url: `/api/patients/${patientId}/outcome-reports` },
    ] as const;
    for (const route of routes) {
      for (const outsider of [cast.outsider, cast.otherCoordinator]) {
        const response = await t.app.inject({ ...route, headers: outsider.session.headers });
        expect(response.statusCode, `${route.method} ${route.url}`).toBe(404);
      }
      const anonymous = await t.app.inject({ ...route });
      expect(anonymous.statusCode).toBe(401);
      if (!route.url.startsWith('/api/patients')) expect((await t.app.inject({ ...route, headers: invitee.session.headers })).statusCode, `${route.method} ${route.url} by an invitee`).toBe(403);
    }
    expect((await get(cast.outsider, `/api/panels/00000000-0000-4000-8000-000000000000/outcome-reports`)).statusCode).toBe(404);
    expect((await get(cast.outsider, `/api/panels/not-a-uuid/outcome-reports`)).statusCode).toBe(404);
  });
});

async function panelPatient(panelId: string): Promise<string> {
  const [row] = await t.database.query<{ patient_id: string }>('select patient_id from panels where id = $1', [panelId]);
  return row!.patient_id;
}
